import type { ServerType } from "@hono/node-server";
import { serve } from "@hono/node-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freePort, waitFor } from "../../../infra/local/free-port.js";
import {
  createMessengerSimulator,
  type MessengerSimulator,
} from "../../../infra/local/sim/messenger-simulator.js";
import { verifyMetaSignature } from "../../../shared/channels/webhook-signature.js";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.js";

const APP_SECRET = "simulated-app-secret";
const ACCESS_TOKEN = "simulated-page-token";
const PAGE_ID = "111899832631525";
const APP_ID = 424242424242424;
const CUSTOMER = { psid: "6543210987654321", name: "Luis Pérez" };
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x00]);

let receiver: WebhookReceiver;
let simulator: MessengerSimulator;
let server: ServerType;
let base: string;

beforeEach(async () => {
  receiver = await startWebhookReceiver();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  simulator = createMessengerSimulator({
    webhookUrl: receiver.url,
    appSecret: APP_SECRET,
    accessToken: ACCESS_TOKEN,
    pageId: PAGE_ID,
    publicUrl: base,
    appId: APP_ID,
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

/** A Send API call, with the page token as `access_token` as the Messenger docs show it. */
async function sendApi(
  body: Record<string, unknown>,
  token: string | null = ACCESS_TOKEN,
  path = "/me/messages",
) {
  const query = token === null ? "" : `?access_token=${encodeURIComponent(token)}`;
  const response = await fetch(`${base}/graph/v21.0${path}${query}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const reply = (message: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  sendApi({ recipient: { id: CUSTOMER.psid }, messaging_type: "RESPONSE", message, ...extra });

/** The messaging events the webhook received, in order. */
function events() {
  return receiver.received.map((webhook) => webhook.json.entry[0].messaging[0]);
}

async function customerWrites(text = "Hola") {
  const { id, delivery } = simulator.customerSends({ ...CUSTOMER, type: "text", text });
  await delivery;
  return id;
}

describe("Messenger simulator: webhooks to us", () => {
  it("posts a customer's message signed with SHA-256 and the legacy SHA-1 over the exact bytes", async () => {
    const { delivery } = simulator.customerSends({
      ...CUSTOMER,
      type: "text",
      text: "¿Abren el domingo? 🙏",
    });

    expect((await delivery).outcome).toBe("delivered");
    const [webhook] = receiver.received;
    const { raw, headers } = webhook!;
    expect(verifyMetaSignature(raw, headers["x-hub-signature-256"] as string, APP_SECRET)).toBe(true);
    expect(verifyMetaSignature(raw, headers["x-hub-signature"] as string, APP_SECRET, "sha1")).toBe(true);
    expect(raw.toString("latin1")).toMatch(/^[\x20-\x7e]+$/);
    expect(webhook!.json).toEqual({
      object: "page",
      entry: [
        {
          id: PAGE_ID,
          time: expect.any(Number),
          messaging: [
            {
              sender: { id: CUSTOMER.psid },
              recipient: { id: PAGE_ID },
              timestamp: expect.any(Number),
              message: { mid: expect.stringMatching(/^m_/), text: "¿Abren el domingo? 🙏" },
            },
          ],
        },
      ],
    });
  });

  it("redelivers a webhook our endpoint refused, with the same bytes and both signatures", async () => {
    receiver.answerNext(502);

    const delivery = await simulator.customerSends({ ...CUSTOMER, type: "text", text: "Hola" }).delivery;

    expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([502, 200]);
    const [first, second] = receiver.received;
    expect(second!.raw.equals(first!.raw)).toBe(true);
    expect(second!.headers["x-hub-signature"]).toBe(first!.headers["x-hub-signature"]);
    expect(second!.headers["x-hub-signature-256"]).toBe(first!.headers["x-hub-signature-256"]);
  });

  it("turns quick replies, postback buttons, files and quotes into Meta's events", async () => {
    const first = await customerWrites();
    const quick = await reply({
      text: "¿Sobre qué es?",
      quick_replies: [
        { content_type: "text", title: "Factura", payload: "FACTURA" },
        { content_type: "text", title: "Envío", payload: "ENVIO" },
      ],
    });
    const buttons = await reply({
      attachment: {
        type: "template",
        payload: {
          template_type: "button",
          text: "¿Te ayudamos con algo más?",
          buttons: [{ type: "postback", title: "Hablar con alguien", payload: "AGENTE" }],
        },
      },
    });

    await simulator.customerSends({
      ...CUSTOMER,
      type: "quick_reply",
      messageId: quick.body.message_id,
      payload: "FACTURA",
    }).delivery;
    await simulator.customerSends({
      ...CUSTOMER,
      type: "postback",
      messageId: buttons.body.message_id,
      payload: "AGENTE",
    }).delivery;
    await simulator.customerSends({
      ...CUSTOMER,
      type: "image",
      file: { data: PNG.toString("base64"), mimeType: "image/png", fileName: "ticket.png" },
    }).delivery;
    await simulator.customerSends({ ...CUSTOMER, type: "text", text: "Como dije", replyTo: first }).delivery;

    const fromCustomer = events().filter((event) => event.sender.id === CUSTOMER.psid && !event.delivery);
    const [, quickReply, postback, image, quote] = fromCustomer;
    expect(quickReply.message).toEqual({
      mid: expect.any(String),
      text: "Factura",
      quick_reply: { payload: "FACTURA" },
    });
    expect(postback.postback).toEqual({
      mid: expect.any(String),
      title: "Hablar con alguien",
      payload: "AGENTE",
    });
    expect(image.message).toEqual({
      mid: expect.any(String),
      attachments: [{ type: "image", payload: { url: expect.stringContaining(`${base}/media/`) } }],
    });
    expect(quote.message).toEqual({ mid: expect.any(String), text: "Como dije", reply_to: { mid: first } });
    const download = await fetch(image.message.attachments[0].payload.url);
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
    expect(download.headers.get("content-type")).toBe("image/png");
  });
});

describe("Messenger simulator: the Send API", () => {
  it("answers a send with a message id, then posts its echo, its delivery and, once read, a read watermark", async () => {
    await customerWrites();

    const { status, body } = await reply({ text: "Con gusto te ayudo", metadata: "msg_01J" });

    expect(status).toBe(200);
    expect(body).toEqual({ recipient_id: CUSTOMER.psid, message_id: expect.stringMatching(/^m_/) });
    const mid = body.message_id;
    await waitFor("the delivery", async () => events().some((event) => event.delivery), 5_000);
    await simulator.readChat(CUSTOMER.psid);
    const [, echo, delivery, read] = events();
    expect(echo).toEqual({
      sender: { id: PAGE_ID },
      recipient: { id: CUSTOMER.psid },
      timestamp: expect.any(Number),
      message: { is_echo: true, app_id: APP_ID, metadata: "msg_01J", mid, text: "Con gusto te ayudo" },
    });
    expect(delivery).toEqual({
      sender: { id: CUSTOMER.psid },
      recipient: { id: PAGE_ID },
      timestamp: expect.any(Number),
      delivery: { mids: [mid], watermark: expect.any(Number) },
    });
    expect(read).toEqual({
      sender: { id: CUSTOMER.psid },
      recipient: { id: PAGE_ID },
      timestamp: expect.any(Number),
      read: { watermark: echo.timestamp },
    });
    expect(simulator.outbox()).toMatchObject([{ id: mid, status: "read" }]);
  });

  it("takes the token as a bearer too, and refuses a wrong or missing one with OAuthException 190", async () => {
    await customerWrites();
    const body = { recipient: { id: CUSTOMER.psid }, messaging_type: "RESPONSE", message: { text: "Hola" } };
    const bearer = await fetch(`${base}/graph/v21.0/${PAGE_ID}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ACCESS_TOKEN}` },
      body: JSON.stringify(body),
    });

    expect(bearer.status).toBe(200);
    for (const token of ["not-the-token", null]) {
      const refused = await sendApi(body, token);
      // The Send API answers a bad token with 400, not 401.
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ type: "OAuthException", code: 190 });
    }
  });

  it("refuses a RESPONSE 24 h after the customer's last message, while HUMAN_AGENT goes until 7 days", async () => {
    await customerWrites();
    simulator.ageChat(CUSTOMER.psid, 25);

    const late = await reply({ text: "¿Sigues ahí?" });
    const humanAgent = await sendApi({
      recipient: { id: CUSTOMER.psid },
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      message: { text: "Soy Marta, de soporte" },
    });
    simulator.ageChat(CUSTOMER.psid, 24 * 7);
    const tooLate = await sendApi({
      recipient: { id: CUSTOMER.psid },
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      message: { text: "¿Sigues ahí?" },
    });

    expect(late.status).toBe(400);
    expect(late.body.error).toMatchObject({
      message: expect.stringContaining("outside of allowed window"),
      type: "OAuthException",
      code: 10,
      error_subcode: 2018278,
    });
    expect(humanAgent.status).toBe(200);
    expect(tooLate.body.error).toMatchObject({ code: 10, error_subcode: 2018278 });
  });

  it("refuses a PSID that never wrote to the page, and a malformed message", async () => {
    const stranger = await sendApi({ recipient: { id: "1000000000000001" }, message: { text: "Hola" } });
    await customerWrites();
    const tooManyButtons = await reply({
      attachment: {
        type: "template",
        payload: {
          template_type: "button",
          text: "Elige",
          buttons: [1, 2, 3, 4].map((n) => ({ type: "postback", title: `Opción ${n}`, payload: `P${n}` })),
        },
      },
    });

    expect(stranger.body.error).toMatchObject({ code: 100, error_subcode: 2018001 });
    expect(tooManyButtons.status).toBe(400);
    expect(tooManyButtons.body.error).toMatchObject({
      code: 100,
      message: expect.stringContaining("message[attachment][payload][buttons]"),
    });
  });

  it("answers 503 with a transient error while Meta is out", async () => {
    await customerWrites();
    simulator.setOutage(true);

    const { status, body } = await reply({ text: "Hola" });

    expect(status).toBe(503);
    expect(body.error).toMatchObject({
      message: "Service temporarily unavailable",
      type: "OAuthException",
      code: 2,
      is_transient: true,
    });
  });

  it("downloads an attachment by URL before answering, and refuses one it cannot get", async () => {
    await customerWrites();
    const url = receiver.serveFile("folio.png", "image/png", PNG);

    const good = await reply({ attachment: { type: "image", payload: { url, is_reusable: false } } });
    const broken = await reply({ attachment: { type: "file", payload: { url: `${url}.missing` } } });

    expect(good.status).toBe(200);
    const [sent] = simulator.outbox();
    expect(sent?.media).toMatchObject({ mimeType: "image/png", fileName: "folio.png" });
    expect(broken.body.error).toMatchObject({ code: 100, error_subcode: 2018008 });
    await waitFor("the echo", async () => events().some((event) => event.message?.is_echo), 5_000);
    const echo = events().find((event) => event.message?.is_echo);
    expect(echo.message.attachments).toEqual([
      { type: "image", payload: { url: expect.stringContaining(`${base}/media/${sent?.media?.id}`) } },
    ]);
  });

  it("tells the customer's name through the User Profile API", async () => {
    await customerWrites();

    const response = await fetch(
      `${base}/graph/v21.0/${CUSTOMER.psid}?fields=first_name,last_name&access_token=${ACCESS_TOKEN}`,
    );

    expect(await response.json()).toEqual({ first_name: "Luis", last_name: "Pérez", id: CUSTOMER.psid });
  });
});

describe("Messenger simulator: the phone", () => {
  it("serves the page with a strict CSP and its script from its own route", async () => {
    const page = await fetch(`${base}/`);
    const html = await page.text();
    const script = await fetch(`${base}/messenger-phone.js`);

    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(html).toContain("Escribe un mensaje / Type a message");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toContain("text/javascript");
  });

  it("lets a test send as the customer, read the chat and mark it seen through the JSON routes", async () => {
    const sent = await fetch(`${base}/api/chats/${CUSTOMER.psid}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: CUSTOMER.name, type: "text", text: "Desde la página" }),
    });
    await reply({ text: "Recibido" });
    await sendApi({ recipient: { id: CUSTOMER.psid }, sender_action: "mark_seen" });
    const read = await fetch(`${base}/api/chats/${CUSTOMER.psid}/read`, { method: "POST" });

    expect(sent.status).toBe(202);
    expect(read.status).toBe(202);
    await waitFor("the read", async () => events().some((event) => event.read), 5_000);
    const chat = await (await fetch(`${base}/api/chats/${CUSTOMER.psid}`)).json();
    expect(chat).toMatchObject({
      psid: CUSTOMER.psid,
      windowOpen: true,
      messages: [
        { from: "customer", status: "seen" },
        { from: "business", status: "read" },
      ],
    });
  });
});
