import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { api, clientId } from "../../support/api.js";
import { type SocketClient, settled, socketPool } from "../../support/socket.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTenant(stack), createTenant(stack)]);
});

const sockets = socketPool(stack.url);
afterEach(() => sockets.closeAll());

/** A customer's new case, taken by the given agent. */
async function takenCase(owner: TestTenant, agentToken: string, text: string) {
  const customer = await owner.customer();
  const started = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text },
  });
  expect(started.status).toBe(201);
  const conversationId = started.body.conversation.conversationId as string;
  const taken = await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
    method: "POST",
    token: agentToken,
  });
  expect(taken.status).toBe(200);
  return { customer, conversationId };
}

const post = (path: string, token: string, body: unknown) =>
  api(stack.url, `/api/agent${path}`, { method: "POST", token, body });

/** Everything the customer can read of his case and his history, as one string to search. */
async function customerView(token: string, conversationId: string, words: string) {
  const reads = await Promise.all([
    api(stack.url, `/api/customer/conversations/${conversationId}`, { token }),
    api(stack.url, "/api/customer/conversations", { token }),
    api(stack.url, `/api/customer/search?q=${encodeURIComponent(words)}`, { token }),
  ]);
  for (const read of reads) expect(read.status).toBe(200);
  expect(reads[2]!.body.results).toEqual([]);
  return JSON.stringify(reads.map((read) => read.body));
}

const teamFrames = (socket: SocketClient) => socket.frames.filter((f) => f.event?.name.startsWith("case."));

describe("private notes on a case", () => {
  it("shows a note to the team and never to the customer, by any route or socket", async () => {
    const [ana] = tenant.agents;
    const { customer, conversationId } = await takenCase(
      tenant,
      ana!.token,
      "Me llegaron dos cobros de la tienda",
    );
    const customerSocket = await sockets.connect(customer.token);
    const supervisorSocket = await sockets.connect(tenant.supervisor.token);

    const added = await post(`/conversations/${conversationId}/notes`, ana!.token, {
      clientId: clientId(),
      text: "Cliente frecuente, zafiroquetzal pendiente de revisar",
    });
    expect(added.status).toBe(201);
    expect(added.body.note).toMatchObject({ kind: "note", authorName: "Agente 1" });

    const live = await supervisorSocket.waitFor((f) => f.event?.name === "case.note_added");
    expect(live.event!.data).toMatchObject({
      conversationId,
      note: { text: expect.stringContaining("zafiroquetzal") },
    });
    const listed = await api(stack.url, `/api/agent/conversations/${conversationId}/notes`, {
      token: ana!.token,
    });
    expect(listed.body.notes.map((n: { text: string }) => n.text)).toEqual([
      "Cliente frecuente, zafiroquetzal pendiente de revisar",
    ]);

    expect(await customerView(customer.token, conversationId, "zafiroquetzal")).not.toContain(
      "zafiroquetzal",
    );
    await settled(customerSocket);
    expect(teamFrames(customerSocket)).toEqual([]);
    expect(JSON.stringify(customerSocket.frames)).not.toContain("zafiroquetzal");
  });

  it("stores a retried note once", async () => {
    const [ana] = tenant.agents;
    const { conversationId } = await takenCase(tenant, ana!.token, "Consulta de saldo");
    const note = { clientId: clientId(), text: "Llamó ayer también" };
    const first = await post(`/conversations/${conversationId}/notes`, ana!.token, note);
    const again = await post(`/conversations/${conversationId}/notes`, ana!.token, note);
    expect(again.body.note.noteId).toBe(first.body.note.noteId);
    const listed = await api(stack.url, `/api/agent/conversations/${conversationId}/notes`, {
      token: ana!.token,
    });
    expect(listed.body.notes).toHaveLength(1);
  });

  it("refuses an empty note and a malformed client id, storing nothing", async () => {
    const [ana] = tenant.agents;
    const { conversationId } = await takenCase(tenant, ana!.token, "Consulta de tarjeta");
    const empty = await post(`/conversations/${conversationId}/notes`, ana!.token, {
      clientId: clientId(),
      text: "  ",
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe("invalid_request");
    const badId = await post(`/conversations/${conversationId}/notes`, ana!.token, {
      clientId: "x",
      text: "Hola",
    });
    expect(badId.status).toBe(400);
    expect(badId.body.error.code).toBe("invalid_request");
    const listed = await api(stack.url, `/api/agent/conversations/${conversationId}/notes`, {
      token: ana!.token,
    });
    expect(listed.body.notes).toEqual([]);
  });

  it("shows the notes of a customer's other cases in his 360 view, only to his tenant's staff", async () => {
    const [ana] = tenant.agents;
    const { customer, conversationId } = await takenCase(tenant, ana!.token, "Primera gestión");
    await post(`/conversations/${conversationId}/notes`, ana!.token, {
      clientId: clientId(),
      text: "Prefiere WhatsApp",
    });
    const mine = await api(stack.url, `/api/agent/customers/${customer.customerId}/notes`, {
      token: ana!.token,
    });
    expect(mine.body.notes).toEqual([expect.objectContaining({ conversationId, text: "Prefiere WhatsApp" })]);
    const theirs = await api(stack.url, `/api/agent/customers/${customer.customerId}/notes`, {
      token: other.agents[0]!.token,
    });
    expect(theirs.body.notes).toEqual([]);
  });
});

describe("asking a supervisor about a case", () => {
  it("brings the question to the supervisor live and the answer back to the agent, none of it to the customer", async () => {
    const [ana, bruno] = tenant.agents;
    const { customer, conversationId } = await takenCase(
      tenant,
      ana!.token,
      "Me llegaron 2 push de compra NBA",
    );
    const [anaSocket, brunoSocket, supervisorSocket, customerSocket] = await Promise.all([
      sockets.connect(ana!.token),
      sockets.connect(bruno!.token),
      sockets.connect(tenant.supervisor.token),
      sockets.connect(customer.token),
    ]);

    const question = "¿Devolvemos el doble cargo de la tienda NBA?";
    const asked = await post(`/conversations/${conversationId}/consult`, ana!.token, {
      clientId: clientId(),
      text: question,
    });
    expect(asked.status).toBe(201);
    expect(asked.body.consult).toMatchObject({ state: "open", question, askedByName: "Agente 1" });

    const requested = await supervisorSocket.waitFor((f) => f.event?.name === "case.consult_requested");
    expect(requested.event!.data).toMatchObject({
      conversationId,
      askedById: ana!.staffId,
      note: { text: question },
    });
    const pending = await api(stack.url, "/api/agent/consults?state=open", {
      token: tenant.supervisor.token,
    });
    expect(pending.body.consults).toContainEqual(expect.objectContaining({ conversationId, question }));

    // Meanwhile the agent keeps attending the customer.
    const reply = await post(`/conversations/${conversationId}/messages`, ana!.token, {
      clientMessageId: clientId(),
      text: "Lo estoy revisando, un momento",
    });
    expect(reply.status).toBe(201);

    const answer = "Sí, devuélvelo: es un cargo duplicado del comercio";
    const answered = await post(`/conversations/${conversationId}/consult/answer`, tenant.supervisor.token, {
      clientId: clientId(),
      text: answer,
    });
    expect(answered.status).toBe(201);
    expect(answered.body.consult).toMatchObject({ state: "answered", answeredByName: "Supervisora" });
    const back = await anaSocket.waitFor((f) => f.event?.name === "case.consult_answered");
    expect(back.event!.data).toMatchObject({
      conversationId,
      note: { text: answer, authorName: "Supervisora" },
    });

    const after = await api(stack.url, "/api/agent/consults?state=open", { token: tenant.supervisor.token });
    expect(after.body.consults.map((c: { conversationId: string }) => c.conversationId)).not.toContain(
      conversationId,
    );
    const thread = await api(stack.url, `/api/agent/conversations/${conversationId}/notes`, {
      token: ana!.token,
    });
    expect(thread.body.thread.map((n: { step: string; text: string }) => [n.step, n.text])).toEqual([
      ["question", question],
      ["answer", answer],
    ]);

    const resolved = await post(`/conversations/${conversationId}/consult/resolve`, ana!.token, {
      clientId: clientId(),
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.consult.state).toBe("resolved");

    await Promise.all([settled(brunoSocket), settled(customerSocket)]);
    expect(teamFrames(brunoSocket)).toEqual([]);
    expect(teamFrames(customerSocket)).toEqual([]);
    const seen = await customerView(customer.token, conversationId, "doble cargo");
    expect(seen).not.toContain("Devolvemos");
    expect(seen).not.toContain("cargo duplicado");
  });

  it("stores a retried question once", async () => {
    const [ana] = tenant.agents;
    const { conversationId } = await takenCase(tenant, ana!.token, "Cargo no reconocido");
    const input = { clientId: clientId(), text: "¿Lo escalamos?" };
    const first = await post(`/conversations/${conversationId}/consult`, ana!.token, input);
    const again = await post(`/conversations/${conversationId}/consult`, ana!.token, input);
    expect(again.body.note.noteId).toBe(first.body.note.noteId);
    const thread = await api(stack.url, `/api/agent/conversations/${conversationId}/notes`, {
      token: ana!.token,
    });
    expect(thread.body.thread).toHaveLength(1);
  });

  it("lets only supervisors and admins answer or list consults, and only those involved settle one", async () => {
    const [ana, bruno] = tenant.agents;
    const { conversationId } = await takenCase(tenant, ana!.token, "Comisión de cajero");
    await post(`/conversations/${conversationId}/consult`, ana!.token, {
      clientId: clientId(),
      text: "¿Procede?",
    });
    const answered = await post(`/conversations/${conversationId}/consult/answer`, bruno!.token, {
      clientId: clientId(),
      text: "Sí",
    });
    expect(answered.status).toBe(403);
    expect(answered.body.error.code).toBe("role_forbidden");
    const listed = await api(stack.url, "/api/agent/consults?state=open", { token: ana!.token });
    expect(listed.status).toBe(403);
    expect(listed.body.error.code).toBe("role_forbidden");
    // Neither may an agent with no part in the case settle it.
    const resolved = await post(`/conversations/${conversationId}/consult/resolve`, bruno!.token, {
      clientId: clientId(),
    });
    expect(resolved.status).toBe(403);
    const thread = await api(stack.url, `/api/agent/conversations/${conversationId}/notes`, {
      token: ana!.token,
    });
    expect(thread.body.consult.state).toBe("open");
  });

  it("refuses an answer when nothing was asked, and an unknown consult state", async () => {
    const [ana] = tenant.agents;
    const { conversationId } = await takenCase(tenant, ana!.token, "Sin consulta");
    const answered = await post(`/conversations/${conversationId}/consult/answer`, tenant.supervisor.token, {
      clientId: clientId(),
      text: "Respuesta",
    });
    expect(answered.status).toBe(409);
    expect(answered.body.error.code).toBe("consult_not_open");
    const listed = await api(stack.url, "/api/agent/consults?state=everything", {
      token: tenant.supervisor.token,
    });
    expect(listed.status).toBe(400);
    expect(listed.body.error.code).toBe("invalid_request");
  });

  it("answers 404 for another tenant's case on every team route", async () => {
    const [ana] = tenant.agents;
    const { conversationId } = await takenCase(tenant, ana!.token, "Caso ajeno");
    const outsider = other.supervisor.token;
    const input = { clientId: clientId(), text: "Hola" };
    const attempts = await Promise.all([
      api(stack.url, `/api/agent/conversations/${conversationId}/notes`, { token: outsider }),
      post(`/conversations/${conversationId}/notes`, outsider, input),
      post(`/conversations/${conversationId}/consult`, outsider, input),
      post(`/conversations/${conversationId}/consult/answer`, outsider, input),
      post(`/conversations/${conversationId}/consult/resolve`, outsider, { clientId: clientId() }),
      api(stack.url, `/api/agent/conversations/${conversationId}/similar`, { token: outsider }),
    ]);
    for (const attempt of attempts) {
      expect(attempt.status).toBe(404);
      expect(attempt.body.error.code).toBe("conversation_not_found");
    }
    const listed = await api(stack.url, `/api/agent/conversations/${conversationId}/notes`, {
      token: ana!.token,
    });
    expect(listed.body.notes).toEqual([]);
    expect(listed.body.consult).toBeNull();
  });
});
