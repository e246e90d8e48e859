import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../../infra/local/free-port.js";
import { registerChannelAccount } from "../../../shared/channels/channel-accounts.js";
import { customerKey, findCustomerByKey } from "../../../shared/customer/customer-keys.js";
import { api, clientId } from "../../support/api.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
const { db } = stack.runtime.ports;

type Mail = {
  messageId: string;
  inReplyTo?: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  from: { address: string };
};

let tenant: TestTenant;
let support: string;

beforeAll(async () => {
  tenant = await createTenant(stack);
  support = `soporte@${tenant.tenantId}.test`;
  await registerChannelAccount(stack.runtime.ports, {
    channel: "email",
    accountId: support,
    tenantId: tenant.tenantId,
    label: support,
  });
});

const someone = () => `cliente-${randomBytes(4).toString("hex")}@example.com`;

async function customerWrites(mail: Record<string, unknown>) {
  const { status, body } = await api(stack.url, "/sim/mail/api/send", {
    method: "POST",
    body: { to: [support], ...mail },
  });
  expect(status).toBeLessThan(300);
  return body.messageId as string;
}

async function conversationsOf(address: string) {
  const customerId = await findCustomerByKey(
    stack.runtime.ports,
    tenant.tenantId,
    customerKey.email(address),
  );
  if (!customerId) return [];
  const { data } = await db.conversation.query.byCustomer({ tenantId: tenant.tenantId, customerId }).go();
  return data;
}

async function messagesIn(conversationId: string) {
  const { data } = await db.message.query.byConversation({ tenantId: tenant.tenantId, conversationId }).go();
  return data;
}

async function mailboxFor(address: string): Promise<Mail[]> {
  const { body } = await api(stack.url, "/sim/mail/api/messages");
  return body.messages.filter((mail: Mail) => mail.to.includes(address));
}

describe("e-mail", () => {
  it("opens a conversation from a customer's mail, and threads the reply and his answer to it", async () => {
    const address = someone();
    const first = await customerWrites({
      from: address,
      subject: "Cobro duplicado",
      text: "Me cobraron dos veces la cuota de noviembre.",
      attachments: [
        {
          fileName: "extracto.pdf",
          contentType: "application/pdf",
          content: Buffer.from("%PDF-1.4 demo").toString("base64"),
        },
      ],
    });
    await waitFor("the mail's conversation", async () =>
      (await conversationsOf(address)).some((c) => c.messageSeq >= 1),
    );
    const [conversation] = await conversationsOf(address);
    expect(conversation).toMatchObject({ channel: "email", subject: "Cobro duplicado", status: "queued" });
    const [received] = await messagesIn(conversation!.conversationId);
    expect(received).toMatchObject({
      text: expect.stringContaining("dos veces"),
      externalId: first,
      email: { subject: "Cobro duplicado", from: address, to: [support], cc: [] },
      attachments: [{ name: "extracto.pdf", contentType: "application/pdf" }],
    });

    const agent = tenant.agents[0]!;
    await api(stack.url, `/api/agent/conversations/${conversation!.conversationId}/take`, {
      method: "POST",
      token: agent.token,
    });
    const { status } = await api(
      stack.url,
      `/api/agent/conversations/${conversation!.conversationId}/messages`,
      {
        method: "POST",
        token: agent.token,
        body: {
          clientMessageId: clientId(),
          text: "Ya lo revisamos: le devolvemos el cargo.",
          email: { cc: ["pagos@example.com"] },
        },
      },
    );
    expect(status).toBe(201);
    await waitFor(
      "the reply in the customer's mailbox",
      async () => (await mailboxFor(address)).length === 1,
    );
    const [reply] = await mailboxFor(address);
    expect(reply).toMatchObject({
      from: { address: support },
      to: [address],
      cc: ["pagos@example.com"],
      subject: "Re: Cobro duplicado",
      inReplyTo: first,
    });

    await customerWrites({
      from: address,
      subject: "Re: Re: Cobro duplicado",
      text: "Gracias, quedo atento.",
      inReplyTo: reply!.messageId,
      references: [first, reply!.messageId],
    });
    await waitFor(
      "his answer in the same conversation",
      async () => (await messagesIn(conversation!.conversationId)).length === 3,
    );
    expect(await conversationsOf(address)).toHaveLength(1);
  });

  it("stores a mail delivered twice once", async () => {
    const address = someone();
    const raw = [
      `From: ${address}`,
      `To: ${support}`,
      "Subject: Dos veces",
      `Message-ID: <${randomBytes(6).toString("hex")}@example.com>`,
      "",
      "Una sola vez, por favor.",
    ].join("\r\n");
    const { receiveEmail } = await import("../../../shared/channels/email/receive-email.js");
    const ports = { ...stack.runtime.ports, events: { publish: async () => {} } };
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => receiveEmail(ports, new TextEncoder().encode(raw), [support])),
    );
    expect(outcomes.filter((outcome) => outcome === "accepted").length).toBeGreaterThanOrEqual(1);
    expect(await receiveEmail(ports, new TextEncoder().encode(raw), [support])).toBe("accepted");
    const { storeInboundMessage } = await import("../../../shared/channels/store-inbound-message.js");
    const messageId = raw.match(/Message-ID: (.*)/)![1]!;
    await Promise.all(
      [1, 2].map(() =>
        storeInboundMessage(ports, { tenantId: tenant.tenantId, channel: "email", externalId: messageId }),
      ),
    );
    expect(await receiveEmail(ports, new TextEncoder().encode(raw), [support])).toBe("duplicate");
    const [conversation] = await conversationsOf(address);
    expect(await messagesIn(conversation!.conversationId)).toHaveLength(1);
  });

  it("lets an agent write a new e-mail with copies to a customer, as a conversation of his own", async () => {
    const address = someone();
    await customerWrites({ from: address, subject: "Consulta", text: "Hola" });
    await waitFor("the customer", async () => (await conversationsOf(address)).length === 1);
    const customerId = (await conversationsOf(address))[0]!.customerId;
    const agent = tenant.agents[1]!;
    const { status, body } = await api(stack.url, `/api/agent/customers/${customerId}/conversations`, {
      method: "POST",
      token: agent.token,
      body: {
        channel: "email",
        message: {
          clientMessageId: clientId(),
          text: "Le confirmamos lo acordado por teléfono.",
          email: {
            to: [address],
            cc: ["legal@example.com", "gerencia@example.com"],
            subject: "Acuerdo de pago",
          },
        },
      },
    });
    expect(status).toBe(201);
    expect(body.conversation).toMatchObject({
      channel: "email",
      status: "assigned",
      assigneeId: agent.staffId,
    });
    await waitFor("the e-mail out", async () =>
      (await mailboxFor(address)).some((mail) => mail.subject === "Acuerdo de pago"),
    );
    const sent = (await mailboxFor(address)).find((mail) => mail.subject === "Acuerdo de pago");
    expect(sent).toMatchObject({
      cc: ["legal@example.com", "gerencia@example.com"],
      text: expect.stringContaining("acordado"),
    });
    expect(await conversationsOf(address)).toHaveLength(2);
  });
});
