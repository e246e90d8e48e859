import { beforeAll, describe, expect, it } from "vitest";
import { consume } from "../../../functions/events/chat-records.js";
import { waitFor } from "../../../infra/local/free-port.js";
import { createEvent } from "../../../shared/event.js";
import { systemClock } from "../../../shared/ports.js";
import { api, clientId } from "../../support/api.js";
import { postWebhook, registerWhatsApp, whatsAppText } from "../../support/channels.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
const { db } = stack.runtime.ports;

let tenant: TestTenant;

beforeAll(async () => {
  tenant = await createTenant(stack, { agents: 1 });
});

/** A web chat the agent took and closed; the local bus has built its record meanwhile. */
async function closedChat() {
  const customer = await tenant.customer();
  const { body } = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text: "Necesito una factura" },
  });
  const { conversationId, customerId } = body.conversation;
  const token = tenant.agents[0]!.token;
  await api(stack.url, `/api/agent/conversations/${conversationId}/take`, { method: "POST", token });
  await api(stack.url, `/api/agent/conversations/${conversationId}/finalize`, {
    method: "POST",
    token,
    body: { disposition: "resolved" },
  });
  const key = { tenantId: tenant.tenantId, recordId: conversationId as string };
  await waitFor(
    "the closed chat's record",
    async () => (await db.careRecord.get(key).go()).data?.status === "closed",
  );
  return { conversationId: conversationId as string, customerId: customerId as string, key };
}

const started = (conversationId: string, customerId: string) =>
  createEvent(
    systemClock,
    "conversation.started",
    tenant.tenantId,
    { type: "customer", id: customerId },
    { conversationId, customerId, channel: "web", subject: "Necesito una factura" },
  );

describe("the Chats record of a conversation", () => {
  it("stays closed, unwritten, when an earlier event arrives late or twice", async () => {
    const { conversationId, customerId, key } = await closedChat();
    const { data: before } = await db.careRecord.get(key).go();
    expect(before).toMatchObject({
      tab: "chats",
      origin: "web",
      status: "closed",
      subject: "Necesito una factura",
    });
    expect(before?.assigneeId).toBeUndefined();

    await consume(stack.runtime.ports, started(conversationId, customerId));
    await consume(stack.runtime.ports, started(conversationId, customerId));

    expect((await db.careRecord.get(key).go()).data).toEqual(before);
  });

  it("never moves a record that generated a technical service back to open or closed", async () => {
    const { conversationId, customerId, key } = await closedChat();
    const { data: record } = await db.careRecord.get(key).go();
    await db.careRecord
      .put({ ...record!, status: "service_generated", updatedAt: new Date().toISOString() })
      .go();

    await consume(stack.runtime.ports, started(conversationId, customerId));

    expect((await db.careRecord.get(key).go()).data?.status).toBe("service_generated");
  });

  it("keeps no record for a conversation that does not exist", async () => {
    await consume(stack.runtime.ports, started("cnv_01JAAAAAAAAAAAAAAAAAAAAAAA", "cus_x"));
    const { data } = await db.careRecord
      .get({ tenantId: tenant.tenantId, recordId: "cnv_01JAAAAAAAAAAAAAAAAAAAAAAA" })
      .go();
    expect(data).toBeNull();
  });

  it("keeps one of a WhatsApp chat too, with WhatsApp as its origin and the customer's phone", async () => {
    const phoneNumberId = await registerWhatsApp(stack, tenant.tenantId);
    const waId = `5411${Date.now() % 10 ** 8}`;
    const sent = await postWebhook(
      stack,
      "whatsapp",
      whatsAppText(phoneNumberId, { waId, name: "Marta Gómez" }, "Hola, se cortó el servicio"),
    );
    expect(sent.status).toBe(200);

    const token = tenant.agents[0]!.token;
    let record: Record<string, unknown> | undefined;
    await waitFor("the WhatsApp chat's record", async () => {
      const { body } = await api(stack.url, "/api/care/records?tab=chats", { token });
      record = body.records.find((r: { origin?: string; phone?: string }) => r.origin === "whatsapp");
      return record !== undefined;
    });
    expect(record).toMatchObject({
      status: "open",
      customerName: "Marta Gómez",
      subject: "Hola, se cortó el servicio",
    });
    expect(String(record!.phone)).toContain(waId);
  });
});
