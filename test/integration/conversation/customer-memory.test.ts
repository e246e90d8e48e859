import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../../infra/local/free-port.js";
import { api, clientId } from "../../support/api.js";
import {
  postWebhook,
  registerWhatsApp,
  wamid,
  whatsAppMessages,
  whatsAppText,
} from "../../support/channels.js";
import { PNG, uploadFile } from "../../support/files.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
const { db } = stack.runtime.ports;
const PDF = new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"));

let tenant: TestTenant;
let other: TestTenant;
let phoneNumberId: string;

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTenant(stack), createTenant(stack)]);
  phoneNumberId = await registerWhatsApp(stack, tenant.tenantId);
});

type Customer = { token: string; customerId: string };

async function startCase(
  customer: Customer,
  text: string,
  attachments: { attachmentId: string; name: string }[] = [],
) {
  const { status, body } = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text, attachments },
  });
  expect(status).toBe(201);
  return body.conversation.conversationId as string;
}

async function takeAndReply(conversationId: string, text: string, agent = tenant.agents[0]!) {
  await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
    method: "POST",
    token: agent.token,
  });
  const { status } = await api(stack.url, `/api/agent/conversations/${conversationId}/messages`, {
    method: "POST",
    token: agent.token,
    body: { clientMessageId: clientId(), text },
  });
  expect(status).toBe(201);
}

async function finalize(conversationId: string, agent = tenant.agents[0]!) {
  const { status } = await api(stack.url, `/api/agent/conversations/${conversationId}/finalize`, {
    method: "POST",
    token: agent.token,
    body: { disposition: "resolved" },
  });
  expect(status).toBe(200);
}

const isReopenNotice = (message: { content?: unknown }) =>
  (message.content as { event?: string } | undefined)?.event === "reopened";

const search = (customer: Customer, query: Record<string, string>) =>
  api(stack.url, `/api/customer/search?${new URLSearchParams(query)}`, { token: customer.token });

describe("finding what was received", () => {
  let customer: Customer;

  beforeAll(async () => {
    customer = await tenant.customer();
    const map = await uploadFile(stack.url, customer.token, {
      name: "mapa.png",
      contentType: "image/png",
      bytes: PNG,
    });
    const ticket = await uploadFile(stack.url, customer.token, {
      name: "ticket-nba.pdf",
      contentType: "application/pdf",
      bytes: PDF,
    });
    const atm = await startCase(customer, "¿Dónde hay cajeros en el aeropuerto?", [
      { attachmentId: map, name: "mapa.png" },
    ]);
    await takeAndReply(atm, "Mira el mapa de cajeros: https://example.com/cajeros-t1");
    await startCase(customer, "Me cobraron dos veces en la tienda NBA", [
      { attachmentId: ticket, name: "ticket-nba.pdf" },
    ]);
  });

  it("filters every case by kind: images, documents, links", async () => {
    const images = await search(customer, { kind: "images" });
    expect(images.status).toBe(200);
    expect(images.body.results.map((r: { attachmentNames: string[] }) => r.attachmentNames)).toEqual([
      ["mapa.png"],
    ]);

    const documents = await search(customer, { kind: "documents" });
    expect(documents.body.results.map((r: { attachmentNames: string[] }) => r.attachmentNames)).toEqual([
      ["ticket-nba.pdf"],
    ]);

    const links = await search(customer, { kind: "links" });
    expect(links.body.results.map((r: { text: string }) => r.text)).toEqual([
      "Mira el mapa de cajeros: https://example.com/cajeros-t1",
    ]);
    expect(links.body.results[0].kinds).toEqual(["links"]);
  });

  it("combines words with a kind, and refuses a search for nothing", async () => {
    const found = await search(customer, { q: "cajeros", kind: "images" });
    expect(found.body.results.map((r: { text: string }) => r.text)).toEqual([
      "¿Dónde hay cajeros en el aeropuerto?",
    ]);
    expect((await search(customer, { q: "NBA", kind: "images" })).body.results).toEqual([]);

    const nothing = await search(customer, { q: "  " });
    expect(nothing.status).toBe(400);
    const badKind = await search(customer, { kind: "videos" });
    expect(badKind.status).toBe(400);
  });

  it("finds only the searcher's own things", async () => {
    const stranger = await tenant.customer();
    expect((await search(stranger, { kind: "images" })).body.results).toEqual([]);
  });
});

describe("reopening a case from the history", () => {
  it("puts the customer's closed case back in the queue with everything in it, once", async () => {
    const customer = await tenant.customer();
    const conversationId = await startCase(customer, "Me cobraron una comisión en el cajero");
    await takeAndReply(conversationId, "Ya está devuelta la comisión");
    await finalize(conversationId);

    const reopened = await api(stack.url, `/api/customer/conversations/${conversationId}/reopen`, {
      method: "POST",
      token: customer.token,
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body.conversation).toMatchObject({ status: "queued" });
    expect(reopened.body.conversation.closedAt).toBeUndefined();
    expect(reopened.body.conversation.assigneeName).toBeUndefined();

    const again = await api(stack.url, `/api/customer/conversations/${conversationId}/reopen`, {
      method: "POST",
      token: customer.token,
    });
    expect(again.status).toBe(200);

    const page = await api(stack.url, `/api/customer/conversations/${conversationId}`, {
      token: customer.token,
    });
    // Other automatic messages (a rating request) may come and go; the case's own words are these.
    const own = page.body.messages.filter(
      (m: { author: string; content?: unknown }) => m.author !== "system" || isReopenNotice(m),
    );
    expect(own.map((m: { author: string; text: string }) => [m.author, m.text])).toEqual([
      ["customer", "Me cobraron una comisión en el cajero"],
      ["agent", "Ya está devuelta la comisión"],
      ["system", "Gestión reabierta (se había cerrado como «resolved»)"],
    ]);

    const queue = await api(stack.url, "/api/agent/inbox?view=queue", { token: tenant.agents[1]!.token });
    expect(queue.body.conversations.map((c: { conversationId: string }) => c.conversationId)).toContain(
      conversationId,
    );

    const writes = await api(stack.url, `/api/customer/conversations/${conversationId}/messages`, {
      method: "POST",
      token: customer.token,
      body: { clientMessageId: clientId(), text: "Me la volvieron a cobrar" },
    });
    expect(writes.status).toBe(201);
  });

  it("gives an agent's reopen to him, and the case can close and reopen again", async () => {
    const customer = await tenant.customer();
    const conversationId = await startCase(customer, "Quiero revisar el cargo de nuevo");
    await takeAndReply(conversationId, "Revisado");
    await finalize(conversationId);
    const agent = tenant.agents[1]!;
    const reopened = await api(stack.url, `/api/agent/conversations/${conversationId}/reopen`, {
      method: "POST",
      token: agent.token,
    });
    expect(reopened.body.conversation).toMatchObject({ status: "assigned", assigneeName: "Agente 2" });
    await finalize(conversationId, agent);
    const second = await api(stack.url, `/api/customer/conversations/${conversationId}/reopen`, {
      method: "POST",
      token: customer.token,
    });
    expect(second.body.conversation.status).toBe("queued");
    const { data } = await db.message.query
      .byConversation({ tenantId: tenant.tenantId, conversationId })
      .go({ pages: "all" });
    expect(data.filter(isReopenNotice)).toHaveLength(2);
  });

  it("refuses another customer's or another tenant's case, and changes nothing", async () => {
    const customer = await tenant.customer();
    const conversationId = await startCase(customer, "Mi caso privado");
    await takeAndReply(conversationId, "Listo");
    await finalize(conversationId);
    const stranger = await tenant.customer();
    const foreign = await api(stack.url, `/api/customer/conversations/${conversationId}/reopen`, {
      method: "POST",
      token: stranger.token,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("conversation_not_found");
    const otherTenant = await api(stack.url, `/api/agent/conversations/${conversationId}/reopen`, {
      method: "POST",
      token: other.agents[0]!.token,
    });
    expect(otherTenant.status).toBe(404);
    const { data } = await db.conversation.get({ tenantId: tenant.tenantId, conversationId }).go();
    expect(data?.status).toBe("closed");
  });
});

describe("two claims at once on one WhatsApp number", () => {
  const conversationsOf = async (customerId: string) => {
    const { data } = await db.conversation.query
      .byCustomer({ tenantId: tenant.tenantId, customerId })
      .go({ pages: "all" });
    return data;
  };

  async function messagesOf(conversationId: string) {
    const { data } = await db.message.query
      .byConversation({ tenantId: tenant.tenantId, conversationId })
      .go({ pages: "all" });
    return data;
  }

  async function waitForText(conversationId: string, text: string) {
    await waitFor(`«${text}» in ${conversationId}`, async () =>
      (await messagesOf(conversationId)).some((m) => m.text === text),
    );
  }

  it("keeps each case's thread: answers join the case an agent last wrote in, replies the case they quote", async () => {
    const sender = { waId: `5255${randomInt(10 ** 7, 10 ** 8)}`, name: "Lucía Ortega" };
    const [ana, bruno] = tenant.agents;
    await postWebhook(
      stack,
      "whatsapp",
      whatsAppText(phoneNumberId, sender, "Me llegaron dos cobros de la tienda NBA"),
    );
    let nba = "";
    let customerId = "";
    await waitFor("the NBA case", async () => {
      const { data } = await db.customerKey
        .get({ tenantId: tenant.tenantId, key: `phone:+${sender.waId}` })
        .go();
      customerId = data?.customerId ?? "";
      nba = customerId ? ((await conversationsOf(customerId))[0]?.conversationId ?? "") : "";
      return Boolean(nba) && (await messagesOf(nba)).length === 1;
    });
    await takeAndReply(nba, "¿Me envías el ticket de compra?", ana);

    const started = await api(stack.url, `/api/agent/customers/${customerId}/conversations`, {
      method: "POST",
      token: bruno!.token,
      body: {
        channel: "whatsapp",
        to: `+${sender.waId}`,
        message: {
          clientMessageId: clientId(),
          text: "Sobre la comisión del cajero: ¿en qué aeropuerto fue?",
        },
      },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const atm = started.body.conversation.conversationId as string;
    expect(atm).not.toBe(nba);

    await postWebhook(stack, "whatsapp", whatsAppText(phoneNumberId, sender, "En el de Barajas"));
    await waitForText(atm, "En el de Barajas");

    await api(stack.url, `/api/agent/conversations/${nba}/messages`, {
      method: "POST",
      token: ana!.token,
      body: { clientMessageId: clientId(), text: "Sigo esperando el ticket" },
    });
    await postWebhook(stack, "whatsapp", whatsAppText(phoneNumberId, sender, "Ahora te lo mando"));
    await waitForText(nba, "Ahora te lo mando");

    const asked = (await messagesOf(atm)).find((m) => m.author === "agent");
    await waitFor("the ATM question's WhatsApp id", async () => {
      const { data } = await db.message
        .get({ tenantId: tenant.tenantId, conversationId: atm, seq: asked!.seq })
        .go();
      return Boolean(data?.externalId);
    });
    const { data: sent } = await db.message
      .get({ tenantId: tenant.tenantId, conversationId: atm, seq: asked!.seq })
      .go();
    await postWebhook(
      stack,
      "whatsapp",
      whatsAppMessages(phoneNumberId, sender, [
        {
          id: wamid(),
          type: "text",
          text: { body: "Fue en la T4" },
          context: { from: sender.waId, id: sent!.externalId },
        },
      ]),
    );
    await waitForText(atm, "Fue en la T4");

    const cases = await conversationsOf(customerId);
    expect(cases.map((c) => c.status).sort()).toEqual(["assigned", "assigned"]);
    expect((await messagesOf(nba)).map((m) => m.text)).not.toContain("Fue en la T4");
  });
});
