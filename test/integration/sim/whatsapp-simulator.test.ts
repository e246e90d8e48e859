import type { ServerType } from "@hono/node-server";
import { serve } from "@hono/node-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freePort, waitFor } from "../../../infra/local/free-port.js";
import {
  createWhatsAppSimulator,
  type WhatsAppSimulator,
} from "../../../infra/local/sim/whatsapp-simulator.js";
import { verifyMetaSignature } from "../../../shared/channels/webhook-signature.js";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.js";

const APP_SECRET = "simulated-app-secret";
const ACCESS_TOKEN = "simulated-access-token";
const PHONE_NUMBER_ID = "106540352242922";
const DISPLAY_PHONE_NUMBER = "15550783881";
const CUSTOMER = { waId: "5215512345678", name: "José Ñúñez" };
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xd9]);

let receiver: WebhookReceiver;
let simulator: WhatsAppSimulator;
let server: ServerType;
let base: string;

beforeEach(async () => {
  receiver = await startWebhookReceiver();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  simulator = createWhatsAppSimulator({
    webhookUrl: receiver.url,
    appSecret: APP_SECRET,
    accessToken: ACCESS_TOKEN,
    phoneNumberId: PHONE_NUMBER_ID,
    displayPhoneNumber: DISPLAY_PHONE_NUMBER,
    publicUrl: base,
    statusDelayMs: 20,
    retryDelaysMs: [50, 100],
  });
  server = serve({ fetch: simulator.app.fetch, port, hostname: "127.0.0.1" });
});

afterEach(async () => {
  simulator.stop();
  await new Promise((resolve) => server.close(resolve));
  await receiver.close();
});

/** A call to the simulated Graph API, with our token unless told otherwise. */
async function graph(path: string, init: { method?: string; body?: unknown; token?: string | null } = {}) {
  const token = init.token === undefined ? ACCESS_TOKEN : init.token;
  const response = await fetch(`${base}/graph/v21.0${path}`, {
    method: init.method ?? (init.body ? "POST" : "GET"),
    headers: {
      ...(token !== null && { authorization: `Bearer ${token}` }),
      ...(init.body !== undefined && { "content-type": "application/json" }),
    },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
  return { status: response.status, body: await response.json() };
}

const send = (body: Record<string, unknown>) =>
  graph(`/${PHONE_NUMBER_ID}/messages`, {
    body: { messaging_product: "whatsapp", to: CUSTOMER.waId, ...body },
  });

/** The statuses the webhook received for one message, in the order they came. */
function statusesOf(wamid: string) {
  return receiver.received
    .flatMap((webhook) => webhook.json.entry[0].changes[0].value.statuses ?? [])
    .filter((status: { id: string }) => status.id === wamid);
}

/** The customer's messages the webhook received. */
function inboundMessages() {
  return receiver.received.flatMap((webhook) => webhook.json.entry[0].changes[0].value.messages ?? []);
}

async function waitForStatus(wamid: string, status: string) {
  await waitFor(
    `status ${status}`,
    async () => statusesOf(wamid).some((s: { status: string }) => s.status === status),
    5_000,
  );
}

/** The customer writes, which opens the 24 h window. */
async function customerWrites(text = "Hola") {
  const { id, delivery } = simulator.customerSends({ ...CUSTOMER, type: "text", text });
  await delivery;
  return id;
}

describe("WhatsApp simulator: webhooks to us", () => {
  it("posts a customer's message signed over the exact bytes sent, non-ASCII escaped as Meta does", async () => {
    const { delivery } = simulator.customerSends({
      ...CUSTOMER,
      type: "text",
      text: "¿Dónde está mi pedido? 📦",
    });

    expect((await delivery).outcome).toBe("delivered");
    const [webhook] = receiver.received;
    expect(webhook?.headers["content-type"]).toBe("application/json");
    expect(
      verifyMetaSignature(webhook!.raw, webhook!.headers["x-hub-signature-256"] as string, APP_SECRET),
    ).toBe(true);
    expect(
      verifyMetaSignature(webhook!.raw, webhook!.headers["x-hub-signature-256"] as string, "another"),
    ).toBe(false);
    expect(webhook!.raw.toString("latin1")).toMatch(/^[\x20-\x7e]+$/);
    expect(webhook!.raw.toString()).toContain("\\u00bfD\\u00f3nde");
    expect(webhook!.json).toEqual({
      object: "whatsapp_business_account",
      entry: [
        {
          id: expect.stringMatching(/^\d+$/),
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: DISPLAY_PHONE_NUMBER, phone_number_id: PHONE_NUMBER_ID },
                contacts: [{ profile: { name: "José Ñúñez" }, wa_id: CUSTOMER.waId }],
                messages: [
                  {
                    from: CUSTOMER.waId,
                    id: expect.stringMatching(/^wamid\./),
                    timestamp: expect.stringMatching(/^\d{10}$/),
                    type: "text",
                    text: { body: "¿Dónde está mi pedido? 📦" },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
  });

  it("redelivers a webhook our endpoint refused, with the same bytes and signature", async () => {
    receiver.answerNext(500, 503);

    const delivery = await simulator.customerSends({ ...CUSTOMER, type: "text", text: "¿Hay alguien?" })
      .delivery;

    expect(delivery.outcome).toBe("delivered");
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([500, 503, 200]);
    expect(receiver.received).toHaveLength(3);
    const [first, ...again] = receiver.received;
    for (const retry of again) {
      expect(retry.raw.equals(first!.raw)).toBe(true);
      expect(retry.headers["x-hub-signature-256"]).toBe(first!.headers["x-hub-signature-256"]);
    }
  });

  it("gives up on a webhook after its retries, and records every attempt", async () => {
    receiver.answerNext(500, 500, 500);

    const delivery = await simulator.customerSends({ ...CUSTOMER, type: "text", text: "Hola" }).delivery;

    expect(delivery.outcome).toBe("gave_up");
    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 500]);
    expect(simulator.deliveries().at(-1)).toBe(delivery);
  });

  it("turns the customer's taps, reactions and quotes into Meta's message types with context", async () => {
    await customerWrites();
    const buttons = await send({
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "¿Te ayudó?" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "yes", title: "Sí" } },
            { type: "reply", reply: { id: "no", title: "No" } },
          ],
        },
      },
    });
    const list = await send({
      type: "interactive",
      interactive: {
        type: "list",
        body: { text: "Elige sucursal" },
        action: {
          button: "Sucursales",
          sections: [
            { title: "CDMX", rows: [{ id: "roma", title: "Roma", description: "Av. Álvaro Obregón" }] },
          ],
        },
      },
    });
    const buttonsId = buttons.body.messages[0].id;
    const listId = list.body.messages[0].id;

    await simulator.customerSends({
      ...CUSTOMER,
      type: "button_reply",
      messageId: buttonsId,
      buttonId: "yes",
    }).delivery;
    await simulator.customerSends({ ...CUSTOMER, type: "list_reply", messageId: listId, rowId: "roma" })
      .delivery;
    await simulator.customerSends({ ...CUSTOMER, type: "reaction", messageId: buttonsId, emoji: "👍" })
      .delivery;
    await simulator.customerSends({ ...CUSTOMER, type: "text", text: "Esta", replyTo: listId }).delivery;
    await simulator.customerSends({ ...CUSTOMER, type: "location", latitude: 19.4326, longitude: -99.1332 })
      .delivery;

    const [, button, row, reaction, quote, location] = inboundMessages();
    expect(button).toMatchObject({
      context: { from: DISPLAY_PHONE_NUMBER, id: buttonsId },
      type: "interactive",
      interactive: { type: "button_reply", button_reply: { id: "yes", title: "Sí" } },
    });
    expect(row).toMatchObject({
      context: { from: DISPLAY_PHONE_NUMBER, id: listId },
      interactive: {
        type: "list_reply",
        list_reply: { id: "roma", title: "Roma", description: "Av. Álvaro Obregón" },
      },
    });
    expect(reaction).toMatchObject({ type: "reaction", reaction: { message_id: buttonsId, emoji: "👍" } });
    expect(quote).toMatchObject({
      context: { from: DISPLAY_PHONE_NUMBER, id: listId },
      text: { body: "Esta" },
    });
    expect(location).toMatchObject({
      type: "location",
      location: { latitude: 19.4326, longitude: -99.1332 },
    });
  });
});

describe("WhatsApp simulator: the Graph API", () => {
  it("answers a send with a wamid, then reports it sent and delivered, and read once the customer reads", async () => {
    await customerWrites();

    const { status, body } = await send({
      to: "+52 1 55 1234 5678",
      type: "text",
      text: { body: "¡Claro!" },
    });

    expect(status).toBe(200);
    const wamid = body.messages[0].id;
    expect(body).toEqual({
      messaging_product: "whatsapp",
      contacts: [{ input: "+52 1 55 1234 5678", wa_id: CUSTOMER.waId }],
      messages: [{ id: expect.stringMatching(/^wamid\./) }],
    });
    await waitForStatus(wamid, "delivered");
    await simulator.readChat(CUSTOMER.waId);
    const statuses = statusesOf(wamid);
    expect(statuses.map((s: { status: string }) => s.status)).toEqual(["sent", "delivered", "read"]);
    expect(statuses[0]).toEqual({
      id: wamid,
      status: "sent",
      timestamp: expect.stringMatching(/^\d{10}$/),
      recipient_id: CUSTOMER.waId,
      conversation: {
        id: expect.any(String),
        expiration_timestamp: expect.stringMatching(/^\d{10}$/),
        origin: { type: "service" },
      },
      pricing: { billable: false, pricing_model: "PMP", category: "service", type: "free_customer_service" },
    });
    const [statusWebhook] = receiver.received.filter(
      (webhook) => webhook.json.entry[0].changes[0].value.statuses,
    );
    expect(
      verifyMetaSignature(
        statusWebhook!.raw,
        statusWebhook!.headers["x-hub-signature-256"] as string,
        APP_SECRET,
      ),
    ).toBe(true);
    expect(simulator.outbox(CUSTOMER.waId)).toMatchObject([{ id: wamid, status: "read" }]);
  });

  it("refuses a wrong or missing token with 401 and OAuthException 190", async () => {
    for (const token of ["not-the-token", null]) {
      const { status, body } = await graph(`/${PHONE_NUMBER_ID}/messages`, {
        token,
        body: { messaging_product: "whatsapp", to: CUSTOMER.waId, type: "text", text: { body: "Hola" } },
      });

      expect(status).toBe(401);
      expect(body.error).toMatchObject({ type: "OAuthException", code: 190, fbtrace_id: expect.any(String) });
    }
  });

  it("refuses an id that cannot be a phone number id with error 100", async () => {
    const { status, body } = await graph("/not-a-number/messages", {
      body: { messaging_product: "whatsapp", to: CUSTOMER.waId, type: "text", text: { body: "Hola" } },
    });

    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: "GraphMethodException", code: 100, error_subcode: 33 });
  });

  it("refuses more than three reply buttons with 131009, and a malformed body with 100", async () => {
    await customerWrites();
    const reply = (n: number) => ({ type: "reply", reply: { id: `b${n}`, title: `Opción ${n}` } });

    const tooMany = await send({
      type: "interactive",
      interactive: { type: "button", body: { text: "Elige" }, action: { buttons: [1, 2, 3, 4].map(reply) } },
    });
    const malformed = await send({ type: "text", text: {} });

    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({
      message: "(#131009) Parameter value is not valid",
      code: 131009,
      error_data: { messaging_product: "whatsapp", details: expect.stringContaining("buttons count") },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({
      code: 100,
      error_data: { details: expect.stringContaining("text") },
    });
    expect(simulator.outbox()).toEqual([]);
  });

  it("accepts a free-form message after 24 h, then fails it with 131047; a template still goes through", async () => {
    await customerWrites();
    simulator.ageChat(CUSTOMER.waId, 25);

    const late = await send({ type: "text", text: { body: "¿Sigues ahí?" } });
    const template = await send({
      type: "template",
      template: {
        name: "seguimiento_caso",
        language: { code: "es_MX" },
        components: [{ type: "body", parameters: [{ type: "text", text: "CAS-1042" }] }],
      },
    });

    expect(late.status).toBe(200);
    const lateId = late.body.messages[0].id;
    await waitForStatus(lateId, "failed");
    expect(statusesOf(lateId)).toEqual([
      {
        id: lateId,
        status: "failed",
        timestamp: expect.any(String),
        recipient_id: CUSTOMER.waId,
        errors: [
          {
            code: 131047,
            title: "Re-engagement message",
            message: "Re-engagement message",
            error_data: { details: expect.stringContaining("more than 24 hours") },
            href: expect.stringContaining("error-codes"),
          },
        ],
      },
    ]);
    expect(template.body.messages[0]).toEqual({ id: expect.any(String), message_status: "accepted" });
    await waitForStatus(template.body.messages[0].id, "delivered");
  });

  it("answers 503 with a transient error while Meta is out, and serves again once it is back", async () => {
    simulator.setOutage(true);
    const template = { type: "template", template: { name: "hola", language: { code: "es" } } };

    const during = await send(template);
    const toggledOff = await fetch(`${base}/control/outage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ on: false }),
    });
    const after = await send(template);

    expect(during.status).toBe(503);
    expect(during.body).toEqual({
      error: {
        message: "Service temporarily unavailable",
        type: "OAuthException",
        code: 2,
        is_transient: true,
        fbtrace_id: expect.any(String),
      },
    });
    expect(await toggledOff.json()).toEqual({ outage: false });
    expect(after.status).toBe(200);
  });

  it("gives a customer's photo by id, and its URL serves the bytes only with the token", async () => {
    await simulator.customerSends({
      ...CUSTOMER,
      type: "image",
      file: { data: new Uint8Array(JPEG), mimeType: "image/jpeg" },
      caption: "Mi ticket",
    }).delivery;
    const [image] = inboundMessages();
    expect(image).toMatchObject({
      type: "image",
      image: {
        caption: "Mi ticket",
        mime_type: "image/jpeg",
        sha256: expect.any(String),
        id: expect.any(String),
      },
    });

    const info = await graph(`/${image.image.id}`);
    const withoutToken = await fetch(info.body.url);
    const withWrongToken = await fetch(info.body.url, { headers: { authorization: "Bearer nope" } });
    const withToken = await fetch(info.body.url, { headers: { authorization: `Bearer ${ACCESS_TOKEN}` } });
    const infoWithoutToken = await graph(`/${image.image.id}`, { token: null });

    expect(info.body).toEqual({
      messaging_product: "whatsapp",
      url: expect.stringContaining(`${base}/media/${image.image.id}?`),
      mime_type: "image/jpeg",
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      file_size: String(JPEG.length),
      id: image.image.id,
    });
    expect(Buffer.from(info.body.sha256, "hex").toString("base64")).toBe(image.image.sha256);
    expect(withoutToken.status).toBe(401);
    expect(withWrongToken.status).toBe(401);
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await withToken.arrayBuffer()).equals(JPEG)).toBe(true);
    expect(infoWithoutToken.status).toBe(401);
  });

  it("fetches a linked file to show it on the phone, and fails one it cannot download with 131053", async () => {
    await customerWrites();
    const link = receiver.serveFile("folio.jpg", "image/jpeg", JPEG);

    const good = await send({ type: "image", image: { link, caption: "Tu folio" } });
    const broken = await send({ type: "document", document: { link: `${link}.missing`, filename: "x.pdf" } });

    await waitForStatus(good.body.messages[0].id, "delivered");
    await waitForStatus(broken.body.messages[0].id, "failed");
    const [sent] = simulator.outbox().filter((message) => message.id === good.body.messages[0].id);
    const shown = await fetch(`${base}/api/media/${sent?.media?.id}`);
    expect(Buffer.from(await shown.arrayBuffer()).equals(JPEG)).toBe(true);
    expect(statusesOf(broken.body.messages[0].id)[0].errors[0].code).toBe(131053);
  });

  it("marks the customer's messages read, and shows typing, when the business says so", async () => {
    const first = await customerWrites("Uno");
    const second = await customerWrites("Dos");

    const { status, body } = await send({
      status: "read",
      message_id: second,
      typing_indicator: { type: "text" },
    });

    expect(status).toBe(200);
    expect(body).toEqual({ success: true });
    const chat = simulator.chat(CUSTOMER.waId);
    expect(chat?.messages.map((message) => [message.id, message.status])).toEqual([
      [first, "read"],
      [second, "read"],
    ]);
    expect(chat?.typing).toBe(true);
  });
});

describe("WhatsApp simulator: the phone", () => {
  it("serves files sandboxed, so an SVG a customer sent cannot run script on this origin", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>';
    await simulator.customerSends({
      ...CUSTOMER,
      type: "document",
      file: { data: Buffer.from(svg).toString("base64"), mimeType: "image/svg+xml", fileName: "x.svg" },
    }).delivery;
    const [document] = inboundMessages();

    const shown = await fetch(`${base}/api/media/${document.document.id}`);

    expect(shown.headers.get("content-security-policy")).toContain("sandbox");
    expect(shown.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(shown.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("serves the page with a strict CSP and its script and styles from their own routes", async () => {
    const page = await fetch(`${base}/`);
    const html = await page.text();

    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).not.toMatch(/\sstyle=|<style/);
    expect(html).toContain("Escribe un mensaje / Type a message");
    for (const [path, type] of [
      ["/whatsapp-phone.js", "text/javascript"],
      ["/phone-kit.js", "text/javascript"],
      ["/phone.css", "text/css"],
    ]) {
      const file = await fetch(`${base}${path}`);
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toContain(type!);
    }
  });

  it("lets a test drive the customer through the JSON routes the page uses", async () => {
    const sent = await fetch(`${base}/api/chats/${CUSTOMER.waId}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: CUSTOMER.name, type: "text", text: "Desde la página" }),
    });
    const refused = await fetch(`${base}/api/chats/${CUSTOMER.waId}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: CUSTOMER.name, type: "text" }),
    });

    expect(sent.status).toBe(202);
    const { id } = await sent.json();
    await waitFor("the webhook", async () => inboundMessages().some((message) => message.id === id), 5_000);
    const chat = await (await fetch(`${base}/api/chats/${CUSTOMER.waId}`)).json();
    expect(chat).toMatchObject({
      waId: CUSTOMER.waId,
      name: CUSTOMER.name,
      windowOpen: true,
      messages: [{ id }],
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.code).toBe("invalid_request");
  });
});
