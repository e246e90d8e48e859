import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../../infra/local/free-port.js";
import { acceptInboundMessage } from "../../../shared/channels/accept-inbound.js";
import type { InboundMessage } from "../../../shared/channels/inbound.js";
import { storeInboundMessage } from "../../../shared/channels/store-inbound-message.js";
import { api, clientId } from "../../support/api.js";
import { postWebhook, registerWhatsApp, wamid, whatsAppText } from "../../support/channels.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
const { db } = stack.runtime.ports;
let tenant: TestTenant;
let phoneNumberId: string;

type Outgoing = { request: { type: string; text?: { body: string } } };
type Message = { seq: number; author: string; text: string };

const MASKED = "••••••";

beforeAll(async () => {
  tenant = await createTenant(stack, { agents: 1 });
  phoneNumberId = await registerWhatsApp(stack, tenant.tenantId);
});

/** The texts our number sent to `waId`, oldest first, as the simulated phone shows them. */
async function phoneTexts(waId: string) {
  const { body } = await api(stack.url, `/sim/whatsapp/api/outbox?waId=${waId}`);
  return (body as Outgoing[]).map((sent) => sent.request.text?.body ?? "");
}

async function messagesOf(c: WhatsAppCase) {
  const { body } = await api(stack.url, `/api/agent/conversations/${c.conversationId}`, {
    token: c.agent.token,
  });
  return body.messages as Message[];
}

/** Waits until the case holds `count` messages written by the product itself. */
async function systemReplies(c: WhatsAppCase, count: number) {
  let replies: string[] = [];
  await waitFor(`${count} system replies`, async () => {
    replies = (await messagesOf(c)).filter((m) => m.author === "system").map((m) => m.text);
    return replies.length >= count;
  });
  return replies;
}

async function approvalOf(c: WhatsAppCase) {
  const { body } = await api(stack.url, `/api/agent/conversations/${c.conversationId}/approvals`, {
    token: c.agent.token,
  });
  return body.approvals.find((a: { approvalId: string }) => a.approvalId === c.approvalId);
}

async function actions(c: WhatsAppCase) {
  const { body } = await api(stack.url, `/api/agent/conversations/${c.conversationId}/audit`, {
    token: c.agent.token,
  });
  return (body.entries as { action: string; actor: { type: string } }[]).map((entry) => entry.action);
}

/** The customer writes `text` from his phone; the message's id, for delivering it again. */
async function answer(c: WhatsAppCase, text: string, id = wamid()) {
  const posted = await postWebhook(stack, "whatsapp", whatsAppText(phoneNumberId, c.customer, text, id));
  expect(posted.status).toBe(200);
  return id;
}

/** A WhatsApp customer's case, taken by the agent; with `approve`, the agent asks for a refund. */
async function whatsAppCase(approve = true) {
  const customer = { waId: `5255${randomInt(10 ** 7, 10 ** 8)}`, name: "Marta Díaz" };
  const agent = tenant.agents[0]!;
  await postWebhook(
    stack,
    "whatsapp",
    whatsAppText(phoneNumberId, customer, "Me cobraron dos veces en la tienda NBA"),
  );
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
  let approvalId = "";
  if (approve) {
    const requested = await api(stack.url, `/api/agent/conversations/${conversationId}/approvals`, {
      method: "POST",
      token: agent.token,
      body: {
        clientMessageId: clientId(),
        operation: "refund",
        description: "Cargo duplicado en la tienda NBA",
        amount: { value: 59.9, currency: "EUR" },
      },
    });
    expect(requested.status).toBe(201);
    expect(requested.body.approval).toMatchObject({ channel: "whatsapp", state: "pending" });
    expect(requested.body.approval.codeSentAt).toBeDefined();
    approvalId = requested.body.approval.approvalId;
  }
  return { customer, agent, conversationId, approvalId };
}

type WhatsAppCase = Awaited<ReturnType<typeof whatsAppCase>>;

const CODE = /código para aprobar.* es (\d{6})\./;

/** The six digits the customer's phone received, with the request that announced them. */
async function codeOnPhone(c: WhatsAppCase) {
  let texts: string[] = [];
  await waitFor("the request and the code on the phone", async () => {
    texts = await phoneTexts(c.customer.waId);
    return texts.some((t) => t.includes("Responde a este mensaje")) && texts.some((t) => CODE.test(t));
  });
  const code = texts.map((t) => CODE.exec(t)?.[1]).find(Boolean);
  expect(code).toBeDefined();
  return { code: code!, texts };
}

/** `text` from the case's customer as the WhatsApp webhook reads it, for the bus's path. */
const inbound = (c: WhatsAppCase, externalId: string, text: string): InboundMessage => ({
  channel: "whatsapp",
  accountId: phoneNumberId,
  externalId,
  from: { address: c.customer.waId, name: c.customer.name, phone: `+${c.customer.waId}` },
  sentAt: new Date().toISOString(),
  text,
  content: { kind: "text" },
  media: [],
});

/** A code that is not `code`. */
const wrong = (code: string, n: number) => ((Number(code) + n) % 1_000_000).toString().padStart(6, "0");

describe("an approval confirmed by answering on WhatsApp", () => {
  it("sends the code with the request, and approves with the code the customer answers", async () => {
    const c = await whatsAppCase();
    const { code, texts } = await codeOnPhone(c);
    const request = texts.find((t) => t.includes("Responde a este mensaje"))!;
    expect(request).toContain("Devolución: Cargo duplicado en la tienda NBA");
    expect(request).toMatch(
      /Responde a este mensaje con el código de 6 dígitos que te enviamos a \+52 ••• \d{3}; válido hasta las \d{2}:\d{2} UTC\./,
    );

    const id = await answer(c, `${code.slice(0, 3)} ${code.slice(3)}`);
    const replies = await systemReplies(c, 1);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/^Operación aprobada: Cargo duplicado en la tienda NBA · 59,90\s€$/);
    expect(await approvalOf(c)).toMatchObject({ state: "approved", decidedBy: expect.any(String) });
    await waitFor("the approval on the phone", async () =>
      (await phoneTexts(c.customer.waId)).some((t) => t.startsWith("Operación aprobada")),
    );

    // The same delivery again approves nothing twice and says nothing twice.
    await answer(c, code, id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const messages = await messagesOf(c);
    expect(messages.filter((m) => m.author === "system")).toHaveLength(1);
    expect(messages.filter((m) => m.text === MASKED)).toHaveLength(1);
    const trail = await actions(c);
    expect(trail.filter((a) => a === "approval.approved")).toHaveLength(1);
    expect(trail).toContain("approval.code_sent");
  });

  it("counts wrong codes, says how many tries are left, and approves with the right one", async () => {
    const c = await whatsAppCase();
    const { code } = await codeOnPhone(c);
    await answer(c, wrong(code, 1));
    expect(await systemReplies(c, 1)).toEqual(["Código incorrecto, te quedan 2 intentos."]);
    await answer(c, wrong(code, 2));
    expect((await systemReplies(c, 2)).at(-1)).toBe("Código incorrecto, te queda 1 intento.");
    await answer(c, code);
    expect((await systemReplies(c, 3)).at(-1)).toMatch(/^Operación aprobada/);
    expect(await approvalOf(c)).toMatchObject({ state: "approved", attemptsLeft: 1 });
    const trail = await actions(c);
    expect(trail.filter((a) => a === "approval.code_failed")).toHaveLength(2);
    expect(trail.filter((a) => a === "approval.approved")).toHaveLength(1);
  });

  it("locks at the third wrong code and then refuses the right one", async () => {
    const c = await whatsAppCase();
    const { code } = await codeOnPhone(c);
    for (let n = 1; n <= 3; n++) {
      await answer(c, wrong(code, n));
      await systemReplies(c, n);
    }
    expect((await systemReplies(c, 3)).at(-1)).toMatch(/^Demasiados códigos incorrectos/);
    await answer(c, code);
    const replies = await systemReplies(c, 4);
    expect(replies.at(-1)).toMatch(/^Demasiados códigos incorrectos/);
    expect(replies.some((r) => r.startsWith("Operación aprobada"))).toBe(false);
    expect(await approvalOf(c)).toMatchObject({ state: "locked", attemptsLeft: 0 });
    const trail = await actions(c);
    expect(trail.filter((a) => a === "approval.locked")).toHaveLength(1);
    expect(trail).not.toContain("approval.approved");
  });

  it("costs one attempt when the bus delivers the same wrong code twice", async () => {
    const c = await whatsAppCase();
    const { code } = await codeOnPhone(c);
    const id = await answer(c, wrong(code, 1));
    await systemReplies(c, 1);
    const ref = { tenantId: tenant.tenantId, channel: "whatsapp" as const, externalId: id };
    await storeInboundMessage(stack.runtime.ports, ref, inbound(c, id, wrong(code, 1)));
    expect(await approvalOf(c)).toMatchObject({ state: "pending", attemptsLeft: 2 });
    expect(await systemReplies(c, 1)).toEqual(["Código incorrecto, te quedan 2 intentos."]);
    expect((await actions(c)).filter((a) => a === "approval.code_failed")).toHaveLength(1);
  });

  it("refuses the right code once the time is over, and writes the expiry down", async () => {
    const c = await whatsAppCase();
    const { code } = await codeOnPhone(c);
    const later = { ...stack.runtime.ports, clock: { now: () => new Date(Date.now() + 11 * 60_000) } };
    const message = inbound(c, wamid(), code);
    await acceptInboundMessage({ ...later, events: { publish: async () => {} } }, message);
    const ref = { tenantId: tenant.tenantId, channel: "whatsapp" as const, externalId: message.externalId };
    await storeInboundMessage(later, ref);
    expect((await systemReplies(c, 1)).at(-1)).toMatch(/^El código caducó/);
    expect(await approvalOf(c)).toMatchObject({ state: "expired" });
    const trail = await actions(c);
    expect(trail.filter((a) => a === "approval.expired")).toHaveLength(1);
    expect(trail).not.toContain("approval.approved");
    expect((await messagesOf(c)).filter((m) => m.author === "customer").at(-1)?.text).toBe(MASKED);
  });

  it("never stores the digits the customer sent, right or wrong", async () => {
    const c = await whatsAppCase();
    const { code } = await codeOnPhone(c);
    const ids = [await answer(c, wrong(code, 7))];
    await systemReplies(c, 1);
    ids.push(await answer(c, code));
    await systemReplies(c, 2);

    const messages = await messagesOf(c);
    expect(messages.filter((m) => m.author === "customer").map((m) => m.text)).toEqual([
      "Me cobraron dos veces en la tienda NBA",
      MASKED,
      MASKED,
    ]);
    const key = { tenantId: tenant.tenantId, conversationId: c.conversationId };
    const stored = await Promise.all([
      db.approval.query.byCase(key).go(),
      db.caseAudit.query.byCase(key).go(),
      db.message.query.byConversation(key).go(),
      db.conversation.get(key).go(),
      ...ids.map((externalId) =>
        db.externalMessage.get({ tenantId: tenant.tenantId, channel: "whatsapp", externalId }).go(),
      ),
    ]);
    const dump = JSON.stringify(stored);
    expect(dump).toContain(c.approvalId);
    expect(dump).toContain('"state":"stored"');
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(wrong(code, 7));
  });

  it("keeps six digits as an ordinary message in a case with no approval", async () => {
    const c = await whatsAppCase(false);
    await answer(c, "123 456");
    let messages: Message[] = [];
    await waitFor("the message in the case", async () => {
      messages = await messagesOf(c);
      return messages.length >= 2;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    messages = await messagesOf(c);
    expect(messages.map((m) => [m.author, m.text])).toEqual([
      ["customer", "Me cobraron dos veces en la tienda NBA"],
      ["customer", "123 456"],
    ]);
  });
});
