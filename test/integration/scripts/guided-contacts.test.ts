import { beforeAll, describe, expect, it } from "vitest";
import type { ConnectInstance } from "../../../infra/local/sim/connect-events.js";
import { api, clientId } from "../../support/api.js";
import { connectFor, customerWithDocument } from "../../support/calls.js";
import { seedTree } from "../../support/script-tree-fixture.js";
import { publishTree } from "../../support/scripts.js";
import { createAdmin, createTenant, type TestStaff, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
const { db } = stack.runtime.ports;

let tenant: TestTenant;
let other: TestTenant;
let admin: TestStaff;
let agent: TestStaff;
let colleague: TestStaff;
let instance: ConnectInstance;
let customer: { name: string; documentNumber: string };

const guided = (token: string, contactId: string, path = "", body?: unknown) =>
  api(stack.url, `/api/agent/guided/${contactId}${path}`, {
    token,
    ...(body !== undefined && { method: "POST", body }),
  });

/** A call through the simulated IVR: Marta keys in her document and "Soporte técnico › Internet › Sin conexión". */
async function callFromMarta() {
  const sim = (path: string, body: unknown) => api(stack.url, `/sim/ivr${path}`, { method: "POST", body });
  const { body: call } = await sim("/api/calls", {
    phone: "+5491155550123",
    instanceId: instance.instanceId,
    botId: instance.botId,
  });
  for (const keys of ["1", `${customer.documentNumber}#`, "2", "1", "1"])
    await sim(`/api/calls/${call.contactId}/keys`, { keys });
  await expect
    .poll(
      async () =>
        (await db.careRecord.get({ tenantId: tenant.tenantId, recordId: call.contactId }).go()).data,
    )
    .toMatchObject({ motivo: "Soporte técnico › Internet › Sin conexión", customerName: customer.name });
  return call.contactId as string;
}

/** Starts the call's guided contact with its reason and validates Marta's contract. */
async function validatedCall() {
  const contactId = await callFromMarta();
  await guided(agent.token, contactId, "", { tipo: "datos", motivo: "no-navega" });
  const { body } = await guided(agent.token, contactId, "/validation", {
    values: { documentNumber: customer.documentNumber, name: "marta gimenez" },
  });
  expect(body.phase).toBe("escenario");
  return contactId;
}

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTenant(stack, { agents: 2 }), createTenant(stack)]);
  [agent, colleague] = tenant.agents as [TestStaff, TestStaff];
  admin = await createAdmin(stack, tenant.tenantId);
  instance = await connectFor(stack.runtime.ports, tenant.tenantId);
  customer = await customerWithDocument(stack.runtime.ports, tenant.tenantId, "Marta Giménez");
  await publishTree(stack.url, admin.token, seedTree());
});

describe("an agent's guided contact on a call", () => {
  it("opens with the reason the IVR recorded filled in, and the tree published now", async () => {
    const contactId = await callFromMarta();
    const { status, body } = await guided(agent.token, contactId);
    expect(status).toBe(200);
    expect(body.prefill).toEqual({ tipo: "datos", motivo: "no-navega", by: "ivr" });
    expect(body.tree.tipos.map((t: { id: string }) => t.id)).toEqual(["datos", "cable"]);
    expect(body.contact).toBeUndefined();
  });

  it("follows the seed's order to a technical complaint and closes with the procedure's exit tag", async () => {
    const contactId = await callFromMarta();
    const started = await guided(agent.token, contactId, "", { tipo: "datos", motivo: "no-navega" });
    expect(started.body).toMatchObject({ phase: "validation", channel: "call", prefilledBy: "ivr" });

    const wrong = await guided(agent.token, contactId, "/validation", {
      values: { documentNumber: customer.documentNumber, name: "Otra Persona" },
    });
    expect(wrong.body).toMatchObject({
      phase: "validation",
      validation: {
        outcome: "failed",
        checks: [
          { field: "documentNumber", matches: true },
          { field: "name", matches: false },
        ],
      },
    });
    const right = await guided(agent.token, contactId, "/validation", {
      values: { documentNumber: customer.documentNumber, name: "MARTA GIMENEZ" },
    });
    expect(right.body).toMatchObject({ phase: "escenario", validation: { outcome: "passed" } });

    const escenario = await guided(agent.token, contactId, "/escenario", { escenario: "cable-modem" });
    expect(escenario.body).toMatchObject({ phase: "solution", escenarioName: "Cable modem dañado" });
    expect(escenario.body.path.map((e: { step: string }) => e.step)).toEqual(["lights"]);

    const notAnOption = await guided(agent.token, contactId, "/steps", {
      step: "lights",
      answer: "blinking",
    });
    expect(notAnOption.status).toBe(400);
    expect(notAnOption.body.error).toMatchObject({
      code: "unknown_option",
      details: { accepted: ["none", "online"] },
    });
    await guided(agent.token, contactId, "/steps", { step: "lights", answer: "none" });
    const noValue = await guided(agent.token, contactId, "/steps", { step: "serial", value: " " });
    expect(noValue.body.error.code).toBe("value_required");
    await guided(agent.token, contactId, "/steps", { step: "serial", value: "CM-88231" });
    const complaint = await guided(agent.token, contactId, "/steps", { step: "complaint" });
    expect(complaint.body).toMatchObject({
      phase: "closing",
      solution: "Levantar queja técnica para cambio de cable modem",
      serviceId: expect.any(String),
    });
    // Asked twice (a retry), the action took place once: one service.
    const again = await guided(agent.token, contactId, "/steps", { step: "complaint" });
    expect(again.body.serviceId).toBe(complaint.body.serviceId);
    const { data: service } = await db.careRecord
      .get({ tenantId: tenant.tenantId, recordId: complaint.body.serviceId })
      .go();
    expect(service).toMatchObject({ tab: "services", status: "open", sourceRecordId: contactId });
    expect(String(service?.detail?.note)).toContain("Cable modem dañado");
    expect(String(service?.detail?.note)).toContain("CM-88231");
    expect(
      (await db.careRecord.get({ tenantId: tenant.tenantId, recordId: contactId }).go()).data?.status,
    ).toBe("service_generated");

    const back = await guided(agent.token, contactId, "/back", { step: "replaced" });
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe("action_taken");

    const untagged = await guided(agent.token, contactId, "/close", {});
    expect(untagged.status).toBe(400);
    expect(untagged.body.error.code).toBe("exit_tag_required");
    const otherTag = await guided(agent.token, contactId, "/close", { exitTag: "resolved_on_call" });
    expect(otherTag.status).toBe(409);
    expect(otherTag.body.error).toMatchObject({
      code: "exit_tag_mismatch",
      details: { expected: "equipment_replacement" },
    });

    const closed = await guided(agent.token, contactId, "/close", { exitTag: "equipment_replacement" });
    expect(closed.body).toMatchObject({
      phase: "closed",
      exitTag: "equipment_replacement",
      closedAt: expect.any(String),
    });
    expect(closed.body.leftAt).toBeUndefined();
    expect(closed.body.path.map((e: { step: string }) => e.step)).toEqual([
      "lights",
      "serial",
      "complaint",
      "replaced",
    ]);
    expect(closed.body.path[0]).toMatchObject({ answer: "none", ms: expect.any(Number) });
    expect(closed.body.path[1]).toMatchObject({ value: "CM-88231" });
    const twice = await guided(agent.token, contactId, "/close", { exitTag: "equipment_replacement" });
    expect(twice.body.revision).toBe(closed.body.revision);
  });

  it("goes back a step to answer it again, counting the time on the step left as a detour", async () => {
    const contactId = await validatedCall();
    await guided(agent.token, contactId, "/escenario", { escenario: "cable-modem" });
    await guided(agent.token, contactId, "/steps", { step: "lights", answer: "online" });
    const back = await guided(agent.token, contactId, "/back", { step: "restart" });
    expect(back.body.path).toEqual([expect.objectContaining({ step: "lights" })]);
    expect(back.body.path[0].answer).toBeUndefined();
    expect(back.body.detours).toEqual([{ step: "restart", ms: expect.any(Number) }]);
    // A second click on "Atrás" does not go back twice.
    const doubled = await guided(agent.token, contactId, "/back", { step: "restart" });
    expect(doubled.body.path.map((e: { step: string }) => e.step)).toEqual(["lights"]);
    const stale = await guided(agent.token, contactId, "/steps", { step: "restart" });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "step_moved", details: { current: "lights" } });
    // Back from the first step is back to choosing the escenario.
    const escenario = await guided(agent.token, contactId, "/back", { step: "lights" });
    expect(escenario.body).toMatchObject({ phase: "escenario", path: [] });
    expect(escenario.body.escenario).toBeUndefined();
  });

  it("records where the agent left the procedure when he closes early with one of the tree's tags", async () => {
    const contactId = await validatedCall();
    await guided(agent.token, contactId, "/escenario", { escenario: "cable-modem" });
    await guided(agent.token, contactId, "/steps", { step: "lights", answer: "online" });
    const unknown = await guided(agent.token, contactId, "/close", { exitTag: "no-such-tag" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("unknown_exit_tag");
    const closed = await guided(agent.token, contactId, "/close", { exitTag: "resolved_on_call" });
    expect(closed.body).toMatchObject({ phase: "closed", leftAt: "restart", exitTag: "resolved_on_call" });
    // The call's record closed with it.
    expect(
      (await db.careRecord.get({ tenantId: tenant.tenantId, recordId: contactId }).go()).data?.status,
    ).toBe("closed");
  });

  it("keeps the tree version the contact started with when the admin publishes another", async () => {
    const contactId = await validatedCall();
    const changed = seedTree();
    changed.tipos[0]!.motivos[0]!.escenarios[0]!.name = "Módem roto";
    changed.tipos[0]!.motivos[0]!.escenarios[0]!.procedure = {
      start: "bye",
      steps: [{ kind: "exit", id: "bye", tag: "resolved_on_call" }],
    };
    const version = await publishTree(stack.url, admin.token, changed);
    const { body } = await guided(agent.token, contactId, "/escenario", { escenario: "cable-modem" });
    expect(body).toMatchObject({ phase: "solution", escenarioName: "Cable modem dañado" });
    expect(body.version).toBeLessThan(version);
    await publishTree(stack.url, admin.token, seedTree());
  });
});

describe("an agent's guided contact on a chat", () => {
  it("starts with the tipo the chatbot routed the chat by, when it recorded no reason the tree knows", async () => {
    const { body: started } = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: (await tenant.customer()).token,
      body: { text: "Se me cortó la tele", clientMessageId: clientId() },
    });
    const { conversationId } = started.conversation;
    await db.conversation.patch({ tenantId: tenant.tenantId, conversationId }).set({ tipo: "cable" }).go();
    const { body } = await guided(agent.token, conversationId);
    expect(body.prefill).toEqual({ tipo: "cable", by: "chatbot" });
  });

  it("hands its procedure on with the chat: the agent who takes it next finishes it", async () => {
    const { body: started } = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: (await tenant.customer()).token,
      body: { text: "No tengo señal", clientMessageId: clientId() },
    });
    const { conversationId } = started.conversation;
    const untaken = await guided(agent.token, conversationId, "", { tipo: "cable", motivo: "sin-senal" });
    expect(untaken.status).toBe(409);
    expect(untaken.body.error.code).toBe("conversation_not_taken");

    const conversation = (path: string, token: string) =>
      api(stack.url, `/api/agent/conversations/${conversationId}/${path}`, { method: "POST", token });
    await conversation("take", agent.token);
    await guided(agent.token, conversationId, "", { tipo: "cable", motivo: "sin-senal" });
    await conversation("release", agent.token);
    await conversation("take", colleague.token);

    const formerAgent = await guided(agent.token, conversationId, "/escenario", { escenario: "falla-zona" });
    expect(formerAgent.status).toBe(403);
    expect(formerAgent.body.error.code).toBe("not_your_contact");
    const handedOn = await guided(colleague.token, conversationId, "/escenario", { escenario: "falla-zona" });
    expect(handedOn.body).toMatchObject({
      phase: "closing",
      agentId: colleague.staffId,
      agentName: colleague.name,
    });
    await guided(colleague.token, conversationId, "/close", { exitTag: "zone_outage" });
    const finalized = await api(stack.url, `/api/agent/conversations/${conversationId}/finalize`, {
      method: "POST",
      token: colleague.token,
      body: { disposition: "resolved" },
    });
    expect(finalized.status).toBe(200);
  });
});

describe("what is refused", () => {
  it("does not close a call's record while its guided contact has no exit tag", async () => {
    const contactId = await validatedCall();
    const { status, body } = await api(stack.url, `/api/care/records/${contactId}/close`, {
      method: "POST",
      token: agent.token,
    });
    expect(status).toBe(409);
    expect(body.error.code).toBe("exit_tag_required");
    expect(
      (await db.careRecord.get({ tenantId: tenant.tenantId, recordId: contactId }).go()).data?.status,
    ).toBe("open");
  });

  it("does not finalize a chat while its guided contact has no exit tag", async () => {
    const customerToken = (await tenant.customer()).token;
    const { body: started } = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: customerToken,
      body: { text: "No puedo navegar", clientMessageId: clientId() },
    });
    const conversationId = started.conversation.conversationId;
    await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: agent.token,
    });
    const start = await guided(agent.token, conversationId, "", { tipo: "cable", motivo: "sin-senal" });
    expect(start.body).toMatchObject({ channel: "chat", phase: "escenario" });
    const finalize = await api(stack.url, `/api/agent/conversations/${conversationId}/finalize`, {
      method: "POST",
      token: agent.token,
      body: { disposition: "resolved" },
    });
    expect(finalize.status).toBe(409);
    expect(finalize.body.error.code).toBe("exit_tag_required");
    await guided(agent.token, conversationId, "/escenario", { escenario: "falla-zona" });
    await guided(agent.token, conversationId, "/close", { exitTag: "zone_outage" });
    const after = await api(stack.url, `/api/agent/conversations/${conversationId}/finalize`, {
      method: "POST",
      token: agent.token,
      body: { disposition: "resolved" },
    });
    expect(after.status).toBe(200);
  });

  it("refuses a reason the tree does not have, and a contact another agent follows", async () => {
    const contactId = await callFromMarta();
    const unknown = await guided(agent.token, contactId, "", { tipo: "datos", motivo: "otra-cosa" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("unknown_reason");
    expect((await db.guidedContact.get({ tenantId: tenant.tenantId, contactId }).go()).data).toBeNull();

    await guided(agent.token, contactId, "", { tipo: "datos", motivo: "no-navega" });
    const taken = await guided(colleague.token, contactId, "", { tipo: "datos", motivo: "no-navega" });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe("contact_taken");
    const moved = await guided(colleague.token, contactId, "/validation", { values: {} });
    expect(moved.status).toBe(403);
    expect(moved.body.error.code).toBe("not_your_contact");
    const incomplete = await guided(agent.token, contactId, "/validation", {
      values: { documentNumber: customer.documentNumber },
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error).toMatchObject({ code: "missing_field", details: { fields: ["name"] } });
  });

  it("does not close an agent's call or chat that never followed the script, once a tree is published", async () => {
    const contactId = await callFromMarta();
    const close = (token: string) =>
      api(stack.url, `/api/care/records/${contactId}/close`, { method: "POST", token });
    const refused = await close(agent.token);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: "exit_tag_required",
      details: { phase: "not_started" },
    });
    expect(
      (await db.careRecord.get({ tenantId: tenant.tenantId, recordId: contactId }).go()).data?.status,
    ).toBe("open");
    // A supervisor may close one nobody attended (a wrong number, a duplicate).
    expect((await close(tenant.supervisor.token)).status).toBe(200);

    const { body: started } = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: (await tenant.customer()).token,
      body: { text: "Hola", clientMessageId: clientId() },
    });
    const { conversationId } = started.conversation;
    await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: agent.token,
    });
    const finalize = await api(stack.url, `/api/agent/conversations/${conversationId}/finalize`, {
      method: "POST",
      token: agent.token,
      body: { disposition: "resolved" },
    });
    expect(finalize.status).toBe(409);
    expect(finalize.body.error.code).toBe("exit_tag_required");
  });

  it("does not start following a call whose record was closed", async () => {
    const contactId = await callFromMarta();
    const closed = await api(stack.url, `/api/care/records/${contactId}/close`, {
      method: "POST",
      token: tenant.supervisor.token,
    });
    expect(closed.status).toBe(200);
    const start = await guided(agent.token, contactId, "", { tipo: "datos", motivo: "no-navega" });
    expect(start.status).toBe(409);
    expect(start.body.error.code).toBe("record_not_open");
    expect((await db.guidedContact.get({ tenantId: tenant.tenantId, contactId }).go()).data).toBeNull();
  });

  it("refuses a tipo outside the agent's Kardex profile", async () => {
    const contactId = await callFromMarta();
    const saved = await api(stack.url, `/api/admin/agent-profiles/${colleague.staffId}`, {
      method: "PUT",
      token: admin.token,
      body: { tipos: ["cable"] },
    });
    expect(saved.status).toBe(200);
    const { body: view } = await guided(colleague.token, contactId);
    expect(view.tipos).toEqual(["cable"]);
    const refused = await guided(colleague.token, contactId, "", { tipo: "datos", motivo: "no-navega" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("outside_profile");
  });

  it("shows another tenant nothing of the contact", async () => {
    const contactId = await validatedCall();
    const { status } = await guided(other.agents[0]!.token, contactId);
    expect(status).toBe(404);
    const start = await guided(other.agents[0]!.token, contactId, "", { tipo: "datos", motivo: "no-navega" });
    expect(start.status).toBe(404);
  });
});
