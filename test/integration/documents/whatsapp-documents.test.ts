import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../../infra/local/free-port.js";
import { api, clientId } from "../../support/api.js";
import { postWebhook, registerWhatsApp, wamid, whatsAppMessages } from "../../support/channels.js";
import { PNG } from "../../support/files.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
const sim = (path: string, body?: unknown) =>
  api(stack.url, `/sim/whatsapp${path}`, body === undefined ? {} : { method: "POST", body });

let tenant: TestTenant;
let phoneNumberId: string;

beforeAll(async () => {
  tenant = await createTenant(stack, { agents: 1 });
  phoneNumberId = await registerWhatsApp(stack, tenant.tenantId);
});

/** The customer writes on the simulated phone; the agent takes the case and asks for the ticket. */
async function caseWaitingForTicket() {
  const customer = { waId: `5255${randomInt(10 ** 7, 10 ** 8)}`, name: "Marta Díaz" };
  await sim(`/api/chats/${customer.waId}/messages`, {
    type: "text",
    name: customer.name,
    text: "Me cobraron dos veces en la tienda NBA",
    phoneNumberId,
  });
  const agent = tenant.agents[0]!;
  let conversationId = "";
  await waitFor("the conversation in the queue", async () => {
    const { body } = await api(stack.url, "/api/agent/inbox?view=queue", { token: agent.token });
    conversationId = body.conversations.find(
      (c: { contactAddress?: string; messageSeq: number }) =>
        c.contactAddress === customer.waId && c.messageSeq > 0,
    )?.conversationId;
    return Boolean(conversationId);
  });
  await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
    method: "POST",
    token: agent.token,
  });
  const asked = await api(stack.url, `/api/agent/conversations/${conversationId}/documents/requests`, {
    method: "POST",
    token: agent.token,
    body: { clientMessageId: clientId(), title: "Ticket de compra", note: "El de la tienda NBA" },
  });
  expect(asked.status).toBe(201);
  return { customer, agent, conversationId, documentId: asked.body.document.documentId as string };
}

async function uploadToGraph(bytes: Uint8Array, name: string, type: string) {
  const form = new FormData();
  form.set("messaging_product", "whatsapp");
  form.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  const upload = await fetch(`${stack.url}/sim/whatsapp/graph/v21.0/${phoneNumberId}/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${stack.config.channels.whatsapp.accessToken}` },
    body: form,
  });
  return ((await upload.json()) as { id: string }).id;
}

describe("documents asked for on WhatsApp", () => {
  it("sends the request as text, and takes the photo the customer answers with as the document", async () => {
    const { customer, agent, conversationId, documentId } = await caseWaitingForTicket();
    await waitFor("the request on the phone", async () => {
      const { body: outbox } = await sim(`/api/outbox?waId=${customer.waId}`);
      return outbox.length > 0;
    });
    const { body: outbox } = await sim(`/api/outbox?waId=${customer.waId}`);
    expect(outbox.at(-1).request).toMatchObject({
      type: "text",
      text: { body: "📄 Ticket de compra\nEl de la tienda NBA\nResponde con una foto o un PDF." },
    });

    const mediaId = await uploadToGraph(PNG, "ticket.png", "image/png");
    await postWebhook(
      stack,
      "whatsapp",
      whatsAppMessages(phoneNumberId, customer, [
        { id: wamid(), type: "image", image: { id: mediaId, mime_type: "image/png" } },
      ]),
    );
    const documents = () =>
      api(stack.url, `/api/agent/conversations/${conversationId}/documents`, { token: agent.token });
    await waitFor(
      "the document received",
      async () => (await documents()).body.documents[0]?.state === "received",
    );

    const link = await api(
      stack.url,
      `/api/agent/conversations/${conversationId}/documents/${documentId}/link`,
      {
        token: agent.token,
      },
    );
    const file = await fetch(link.body.url);
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(PNG))).toBe(true);

    // The photo is the case's document now: staff reach it only through the document's link,
    // which checks who is on the case and leaves a line in the trail, not as a plain attachment.
    const { body: page } = await api(stack.url, `/api/agent/conversations/${conversationId}`, {
      token: agent.token,
    });
    const photo = page.messages.find((m: { attachments: unknown[] }) => m.attachments.length > 0);
    const plain = await api(
      stack.url,
      `/api/agent/conversations/${conversationId}/messages/${photo.seq}/attachments/${photo.attachments[0].attachmentId}`,
      { token: tenant.supervisor.token },
    );
    expect(plain.status).toBe(404);
    const trail = await api(stack.url, `/api/agent/conversations/${conversationId}/audit`, {
      token: agent.token,
    });
    expect(
      trail.body.entries.map((e: { action: string; actor: { type: string } }) => [e.action, e.actor.type]),
    ).toEqual([
      ["document.requested", "staff"],
      ["document.uploaded", "customer"],
      ["document.downloaded", "staff"],
    ]);
  });

  it("leaves the request open when what arrives is not really an image", async () => {
    const { customer, agent, conversationId } = await caseWaitingForTicket();
    const mediaId = await uploadToGraph(
      new TextEncoder().encode("<html>no</html>"),
      "ticket.png",
      "image/png",
    );
    const externalId = wamid();
    await postWebhook(
      stack,
      "whatsapp",
      whatsAppMessages(phoneNumberId, customer, [
        { id: externalId, type: "image", image: { id: mediaId, mime_type: "image/png", caption: "ahí va" } },
      ]),
    );
    // Stored means done: the document step runs before the channel's message counts as stored.
    await waitFor("the photo stored", async () => {
      const { data } = await stack.runtime.ports.db.externalMessage
        .get({ tenantId: tenant.tenantId, channel: "whatsapp", externalId })
        .go();
      return data?.state === "stored";
    });
    const page = await api(stack.url, `/api/agent/conversations/${conversationId}`, { token: agent.token });
    expect(page.body.messages.find((m: { text: string }) => m.text === "ahí va").attachments).toHaveLength(1);
    const listed = await api(stack.url, `/api/agent/conversations/${conversationId}/documents`, {
      token: agent.token,
    });
    expect(listed.body.documents).toMatchObject([{ state: "requested" }]);
  });
});
