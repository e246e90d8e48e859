import { beforeAll, describe, expect, it } from "vitest";
import { api, clientId } from "../../support/api.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;

beforeAll(async () => {
  tenant = await createTenant(stack);
});

const post = (path: string, token: string, body: unknown) =>
  api(stack.url, `/api/agent${path}`, { method: "POST", token, body });

async function takenCase(agentToken: string, text: string) {
  const customer = await tenant.customer();
  const started = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text },
  });
  expect(started.status).toBe(201);
  const conversationId = started.body.conversation.conversationId as string;
  const taken = await post(`/conversations/${conversationId}/take`, agentToken, undefined);
  expect(taken.status).toBe(200);
  return conversationId;
}

type Line = { action: string; actor: { type: string; id: string; name?: string }; detail?: unknown };

async function trail(conversationId: string) {
  const read = await api(stack.url, `/api/agent/conversations/${conversationId}/audit`, {
    token: tenant.supervisor.token,
  });
  expect(read.status).toBe(200);
  return read.body.entries as Line[];
}

describe("the audit trail of the team's notes and consults", () => {
  it("records one line per note, even when it is sent again, without its text", async () => {
    const [ana] = tenant.agents;
    const conversationId = await takenCase(ana!.token, "Me cobraron dos veces");
    const note = { clientId: clientId(), text: "Cliente esmeraldacóndor, revisar el cargo" };
    const first = await post(`/conversations/${conversationId}/notes`, ana!.token, note);
    const again = await post(`/conversations/${conversationId}/notes`, ana!.token, note);
    expect(first.status).toBe(201);
    expect(again.body.note.noteId).toBe(first.body.note.noteId);

    const lines = await trail(conversationId);
    expect(lines).toEqual([
      expect.objectContaining({
        action: "note.added",
        actor: { type: "staff", id: ana!.staffId, name: "Agente 1" },
        detail: { noteId: first.body.note.noteId },
      }),
    ]);
    expect(JSON.stringify(lines)).not.toContain("esmeraldacóndor");
  });

  it("records who asked, answered and settled a consult, once each, never what they wrote", async () => {
    const [ana] = tenant.agents;
    const conversationId = await takenCase(ana!.token, "Comisión del cajero del aeropuerto");
    const question = { clientId: clientId(), text: "¿Devolvemos la comisión ambarpelícano?" };
    const answer = { clientId: clientId(), text: "Sí, devuélvela, turquesaocelote" };
    const settle = { clientId: clientId(), text: "Devuelta, jadecolibrí" };
    const supervisor = tenant.supervisor;

    const asked = await post(`/conversations/${conversationId}/consult`, ana!.token, question);
    await post(`/conversations/${conversationId}/consult`, ana!.token, question);
    const answered = await post(`/conversations/${conversationId}/consult/answer`, supervisor.token, answer);
    await post(`/conversations/${conversationId}/consult/answer`, supervisor.token, answer);
    const resolved = await post(`/conversations/${conversationId}/consult/resolve`, ana!.token, settle);
    await post(`/conversations/${conversationId}/consult/resolve`, ana!.token, settle);
    // Settling it again with a new id changes nothing, so it records nothing either.
    await post(`/conversations/${conversationId}/consult/resolve`, ana!.token, { clientId: clientId() });
    expect([asked.status, answered.status, resolved.status]).toEqual([201, 201, 200]);

    const lines = await trail(conversationId);
    expect(lines.map((line) => [line.action, line.actor.id, line.detail])).toEqual([
      ["consult.asked", ana!.staffId, { noteId: asked.body.note.noteId }],
      ["consult.answered", supervisor.staffId, { noteId: answered.body.note.noteId }],
      ["consult.resolved", ana!.staffId, { noteId: resolved.body.note.noteId }],
    ]);
    const written = JSON.stringify(lines);
    for (const word of ["ambarpelícano", "turquesaocelote", "jadecolibrí"])
      expect(written).not.toContain(word);
  });

  it("records nothing for a refused note or answer", async () => {
    const [ana, bruno] = tenant.agents;
    const conversationId = await takenCase(ana!.token, "Sin nada que registrar");
    const empty = await post(`/conversations/${conversationId}/notes`, ana!.token, {
      clientId: clientId(),
      text: " ",
    });
    expect(empty.status).toBe(400);
    const notOpen = await post(`/conversations/${conversationId}/consult/answer`, tenant.supervisor.token, {
      clientId: clientId(),
      text: "Respuesta sin pregunta",
    });
    expect(notOpen.status).toBe(409);
    await post(`/conversations/${conversationId}/consult`, ana!.token, {
      clientId: clientId(),
      text: "¿Sí?",
    });
    const byAgent = await post(`/conversations/${conversationId}/consult/answer`, bruno!.token, {
      clientId: clientId(),
      text: "Sí",
    });
    expect(byAgent.status).toBe(403);
    expect((await trail(conversationId)).map((line) => line.action)).toEqual(["consult.asked"]);
  });
});
