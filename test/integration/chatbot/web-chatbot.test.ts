import { beforeAll, describe, expect, it } from "vitest";
import { ensureStaffUser } from "../../../infra/local/cognito.js";
import { waitFor } from "../../../infra/local/free-port.js";
import { answerCustomer } from "../../../shared/chatbot/answer-customer.js";
import type { BotFlowInput } from "../../../shared/chatbot/flow.js";
import { toMessagePayload } from "../../../shared/conversation/info.js";
import { createEvent } from "../../../shared/event.js";
import { systemClock } from "../../../shared/ports.js";
import { api, clientId } from "../../support/api.js";
import { createTenant, PASSWORD, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
const { db } = stack.runtime.ports;

/** Support hands the chat over with the name and document; billing ends, leaving the phone. */
const FLOW: BotFlowInput = {
  botName: "Asistente Demo",
  start: "welcome",
  nodes: [
    {
      kind: "menu",
      id: "welcome",
      prompt: "¡Hola! ¿En qué te ayudo?",
      options: [
        { label: "Soporte técnico", next: "name" },
        { label: "Facturación", next: "phone" },
      ],
    },
    { kind: "question", id: "name", prompt: "¿Cuál es tu nombre?", field: "name", next: "document" },
    { kind: "question", id: "document", prompt: "¿Tu documento?", field: "documentNumber", next: "human" },
    { kind: "handoff", id: "human", text: "Te comunico con una persona." },
    { kind: "question", id: "phone", prompt: "¿A qué teléfono te llamamos?", field: "phone", next: "bye" },
    { kind: "end", id: "bye", text: "Gracias, te contactaremos." },
  ],
};

/** The tenant's admin, signed in: test tenants come without one. */
async function signInAdmin(tenantId: string) {
  const email = `admin@${tenantId}.test`;
  const name = "Admin";
  const staffId = await ensureStaffUser(stack.runtime.clients.cognito, stack.config.userPoolId, {
    email,
    name,
    role: "admin",
    tenantId,
    password: PASSWORD,
  });
  await db.staff.put({ tenantId, staffId, email, name, role: "admin" }).go();
  const { body } = await api(stack.url, "/api/auth/login", {
    method: "POST",
    body: { email, password: PASSWORD },
  });
  return body.idToken as string;
}

async function publish(token: string, flow: BotFlowInput, revision = 0) {
  const saved = await api(stack.url, "/api/admin/bot-flows/draft", {
    method: "PUT",
    token,
    body: { flow, revision },
  });
  expect(saved.status).toBe(200);
  const published = await api(stack.url, `/api/admin/bot-flows/${saved.body.version}/publish`, {
    method: "POST",
    token,
    body: { revision: saved.body.revision },
  });
  expect(published.status).toBe(200);
  return saved.body.version as number;
}

type Message = { seq: number; author: string; authorName?: string; text: string };

async function messagesOf(token: string, conversationId: string): Promise<Message[]> {
  const { body } = await api(stack.url, `/api/customer/conversations/${conversationId}`, { token });
  return body.messages;
}

/** Writes as the customer and waits until the bot has answered it. */
async function say(customer: { token: string }, conversationId: string, text: string) {
  const { status, body } = await api(stack.url, `/api/customer/conversations/${conversationId}/messages`, {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text },
  });
  expect(status).toBe(201);
  const seq = body.message.seq as number;
  await waitFor(`the bot's answer to "${text}"`, async () =>
    (await messagesOf(customer.token, conversationId)).some((m) => m.seq > seq && m.author === "system"),
  );
  return (await messagesOf(customer.token, conversationId)).filter((m) => m.seq > seq);
}

async function startChat(tenant: TestTenant, text = "Hola") {
  const customer = await tenant.customer();
  const { status, body } = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text },
  });
  expect(status).toBe(201);
  return { customer, conversation: body.conversation as { conversationId: string; status: string } };
}

async function chatRecord(token: string, conversationId: string, status = "open") {
  const { body } = await api(stack.url, `/api/care/records?tab=chats&status=${status}`, { token });
  return (body.records as { recordId: string }[]).find((r) => r.recordId === conversationId) as
    | Record<string, unknown>
    | undefined;
}

let tenant: TestTenant;
let admin: string;
let version: number;

beforeAll(async () => {
  tenant = await createTenant(stack);
  admin = await signInAdmin(tenant.tenantId);
  version = await publish(admin, FLOW);
});

describe("a web chat of a tenant with a published chatbot flow", () => {
  it("is attended by the bot, which collects the name and document and hands it to the agents' queue", async () => {
    const agent = tenant.agents[0]!.token;
    const { customer, conversation } = await startChat(tenant);
    const { conversationId } = conversation;
    expect(conversation.status).toBe("bot");
    const write = await api(stack.url, `/api/agent/conversations/${conversationId}/messages`, {
      method: "POST",
      token: tenant.supervisor.token,
      body: { clientMessageId: clientId(), text: "Hola, soy la supervisora" },
    });
    expect([write.status, write.body.error.code]).toEqual([409, "conversation_with_bot"]);

    const opening = await messagesOf(customer.token, conversationId);
    expect(opening.map((m) => [m.author, m.text])).toEqual([
      ["customer", "Hola"],
      ["system", "¡Hola! ¿En qué te ayudo?\n1. Soporte técnico\n2. Facturación"],
    ]);
    expect(opening[1]!.authorName).toBe("Asistente Demo");
    const queueBefore = await api(stack.url, "/api/agent/inbox?view=queue", { token: agent });
    expect(
      queueBefore.body.conversations.map((c: { conversationId: string }) => c.conversationId),
    ).not.toContain(conversationId);
    const early = await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: agent,
    });
    expect([early.status, early.body.error.code]).toEqual([409, "conversation_with_bot"]);

    expect((await say(customer, conversationId, "soporte TECNICO")).map((m) => m.text)).toEqual([
      "¿Cuál es tu nombre?",
    ]);
    const retried = await say(customer, conversationId, "1234");
    expect(retried.at(-1)!.text).toMatch(/nombre.*¿Cuál es tu nombre\?$/s);
    await say(customer, conversationId, "Lucía Pérez");
    const handedOver = await say(customer, conversationId, "20.123.456");
    expect(handedOver.map((m) => m.text)).toEqual([
      "Te comunico con una persona.",
      "El asistente derivó esta conversación.\nOpciones: Soporte técnico\nNombre: Lucía Pérez\nDocumento: 20.123.456",
    ]);

    await waitFor("the chat in the agents' queue, named as the customer told the bot", async () => {
      const queue = await api(stack.url, "/api/agent/inbox?view=queue", { token: agent });
      return queue.body.conversations.some(
        (c: { conversationId: string; customerName?: string }) =>
          c.conversationId === conversationId && c.customerName === "Lucía Pérez",
      );
    });
    await waitFor("the chat's record with what the bot collected", async () => {
      const record = await chatRecord(agent, conversationId);
      return (record?.detail as { botOutcome?: string } | undefined)?.botOutcome === "handoff";
    });
    expect(await chatRecord(agent, conversationId)).toMatchObject({
      tab: "chats",
      status: "open",
      origin: "web",
      customerName: "Lucía Pérez",
      documentNumber: "20.123.456",
      motivo: "Soporte técnico",
      detail: {
        botOutcome: "handoff",
        flowVersion: version,
        collected: { name: "Lucía Pérez", documentNumber: "20.123.456" },
      },
    });

    const taken = await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: agent,
    });
    expect(taken.status).toBe(200);
    await waitFor("the record naming who took the chat", async () => {
      const record = await chatRecord(agent, conversationId);
      return record?.assigneeId === tenant.agents[0]!.staffId;
    });
    const released = await api(stack.url, `/api/agent/conversations/${conversationId}/release`, {
      method: "POST",
      token: agent,
    });
    expect(released.status).toBe(200);
    await waitFor("the record without an assignee", async () => {
      const record = await chatRecord(agent, conversationId);
      return record !== undefined && record.assigneeId === undefined;
    });
    const supervisor = tenant.supervisor.token;
    const closed = await api(stack.url, `/api/agent/conversations/${conversationId}/finalize`, {
      method: "POST",
      token: supervisor,
      body: { disposition: "resolved" },
    });
    expect(closed.status).toBe(200);
    await waitFor(
      "the record closed",
      async () => (await chatRecord(agent, conversationId, "closed")) !== undefined,
    );
  });

  it("ends with an open chat record holding the contact data, and no queue entry", async () => {
    const agent = tenant.agents[0]!.token;
    const { customer, conversation } = await startChat(tenant, "Buenas tardes");
    const { conversationId } = conversation;
    await say(customer, conversationId, "2");
    const ended = await say(customer, conversationId, "+54 11 4321-5678");
    expect(ended.map((m) => m.text)).toEqual(["Gracias, te contactaremos."]);

    await waitFor("the ended chat's record", async () => {
      const record = await chatRecord(agent, conversationId);
      return (record?.detail as { botOutcome?: string } | undefined)?.botOutcome === "end";
    });
    expect(await chatRecord(agent, conversationId)).toMatchObject({
      status: "open",
      origin: "web",
      phone: "+541143215678",
      motivo: "Facturación",
    });
    const { data: stored } = await db.conversation.get({ tenantId: tenant.tenantId, conversationId }).go();
    expect(stored).toMatchObject({ status: "bot", bot: { outcome: "end" } });
    const queue = await api(stack.url, "/api/agent/inbox?view=queue", { token: agent });
    expect(queue.body.conversations.map((c: { conversationId: string }) => c.conversationId)).not.toContain(
      conversationId,
    );

    // From the Chats tab an agent takes it, to answer by the phone the customer left.
    const taken = await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: agent,
    });
    expect([taken.status, taken.body.conversation.status]).toEqual([200, "assigned"]);
    await waitFor("the record naming who took the chat", async () => {
      const record = await chatRecord(agent, conversationId);
      return record?.assigneeId === tenant.agents[0]!.staffId;
    });
  });

  it("posts no reply twice when a customer message is delivered again", async () => {
    const { customer, conversation } = await startChat(tenant);
    const { conversationId } = conversation;
    await say(customer, conversationId, "1");
    const before = await messagesOf(customer.token, conversationId);
    const { tenantId } = tenant;
    const { data: answered } = await db.message.get({ tenantId, conversationId, seq: 3 }).go();
    expect(answered).toMatchObject({ author: "customer", text: "1" });
    const event = createEvent(
      systemClock,
      "message.received",
      tenantId,
      { type: "customer", id: answered!.customerId },
      { conversationId, customerId: answered!.customerId, message: toMessagePayload(answered!) },
    );

    await answerCustomer(stack.runtime.ports, event);
    await answerCustomer(stack.runtime.ports, event);

    expect(await messagesOf(customer.token, conversationId)).toEqual(before);
    const { data: after } = await db.conversation.get({ tenantId, conversationId }).go();
    expect(after?.bot).toMatchObject({ nodeId: "name", answeredSeq: 3 });
  });

  it("keeps running the version a chat started with after another is published", async () => {
    const { customer, conversation } = await startChat(tenant);
    const renamed = { ...FLOW, botName: "Asistente Nuevo" };
    const list = await api(stack.url, "/api/admin/bot-flows", { token: admin });
    const newer = await publish(admin, renamed, 0);
    expect(newer).toBe(list.body.versions[0].version + 1);

    const answer = await say(customer, conversation.conversationId, "1");
    expect(answer.at(-1)!.authorName).toBe("Asistente Demo");
    const { conversation: next } = await startChat(tenant);
    const opening = await messagesOf(customer.token, conversation.conversationId);
    expect(opening[1]!.authorName).toBe("Asistente Demo");
    const { data: started } = await db.conversation
      .get({ tenantId: tenant.tenantId, conversationId: next.conversationId })
      .go();
    expect(started?.bot?.flowVersion).toBe(newer);
  });
});

describe("the admin's bot flow API", () => {
  it("refuses a draft saved over a stale revision with 409 stale_draft", async () => {
    const first = await api(stack.url, "/api/admin/bot-flows/draft", {
      method: "PUT",
      token: admin,
      body: { flow: FLOW, revision: 0 },
    });
    expect(first.status).toBe(200);
    const { version: draft, revision } = first.body;
    const mine = await api(stack.url, "/api/admin/bot-flows/draft", {
      method: "PUT",
      token: admin,
      body: { flow: { ...FLOW, botName: "Uno" }, revision },
    });
    expect([mine.status, mine.body.revision, mine.body.version]).toEqual([200, revision + 1, draft]);
    const theirs = await api(stack.url, "/api/admin/bot-flows/draft", {
      method: "PUT",
      token: admin,
      body: { flow: { ...FLOW, botName: "Dos" }, revision },
    });
    expect([theirs.status, theirs.body.error.code, theirs.body.error.details]).toEqual([
      409,
      "stale_draft",
      { currentRevision: revision + 1 },
    ]);
    const stored = await api(stack.url, `/api/admin/bot-flows/${draft}`, { token: admin });
    expect([stored.body.state, stored.body.flow.botName]).toEqual(["draft", "Uno"]);
  });

  it("refuses to publish an invalid flow with 400 invalid_flow listing its problems, and keeps the published one", async () => {
    const before = await api(stack.url, "/api/admin/bot-flows", { token: admin });
    const current = before.body.versions.find((v: { state: string }) => v.state === "draft");
    const broken: BotFlowInput = {
      ...FLOW,
      nodes: [{ kind: "menu", id: "welcome", prompt: "¿Qué?", options: [{ label: "A", next: "nowhere" }] }],
    };
    const saved = await api(stack.url, "/api/admin/bot-flows/draft", {
      method: "PUT",
      token: admin,
      body: { flow: broken, revision: current?.revision ?? 0 },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.problems).toEqual([{ code: "unknown_target", node: "welcome", target: "nowhere" }]);
    const refused = await api(stack.url, `/api/admin/bot-flows/${saved.body.version}/publish`, {
      method: "POST",
      token: admin,
      body: { revision: saved.body.revision },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: "invalid_flow",
      details: { problems: [{ code: "unknown_target", node: "welcome", target: "nowhere" }] },
    });
    const after = await api(stack.url, "/api/admin/bot-flows", { token: admin });
    expect(after.body.publishedVersion).toBe(before.body.publishedVersion);
  });

  it("refuses a flow of the wrong shape with 400 invalid_request", async () => {
    const { status, body } = await api(stack.url, "/api/admin/bot-flows/draft", {
      method: "PUT",
      token: admin,
      body: { flow: { botName: "X", start: "a", nodes: [{ kind: "teleport", id: "a" }] }, revision: 0 },
    });
    expect([status, body.error.code]).toEqual([400, "invalid_request"]);
  });

  it("lets no one but an admin read or edit flows", async () => {
    for (const token of [tenant.agents[0]!.token, tenant.supervisor.token, tenant.centralOffice.token]) {
      const edit = await api(stack.url, "/api/admin/bot-flows/draft", {
        method: "PUT",
        token,
        body: { flow: FLOW, revision: 0 },
      });
      expect([edit.status, edit.body.error.code]).toEqual([403, "role_forbidden"]);
      expect((await api(stack.url, "/api/admin/bot-flows", { token })).status).toBe(403);
    }
  });

  it("shows another tenant's admin none of this tenant's flows", async () => {
    const other = await createTenant(stack, { agents: 0 });
    const otherAdmin = await signInAdmin(other.tenantId);
    const { body } = await api(stack.url, "/api/admin/bot-flows", { token: otherAdmin });
    expect(body).toEqual({ versions: [] });
    const one = await api(stack.url, `/api/admin/bot-flows/${version}`, { token: otherAdmin });
    expect([one.status, one.body.error.code]).toEqual([404, "bot_flow_not_found"]);
  });
});

describe("a tenant without a published flow", () => {
  it("queues a web chat at once with only the customer's message, as before", async () => {
    const plain = await createTenant(stack, { agents: 1 });
    const { customer, conversation } = await startChat(plain, "¿Abren el sábado?");
    expect(conversation.status).toBe("queued");
    expect((await messagesOf(customer.token, conversation.conversationId)).map((m) => m.text)).toEqual([
      "¿Abren el sábado?",
    ]);
    const taken = await api(stack.url, `/api/agent/conversations/${conversation.conversationId}/take`, {
      method: "POST",
      token: plain.agents[0]!.token,
    });
    expect(taken.status).toBe(200);
  });
});
