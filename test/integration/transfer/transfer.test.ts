import { beforeAll, describe, expect, it } from "vitest";
import { api, clientId } from "../../support/api.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTenant(stack), createTenant(stack)]);
});

const NOTE =
  "Cobro de comisión en cajero propio el 12/11; el cliente pide la devolución. Ya verifiqué el cargo.";

/** A customer's case, taken by the first agent, who answered once. */
async function takenCase() {
  const customer = await tenant.customer();
  const [ana] = tenant.agents;
  const started = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text: "Me cobraron una comisión de 2,50 € en el cajero" },
  });
  const { conversationId } = started.body.conversation;
  await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
    method: "POST",
    token: ana!.token,
  });
  await api(stack.url, `/api/agent/conversations/${conversationId}/messages`, {
    method: "POST",
    token: ana!.token,
    body: { clientMessageId: clientId(), text: "Lo reviso ahora mismo" },
  });
  await api(stack.url, `/api/customer/conversations/${conversationId}/messages`, {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text: "Fue en el cajero de la terminal 4 del aeropuerto" },
  });
  return { conversationId, customer };
}

const transfer = (conversationId: string, token: string, body: unknown) =>
  api(stack.url, `/api/agent/conversations/${conversationId}/transfer`, { method: "POST", token, body });

const conversation = async (conversationId: string, token: string) =>
  (await api(stack.url, `/api/agent/conversations/${conversationId}`, { token })).body.conversation;

describe("transferring a case to another department", () => {
  it("lists the tenant's departments for the console", async () => {
    const { status, body } = await api(stack.url, "/api/agent/queues", { token: tenant.agents[0]!.token });
    expect(status).toBe(200);
    expect(body.queues.map((q: { queueId: string }) => q.queueId)).toEqual([
      "general",
      "reclamos",
      "tarjetas",
      "seguros",
    ]);
  });

  it("refuses a queue that does not exist with 400 unknown_queue and changes nothing", async () => {
    const { conversationId } = await takenCase();
    const ana = tenant.agents[0]!;
    const before = await conversation(conversationId, ana.token);

    const refused = await transfer(conversationId, ana.token, { queueId: "inexistente", note: NOTE });

    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("unknown_queue");
    expect(await conversation(conversationId, ana.token)).toEqual(before);
    const audit = await api(stack.url, `/api/agent/conversations/${conversationId}/audit`, {
      token: ana.token,
    });
    expect(audit.body.entries).toEqual([]);
  });

  it("refuses an empty or overlong handover note", async () => {
    const { conversationId } = await takenCase();
    const ana = tenant.agents[0]!;
    for (const note of ["   ", "x".repeat(2001)]) {
      const refused = await transfer(conversationId, ana.token, { queueId: "reclamos", note });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe("invalid_request");
    }
    expect((await conversation(conversationId, ana.token)).status).toBe("assigned");
  });

  it("queues the case in the department with the note; the next agent takes it and reads the summary", async () => {
    const { conversationId, customer } = await takenCase();
    const [ana, bruno] = tenant.agents;

    const moved = await transfer(conversationId, ana!.token, { queueId: "reclamos", note: NOTE });

    expect(moved.status).toBe(200);
    expect(moved.body.conversation).toMatchObject({ status: "queued", queueId: "reclamos" });
    expect(moved.body.conversation.assigneeId).toBeUndefined();
    expect(moved.body.handover).toMatchObject({
      note: NOTE,
      fromStaffName: "Agente 1",
      fromQueueId: "general",
      toQueueId: "reclamos",
    });

    const queue = await api(stack.url, "/api/agent/inbox?view=queue", { token: bruno!.token });
    const queued = queue.body.conversations.find(
      (c: { conversationId: string }) => c.conversationId === conversationId,
    );
    expect(queued).toMatchObject({ queueId: "reclamos" });

    const seen = await api(stack.url, `/api/customer/conversations/${conversationId}`, {
      token: customer.token,
    });
    expect(seen.body.messages.at(-1)).toMatchObject({
      author: "system",
      text: "Tu gestión pasó a Reclamos y devoluciones; no tendrás que repetir nada.",
    });

    const taken = await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: bruno!.token,
    });
    expect(taken.body.conversation).toMatchObject({
      status: "assigned",
      assigneeName: "Agente 2",
      queueId: "reclamos",
    });

    const { status, body } = await api(stack.url, `/api/agent/conversations/${conversationId}/summary`, {
      token: bruno!.token,
    });
    expect(status).toBe(200);
    const { summary } = body;
    expect(summary.queue).toMatchObject({ queueId: "reclamos", es: "Reclamos y devoluciones" });
    expect(summary.asked.firstMessages.map((m: { text: string }) => m.text)).toEqual([
      "Me cobraron una comisión de 2,50 € en el cajero",
      "Fue en el cajero de la terminal 4 del aeropuerto",
    ]);
    expect(summary.asked.keyPhrases).toEqual(expect.arrayContaining(["2,50 €", "cajero"]));
    expect(summary.done.handovers).toEqual([
      expect.objectContaining({
        note: NOTE,
        fromStaffName: "Agente 1",
        from: expect.objectContaining({ queueId: "general" }),
        to: expect.objectContaining({ queueId: "reclamos" }),
      }),
    ]);
    expect(summary.done.agents).toEqual([expect.objectContaining({ name: "Agente 1", messages: 1 })]);
    expect(summary.done.messages).toEqual({ customer: 2, agent: 1, system: 1 });
    expect(summary.pending.unanswered.map((m: { text: string }) => m.text)).toEqual([
      "Fue en el cajero de la terminal 4 del aeropuerto",
    ]);

    const audit = await api(stack.url, `/api/agent/conversations/${conversationId}/audit`, {
      token: bruno!.token,
    });
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        action: "case.transferred",
        actor: expect.objectContaining({ name: "Agente 1" }),
        detail: { fromQueueId: "general", toQueueId: "reclamos", note: NOTE },
      }),
    ]);
  });

  it("sending the same transfer again changes nothing and tells the customer once", async () => {
    const { conversationId, customer } = await takenCase();
    const ana = tenant.agents[0]!;

    const first = await transfer(conversationId, ana.token, { queueId: "tarjetas", note: NOTE });
    const again = await transfer(conversationId, ana.token, { queueId: "tarjetas", note: NOTE });

    expect(again.status).toBe(200);
    expect(again.body.handover).toEqual(first.body.handover);
    const seen = await api(stack.url, `/api/customer/conversations/${conversationId}`, {
      token: customer.token,
    });
    expect(seen.body.messages.filter((m: { author: string }) => m.author === "system")).toHaveLength(1);
    const summary = await api(stack.url, `/api/agent/conversations/${conversationId}/summary`, {
      token: ana.token,
    });
    expect(summary.body.summary.done.handovers).toHaveLength(1);
  });

  it("refuses an agent who does not have the case with 409, and lets a supervisor do it", async () => {
    const { conversationId } = await takenCase();
    const bruno = tenant.agents[1]!;

    const refused = await transfer(conversationId, bruno.token, { queueId: "reclamos", note: NOTE });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("conversation_taken");
    expect((await conversation(conversationId, bruno.token)).status).toBe("assigned");

    const bySupervisor = await transfer(conversationId, tenant.supervisor.token, {
      queueId: "seguros",
      note: NOTE,
    });
    expect(bySupervisor.status).toBe(200);
    expect(bySupervisor.body.conversation).toMatchObject({ status: "queued", queueId: "seguros" });
  });

  it("refuses a case nobody has taken with 409", async () => {
    const customer = await tenant.customer();
    const started = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: customer.token,
      body: { clientMessageId: clientId(), text: "Hola" },
    });
    const refused = await transfer(started.body.conversation.conversationId, tenant.agents[0]!.token, {
      queueId: "reclamos",
      note: NOTE,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("conversation_not_assigned");
  });

  it("answers another tenant's case as not found, for the transfer and the summary", async () => {
    const { conversationId } = await takenCase();
    const foreign = other.supervisor.token;

    const refused = await transfer(conversationId, foreign, { queueId: "reclamos", note: NOTE });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe("conversation_not_found");
    const summary = await api(stack.url, `/api/agent/conversations/${conversationId}/summary`, {
      token: foreign,
    });
    expect(summary.status).toBe(404);
    expect((await conversation(conversationId, tenant.agents[0]!.token)).status).toBe("assigned");
  });
});
