import { createHash, randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../../infra/local/free-port.js";
import { customerKey, findCustomerByKey } from "../../../shared/customer/customer-keys.js";
import { api } from "../../support/api.js";
import {
  postWebhook,
  registerWhatsApp,
  wamid,
  whatsAppMessages,
  whatsAppText,
} from "../../support/channels.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
const { db } = stack.runtime.ports;
const fixtures = JSON.parse(readFileSync("test/fixtures/channels/whatsapp.json", "utf8")).items as {
  id: string;
  payload?: unknown;
  raw_body?: string;
  cases?: { query: Record<string, string>; expect: string }[];
}[];
const fixture = (id: string) => fixtures.find((item) => item.id === id)!;

let tenant: TestTenant;
let phoneNumberId: string;

beforeAll(async () => {
  tenant = await createTenant(stack);
  phoneNumberId = await registerWhatsApp(stack, tenant.tenantId);
});

/** A customer of our own: a number nobody else in the run writes from. */
const someone = () => ({ waId: `5255${randomInt(10 ** 7, 10 ** 8)}`, name: "Lucía Pérez" });

async function messagesFrom(tenantId: string, waId: string) {
  const customerId = await findCustomerByKey(stack.runtime.ports, tenantId, customerKey.phone(waId));
  if (!customerId) return [];
  const { data: conversations } = await db.conversation.query.byCustomer({ tenantId, customerId }).go();
  const pages = await Promise.all(
    conversations.map(({ conversationId }) =>
      db.message.query.byConversation({ tenantId, conversationId }).go({ pages: "all" }),
    ),
  );
  return pages.flatMap(({ data }) => data);
}

async function waitForMessages(tenantId: string, waId: string, count: number) {
  await waitFor(
    `${count} message(s) from ${waId}`,
    async () => (await messagesFrom(tenantId, waId)).length >= count,
  );
  return messagesFrom(tenantId, waId);
}

const stored = (externalId: string) =>
  db.externalMessage.get({ tenantId: tenant.tenantId, channel: "whatsapp", externalId }).go();

describe("GET /webhooks/whatsapp, Meta's verification handshake", () => {
  const token = () => stack.config.channels.whatsapp.verifyToken;
  const query = (params: Record<string, string>) => `/webhooks/whatsapp?${new URLSearchParams(params)}`;

  it("echoes hub.challenge when the verify token matches", async () => {
    const { status, body } = await api(
      stack.url,
      query({ "hub.mode": "subscribe", "hub.verify_token": token(), "hub.challenge": "1158201444" }),
    );
    expect([status, body]).toEqual([200, 1158201444]);
  });

  it("refuses a wrong token with 403, and missing parameters with 400", async () => {
    // The fixture's cases, with our token in place of the library's.
    const [valid, wrong, ...missing] = fixture("wa-get-verify-whatsapp-api-js").cases!;
    expect(valid!.expect).toContain("challenge");
    const wrongAnswer = await api(stack.url, query(wrong!.query));
    expect([wrongAnswer.status, wrongAnswer.body.error.code]).toEqual([403, "verify_token_mismatch"]);
    for (const { query: params } of missing) {
      const { status, body } = await api(stack.url, query(params));
      expect([status, body.error.code]).toEqual([400, "invalid_request"]);
    }
  });
});

describe("POST /webhooks/whatsapp, signatures", () => {
  it("refuses a missing, wrong, foreign or re-serialised signature with 401 and stores nothing", async () => {
    const id = wamid();
    const body = whatsAppText(phoneNumberId, someone(), "¿Me ayudan? Mañana viajo a São Paulo", id);
    const raw = JSON.stringify(body, null, 2);
    const attempts = [
      await postWebhook(stack, "whatsapp", body, { raw, signature: null }),
      await postWebhook(stack, "whatsapp", body, { raw, signature: "sha256=wrong" }),
      await postWebhook(stack, "whatsapp", body, { raw, secret: "another-apps-secret" }),
      // Signed over the bytes Meta sent, delivered after a proxy re-serialised them.
      await postWebhook(stack, "whatsapp", body, {
        raw: JSON.stringify(body),
        signature: (await import("../../../shared/channels/webhook-signature.js")).signMetaBody(
          raw,
          stack.config.channels.whatsapp.appSecret,
        ),
      }),
    ];
    expect(attempts.map(({ status, body }) => [status, body.error?.code])).toEqual(
      Array(4).fill([401, "invalid_signature"]),
    );
    expect((await stored(id)).data).toBeNull();
  });

  it("accepts a body signed over its exact bytes, non-ASCII text escaped the way Meta sends it", async () => {
    const customer = someone();
    const { status, body } = await postWebhook(
      stack,
      "whatsapp",
      whatsAppText(phoneNumberId, customer, "Quiero pagar en cuotas: ¿es posible? 🙏"),
    );
    expect([status, body.received]).toEqual([200, 1]);
    const [message] = await waitForMessages(tenant.tenantId, customer.waId, 1);
    expect(message?.text).toBe("Quiero pagar en cuotas: ¿es posible? 🙏");
  });
});

describe("POST /webhooks/whatsapp, deliveries", () => {
  it("opens a WhatsApp conversation in the tenant's queue, under the customer found by his number", async () => {
    const customer = someone();
    await postWebhook(stack, "whatsapp", whatsAppText(phoneNumberId, customer, "Hola, tengo un cargo doble"));
    const [message] = await waitForMessages(tenant.tenantId, customer.waId, 1);
    const { data: conversation } = await db.conversation
      .get({ tenantId: tenant.tenantId, conversationId: message!.conversationId })
      .go();
    expect(conversation).toMatchObject({
      channel: "whatsapp",
      status: "queued",
      contactAddress: customer.waId,
      channelAccountId: phoneNumberId,
      customerName: customer.name,
      subject: "Hola, tengo un cargo doble",
    });
    const { data: profile } = await db.customer
      .get({ tenantId: tenant.tenantId, customerId: message!.customerId })
      .go();
    expect(profile).toMatchObject({ name: customer.name, phone: `+${customer.waId}` });
  });

  it("stores a delivery repeated, and repeated at the same moment, as one message", async () => {
    const customer = someone();
    const body = whatsAppText(phoneNumberId, customer, "Solo una vez, por favor");
    const first = await postWebhook(stack, "whatsapp", body);
    const again = await postWebhook(stack, "whatsapp", body);
    const atOnce = await Promise.all(Array.from({ length: 6 }, () => postWebhook(stack, "whatsapp", body)));
    expect([first, again, ...atOnce].map(({ status }) => status)).toEqual(Array(8).fill(200));
    await waitForMessages(tenant.tenantId, customer.waId, 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await messagesFrom(tenant.tenantId, customer.waId)).toHaveLength(1);
  });

  it("lands the other messages of a batch when one of them is poison, and archives the poison", async () => {
    const customer = someone();
    const poison = { type: "text", text: { body: "no id" } };
    const body = whatsAppMessages(phoneNumberId, customer, [
      { id: wamid(), type: "text", text: { body: "primero" } },
      poison,
      { id: wamid(), type: "text", text: { body: "tercero" } },
    ]);
    const { status, body: answer } = await postWebhook(stack, "whatsapp", body);
    expect([status, answer.received, answer.rejected]).toEqual([200, 2, 1]);
    const messages = await waitForMessages(tenant.tenantId, customer.waId, 2);
    expect(messages.map((m) => m.text).sort()).toEqual(["primero", "tercero"]);
  });

  it("keeps a message type it does not know, shown as unsupported, never dropped", async () => {
    const customer = someone();
    const unknown = fixture("wa-pywa-message-unsupported_with_type").payload as {
      entry: { changes: { value: { messages: Record<string, unknown>[] } }[] }[];
    };
    const messages = unknown.entry[0]!.changes[0]!.value.messages;
    // Sent from our own customer's number, at the time of the test.
    const { from: _, timestamp: __, ...original } = messages[0]!;
    const id = wamid();
    await postWebhook(stack, "whatsapp", whatsAppMessages(phoneNumberId, customer, [{ ...original, id }]));
    const [message] = await waitForMessages(tenant.tenantId, customer.waId, 1);
    expect(message?.content).toMatchObject({ kind: "unsupported", providerType: "pool" });
    expect(message?.externalId).toBe(id);
  });

  it("answers 200 to a signed body it cannot read, archiving it for replay", async () => {
    const raw = '{"object":"whatsapp_business_account","entry":[{"changes": [';
    const { status, body } = await postWebhook(stack, "whatsapp", undefined, { raw });
    expect([status, body.archived]).toEqual([200, true]);
    const day = new Date().toISOString().slice(0, 10);
    const key = `webhook-archive/whatsapp/${day}/${createHash("sha256").update(raw).digest("hex")}.json`;
    const archived = await stack.runtime.ports.files.read(key);
    expect(new TextDecoder().decode(archived!)).toBe(raw);
  });

  it("routes each number to its own tenant, and stores nothing for a number nobody has", async () => {
    const other = await createTenant(stack, { agents: 1 });
    const otherNumber = await registerWhatsApp(stack, other.tenantId);
    const customer = someone();
    await postWebhook(stack, "whatsapp", whatsAppText(otherNumber, customer, "para el otro banco"));
    const [message] = await waitForMessages(other.tenantId, customer.waId, 1);
    expect(message?.tenantId).toBe(other.tenantId);
    expect(await messagesFrom(tenant.tenantId, customer.waId)).toEqual([]);

    const id = wamid();
    const nobody = await postWebhook(
      stack,
      "whatsapp",
      whatsAppText("999000999000999", someone(), "¿hola?", id),
    );
    expect([nobody.status, nobody.body.received]).toEqual([200, 0]);
    expect((await stored(id)).data).toBeNull();
  });

  it("threads a reply to an earlier message and joins later messages to the open conversation", async () => {
    const customer = someone();
    const firstId = wamid();
    await postWebhook(
      stack,
      "whatsapp",
      whatsAppText(phoneNumberId, customer, "Mi tarjeta termina en 4455", firstId),
    );
    await waitForMessages(tenant.tenantId, customer.waId, 1);
    await postWebhook(
      stack,
      "whatsapp",
      whatsAppMessages(phoneNumberId, customer, [
        {
          id: wamid(),
          type: "text",
          text: { body: "esa misma" },
          context: { from: customer.waId, id: firstId },
        },
      ]),
    );
    const messages = await waitForMessages(tenant.tenantId, customer.waId, 2);
    expect(new Set(messages.map((m) => m.conversationId)).size).toBe(1);
    expect(messages.find((m) => m.text === "esa misma")?.replyToSeq).toBe(1);
  });
});
