import { randomInt } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../../infra/local/free-port.js";
import { api, clientId } from "../../support/api.js";
import {
  postWebhook,
  registerWhatsApp,
  wamid,
  whatsAppMessages,
  whatsAppStatuses,
} from "../../support/channels.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
const { db } = stack.runtime.ports;
const sim = (path: string, body?: unknown) =>
  api(stack.url, `/sim/whatsapp${path}`, body === undefined ? {} : { method: "POST", body });

let tenant: TestTenant;
let phoneNumberId: string;

beforeAll(async () => {
  tenant = await createTenant(stack);
  phoneNumberId = await registerWhatsApp(stack, tenant.tenantId);
  await db.tenant
    .patch({ tenantId: tenant.tenantId })
    .set({
      templates: [
        {
          name: "seguimiento_caso",
          language: "es",
          category: "UTILITY",
          body: "Hola {{1}}, seguimos con su caso.",
        },
      ],
    })
    .go();
});

afterEach(async () => {
  await sim("/control/outage", { on: false });
});

/** A customer writes on the simulated phone to the tenant's number, and the first agent takes the conversation. */
async function takenConversation(text = "Hola, necesito ayuda") {
  const customer = { waId: `5255${randomInt(10 ** 7, 10 ** 8)}`, name: "Marta Díaz" };
  await sim(`/api/chats/${customer.waId}/messages`, {
    type: "text",
    name: customer.name,
    text,
    phoneNumberId,
  });
  const agent = tenant.agents[0]!;
  let conversationId = "";
  await waitFor("the conversation in the queue, its first message in", async () => {
    const { body } = await api(stack.url, "/api/agent/inbox?view=queue", { token: agent.token });
    const queued = body.conversations.find(
      (c: { contactAddress?: string; messageSeq: number }) =>
        c.contactAddress === customer.waId && c.messageSeq > 0,
    );
    conversationId = queued?.conversationId;
    return Boolean(conversationId);
  });
  await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
    method: "POST",
    token: agent.token,
  });
  return { customer, agent, conversationId };
}

async function reply(conversationId: string, token: string, body: Record<string, unknown>) {
  return api(stack.url, `/api/agent/conversations/${conversationId}/messages`, {
    method: "POST",
    token,
    body: { clientMessageId: clientId(), ...body },
  });
}

async function deliveryOf(conversationId: string, seq: number) {
  const { data } = await db.message.get({ tenantId: tenant.tenantId, conversationId, seq }).go();
  return data?.delivery;
}

const reaches = (conversationId: string, seq: number, state: string) =>
  waitFor(
    `message ${seq} ${state}`,
    async () => (await deliveryOf(conversationId, seq))?.state === state,
    20_000,
  );

describe("an agent's reply on WhatsApp", () => {
  it("goes out through the Graph API and comes back sent, delivered and read", async () => {
    const { customer, agent, conversationId } = await takenConversation();
    const { status, body } = await reply(conversationId, agent.token, { text: "Con gusto le ayudo" });
    expect([status, body.message.delivery]).toEqual([201, { state: "queued" }]);

    await reaches(conversationId, body.message.seq, "delivered");
    const { body: outbox } = await sim(`/api/outbox?waId=${customer.waId}`);
    expect(outbox.map((m: { request: { text?: { body: string } } }) => m.request.text?.body)).toEqual([
      "Con gusto le ayudo",
    ]);

    await sim(`/api/chats/${customer.waId}/read`, {});
    await reaches(conversationId, body.message.seq, "read");
  });

  it("keeps the furthest receipt when receipts arrive out of order", async () => {
    const { agent, conversationId } = await takenConversation();
    const { body } = await reply(conversationId, agent.token, { text: "¿Recibió el comprobante?" });
    await reaches(conversationId, body.message.seq, "delivered");
    const { data: sent } = await db.message
      .get({ tenantId: tenant.tenantId, conversationId, seq: body.message.seq })
      .go();
    const status = (state: string) => ({
      id: sent!.externalId,
      status: state,
      timestamp: String(Math.floor(Date.now() / 1000)),
      recipient_id: "5255",
    });
    await postWebhook(stack, "whatsapp", whatsAppStatuses(phoneNumberId, [status("read")]));
    await postWebhook(
      stack,
      "whatsapp",
      whatsAppStatuses(phoneNumberId, [status("delivered"), status("sent")]),
    );
    expect((await deliveryOf(conversationId, body.message.seq))?.state).toBe("read");
  });

  it("waits in the outbox while the Graph API is down and goes out once when it is back", async () => {
    const { customer, agent, conversationId } = await takenConversation();
    await sim("/control/outage", { on: true });
    const { body } = await reply(conversationId, agent.token, { text: "Mensaje durante la caída" });
    await waitFor("a retry noted", async () =>
      Boolean(
        (await deliveryOf(conversationId, body.message.seq))?.reason?.includes("temporarily unavailable"),
      ),
    );
    expect((await deliveryOf(conversationId, body.message.seq))?.state).toBe("queued");

    await sim("/control/outage", { on: false });
    await reaches(conversationId, body.message.seq, "delivered");
    const { body: outbox } = await sim(`/api/outbox?waId=${customer.waId}`);
    expect(outbox).toHaveLength(1);
  });

  it("shows a message WhatsApp fails later as failed, with Meta's reason", async () => {
    const { customer, agent, conversationId } = await takenConversation();
    // Meta's clock says the window closed, ours does not yet: Meta accepts, then fails it (131047).
    await sim(`/api/chats/${customer.waId}/age`, { hours: 25 });
    const { body } = await reply(conversationId, agent.token, { text: "¿Sigue ahí?" });
    await reaches(conversationId, body.message.seq, "failed");
    expect((await deliveryOf(conversationId, body.message.seq))?.reason).toMatch(/^131047/);
  });
});

describe("the 24 h customer-service window", () => {
  it("refuses free text once it closed, and sends an approved template with its parameters", async () => {
    const { customer, agent, conversationId } = await takenConversation();
    const dayAgo = new Date(Date.now() - 25 * 3_600_000).toISOString();
    await db.conversation
      .patch({ tenantId: tenant.tenantId, conversationId })
      .set({ lastCustomerMessageAt: dayAgo })
      .go();
    await sim(`/api/chats/${customer.waId}/age`, { hours: 25 });

    const { body: info } = await api(stack.url, `/api/agent/conversations/${conversationId}`, {
      token: agent.token,
    });
    expect(info.conversation.window).toEqual({ state: "closed" });
    const refused = await reply(conversationId, agent.token, { text: "Hola de nuevo" });
    expect([refused.status, refused.body.error.code]).toEqual([409, "window_closed"]);

    const template = { kind: "template", name: "seguimiento_caso", language: "es", parameters: ["Marta"] };
    const wrongCount = await reply(conversationId, agent.token, { content: { ...template, parameters: [] } });
    expect([wrongCount.status, wrongCount.body.error.details.code]).toEqual([400, "template_parameters"]);
    const sent = await reply(conversationId, agent.token, { content: template });
    expect([sent.status, sent.body.message.text]).toEqual([201, "Hola Marta, seguimos con su caso."]);
    await reaches(conversationId, sent.body.message.seq, "delivered");
    const { body: outbox } = await sim(`/api/outbox?waId=${customer.waId}`);
    expect(outbox.at(-1).request).toMatchObject({
      type: "template",
      template: { name: "seguimiento_caso", language: { code: "es" } },
    });
  });
});

describe("media from WhatsApp", () => {
  it("is copied into our store at once and offered to the agent as an attachment", async () => {
    const form = new FormData();
    form.set("messaging_product", "whatsapp");
    form.set(
      "file",
      new File([Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], "ticket.jpg", { type: "image/jpeg" }),
    );
    const upload = await fetch(`${stack.url}/sim/whatsapp/graph/v21.0/${phoneNumberId}/media`, {
      method: "POST",
      headers: { authorization: `Bearer ${stack.config.channels.whatsapp.accessToken}` },
      body: form,
    });
    const { id: mediaId } = (await upload.json()) as { id: string };
    const customer = { waId: `5255${randomInt(10 ** 7, 10 ** 8)}`, name: "Iván" };
    await postWebhook(
      stack,
      "whatsapp",
      whatsAppMessages(phoneNumberId, customer, [
        { id: wamid(), type: "image", image: { id: mediaId, mime_type: "image/jpeg", caption: "mi ticket" } },
        { id: wamid(), type: "image", image: { id: "404404404", mime_type: "image/jpeg" } },
      ]),
    );
    const agent = tenant.agents[0]!;
    let messages: { text: string; attachments: unknown[]; missingMedia?: unknown }[] = [];
    await waitFor("both images", async () => {
      const { body } = await api(stack.url, "/api/agent/inbox?view=queue", { token: agent.token });
      const conversation = body.conversations.find(
        (c: { contactAddress?: string }) => c.contactAddress === customer.waId,
      );
      if (!conversation || conversation.messageSeq < 2) return false;
      const page = await api(stack.url, `/api/agent/conversations/${conversation.conversationId}`, {
        token: agent.token,
      });
      messages = page.body.messages;
      const photo = page.body.messages.find((m: { text: string }) => m.text === "mi ticket");
      const link = await api(
        stack.url,
        `/api/agent/conversations/${conversation.conversationId}/messages/${photo.seq}/attachments/${photo.attachments[0].attachmentId}`,
        { token: agent.token },
      );
      const file = await fetch(link.body.url);
      expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
      return true;
    });
    // Each message is fetched on its own, so the one without a file may be stored first.
    expect(messages.find((m) => m.text === "mi ticket")).toMatchObject({
      content: { kind: "media", mediaType: "image" },
    });
    expect(messages.find((m) => m.text === "")).toMatchObject({
      attachments: [],
      missingMedia: [{ reason: "expired" }],
    });
  });
});
