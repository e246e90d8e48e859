import { beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../../infra/local/free-port.js";
import type { BotFlowInput } from "../../../shared/chatbot/flow.js";
import type { StaffIdentity } from "../../../shared/identity/index.js";
import { systemClock } from "../../../shared/ports.js";
import {
  publishScriptTree,
  type ScriptTree,
  saveScriptTreeDraft,
  setConversationTipo,
} from "../../../shared/scripts/index.js";
import { api, clientId } from "../../support/api.js";
import { exitOnly, seedTree } from "../../support/script-tree-fixture.js";
import { createAdmin, createTenant, type TestStaff, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
const ports = { db: stack.runtime.ports.db, clock: systemClock };

/** Seed 001's tree with a third tipo, Voz, whose calls nobody in these tests attends. */
function tree(): ScriptTree {
  const base = seedTree();
  return {
    ...base,
    tipos: [
      ...base.tipos,
      {
        id: "voz",
        name: "Voz (Telefonía)",
        aliases: [],
        motivos: [
          {
            id: "sin-tono",
            name: "No tiene tono",
            aliases: [],
            validates: [],
            escenarios: [{ id: "falla-zona", name: "Falla en la zona", procedure: exitOnly("zone_outage") }],
          },
        ],
      },
    ],
  };
}

async function publishTree(tenantId: string, admin: TestStaff) {
  const staff: StaffIdentity = { kind: "staff", tenantId, ...admin };
  const draft = await saveScriptTreeDraft(ports, staff, { tree: tree(), revision: 0 });
  expect(draft.problems).toEqual([]);
  await publishScriptTree(ports, staff, draft.version, { revision: draft.revision });
}

let tenant: TestTenant;
let other: TestTenant;
let admin: TestStaff;

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTenant(stack, { agents: 3 }), createTenant(stack)]);
  admin = await createAdmin(stack, tenant.tenantId);
  await publishTree(tenant.tenantId, admin);
});

const profiles = (token: string) => api(stack.url, "/api/admin/agent-profiles", { token });
const saveProfile = (token: string, staffId: string, body: unknown) =>
  api(stack.url, `/api/admin/agent-profiles/${encodeURIComponent(staffId)}`, { method: "PUT", token, body });
const tiposOf = async (staffId: string) =>
  (await profiles(admin.token)).body.agents.find((a: { staffId: string }) => a.staffId === staffId)?.tipos;

/** A web chat waiting in the queue, about `tipo` when given. */
async function queued(of: TestTenant, tipo?: string) {
  const customer = await of.customer();
  const { status, body } = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text: `Consulta ${tipo ?? "general"}` },
  });
  expect(status).toBe(201);
  const conversationId = body.conversation.conversationId as string;
  if (tipo) await setConversationTipo(ports, of.tenantId, conversationId, tipo);
  return conversationId;
}

type Page = { conversations: { conversationId: string; tipo?: string }[]; nextCursor?: string };

async function queueIds(token: string) {
  const { status, body } = await api(stack.url, "/api/agent/inbox?view=queue&limit=500", { token });
  expect(status).toBe(200);
  return (body as Page).conversations.map((c) => c.conversationId);
}

async function walkQueue(token: string, limit: number) {
  const pages: string[][] = [];
  let after: string | undefined;
  do {
    const { status, body } = await api(
      stack.url,
      `/api/agent/inbox?view=queue&limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ""}`,
      { token },
    );
    expect(status).toBe(200);
    pages.push((body as Page).conversations.map((c) => c.conversationId));
    after = (body as Page).nextCursor;
  } while (after);
  return pages;
}

const take = (conversationId: string, token: string) =>
  api(stack.url, `/api/agent/conversations/${conversationId}/take`, { method: "POST", token });

describe("Kardex profiles, as the admin keeps them", () => {
  it("lists the tenant's agents (no one else) with the published tree's tipos to choose from", async () => {
    const { status, body } = await profiles(admin.token);

    expect(status).toBe(200);
    expect(body.agents.map((a: { staffId: string }) => a.staffId).sort()).toEqual(
      tenant.agents.map((a) => a.staffId).sort(),
    );
    expect(body.agents[0]).toMatchObject({ name: "Agente 1", email: tenant.agents[0]!.email, tipos: [] });
    expect(body.tipos).toEqual([
      { id: "datos", name: "Datos (Internet)" },
      { id: "cable", name: "Cable (Televisión)" },
      { id: "voz", name: "Voz (Telefonía)" },
    ]);
  });

  it("saves an agent's tipos, the same again changing nothing, and an empty list gives him every tipo back", async () => {
    const agent = tenant.agents[2]!;
    const first = await saveProfile(admin.token, agent.staffId, { tipos: ["voz", "cable"] });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ staffId: agent.staffId, name: agent.name, tipos: ["voz", "cable"] });

    const again = await saveProfile(admin.token, agent.staffId, { tipos: ["voz", "cable"] });
    expect(again.status).toBe(200);
    expect(await tiposOf(agent.staffId)).toEqual(["voz", "cable"]);

    const cleared = await saveProfile(admin.token, agent.staffId, { tipos: [] });
    expect([cleared.status, cleared.body.tipos]).toEqual([200, []]);
    expect(await tiposOf(agent.staffId)).toEqual([]);
  });

  it("refuses a staff id that is not one of the tenant's agents with 404", async () => {
    const agent = tenant.agents[2]!;
    for (const staffId of ["nobody", tenant.supervisor.staffId, admin.staffId, other.agents[0]!.staffId]) {
      const { status, body } = await saveProfile(admin.token, staffId, { tipos: ["cable"] });
      expect([staffId, status, body.error.code]).toEqual([staffId, 404, "agent_not_found"]);
    }
    expect(await tiposOf(agent.staffId)).toEqual([]);
  });

  it("refuses a tipo the published tree does not have with 400 unknown_tipo, storing nothing", async () => {
    const agent = tenant.agents[2]!;
    await saveProfile(admin.token, agent.staffId, { tipos: ["cable"] });

    const { status, body } = await saveProfile(admin.token, agent.staffId, { tipos: ["datos", "saldos"] });

    expect([status, body.error.code, body.error.details]).toEqual([
      400,
      "unknown_tipo",
      { tipos: ["saldos"] },
    ]);
    expect(await tiposOf(agent.staffId)).toEqual(["cable"]);
  });

  it("refuses tipos that are not ids, or listed twice, with 400 invalid_request", async () => {
    const agent = tenant.agents[2]!;
    for (const tipos of [["Datos (Internet)"], ["cable", "cable"], "cable"]) {
      const { status, body } = await saveProfile(admin.token, agent.staffId, { tipos });
      expect([status, body.error.code]).toEqual([400, "invalid_request"]);
    }
    expect(await tiposOf(agent.staffId)).toEqual(["cable"]);
  });

  it("keeps agents and supervisors out of the admin's routes with 403", async () => {
    const agent = tenant.agents[0]!;
    for (const token of [agent.token, tenant.supervisor.token]) {
      expect((await profiles(token)).status).toBe(403);
      expect((await saveProfile(token, agent.staffId, { tipos: ["cable"] })).status).toBe(403);
    }
    expect(await tiposOf(agent.staffId)).toEqual([]);
  });
});

describe("routing by Kardex profile", () => {
  it("shows and gives a datos case only to agents who attend datos, and to those without a profile", async () => {
    const [cableAgent, datosAgent, anyAgent] = tenant.agents as [TestStaff, TestStaff, TestStaff];
    expect((await saveProfile(admin.token, cableAgent.staffId, { tipos: ["cable"] })).status).toBe(200);
    expect((await saveProfile(admin.token, datosAgent.staffId, { tipos: ["datos"] })).status).toBe(200);
    expect((await saveProfile(admin.token, anyAgent.staffId, { tipos: [] })).status).toBe(200);
    const datos = await queued(tenant, "datos");
    const untyped = await queued(tenant);

    const cableQueue = await queueIds(cableAgent.token);
    expect(cableQueue).toContain(untyped);
    expect(cableQueue).not.toContain(datos);
    expect(await queueIds(datosAgent.token)).toEqual(expect.arrayContaining([datos, untyped]));
    expect(await queueIds(anyAgent.token)).toEqual(expect.arrayContaining([datos, untyped]));
    expect(await queueIds(tenant.supervisor.token)).toEqual(expect.arrayContaining([datos, untyped]));

    const refused = await take(datos, cableAgent.token);
    expect([refused.status, refused.body.error.code]).toEqual([403, "outside_profile"]);
    const still = await api(stack.url, `/api/agent/conversations/${datos}`, {
      token: tenant.supervisor.token,
    });
    expect(still.body.conversation).toMatchObject({ status: "queued", tipo: "datos" });
    expect(still.body.conversation.assigneeId).toBeUndefined();

    const taken = await take(datos, datosAgent.token);
    expect(taken.status).toBe(200);
    expect(taken.body.conversation).toMatchObject({ assigneeId: datosAgent.staffId, tipo: "datos" });
    expect((await take(untyped, cableAgent.token)).status).toBe(200);
  });

  it("lets an agent without a profile, and the supervisor, take a case of any tipo", async () => {
    const anyAgent = tenant.agents[2]!;
    expect((await saveProfile(admin.token, anyAgent.staffId, { tipos: [] })).status).toBe(200);
    const voz = await queued(tenant, "voz");
    const cable = await queued(tenant, "cable");

    expect((await take(voz, anyAgent.token)).status).toBe(200);
    expect((await take(cable, tenant.supervisor.token)).status).toBe(200);
  });

  it("pages through a queue full of cases outside the profile with every page full, in order, each case once", async () => {
    const cableAgent = tenant.agents[0]!;
    expect((await saveProfile(admin.token, cableAgent.staffId, { tipos: ["cable"] })).status).toBe(200);
    // Mostly voz, which he does not attend, with his cases scattered among them.
    const plan = Array.from({ length: 40 }, (_, i) =>
      i % 9 === 4 ? "cable" : i % 13 === 7 ? undefined : "voz",
    );
    for (let i = 0; i < plan.length; i += 10) {
      await Promise.all(plan.slice(i, i + 10).map((tipo) => queued(tenant, tipo)));
    }
    const { body } = await api(stack.url, "/api/agent/inbox?view=queue&limit=500", {
      token: tenant.supervisor.token,
    });
    const everything = (body as Page).conversations;
    expect(everything).toHaveLength(plan.length);
    const attended = everything
      .filter((c) => c.tipo === undefined || c.tipo === "cable")
      .map((c) => c.conversationId);
    expect(attended).toHaveLength(7);

    const pages = await walkQueue(cableAgent.token, 3);

    expect(pages.flat()).toEqual(attended);
    expect(pages.slice(0, -1).every((page) => page.length === 3)).toBe(true);
    expect(pages.at(-1)!.length).toBe(attended.length % 3 || 3);
  }, 60_000);

  it("leaves another tenant's agents and queue as they were", async () => {
    const mine = await queued(other, "datos");

    expect(await queueIds(other.agents[0]!.token)).toContain(mine);
    expect((await take(mine, other.agents[0]!.token)).status).toBe(200);
    expect(
      (await profiles(admin.token)).body.agents.map((a: { staffId: string }) => a.staffId),
    ).not.toContain(other.agents[0]!.staffId);
  });
});

describe("a chat the web chatbot hands over", () => {
  /** Support › Internet hands over; any other reason is asked for in the customer's words. */
  const FLOW: BotFlowInput = {
    botName: "Asistente",
    start: "welcome",
    nodes: [
      {
        kind: "menu",
        id: "welcome",
        prompt: "¿En qué te ayudo?",
        options: [
          { label: "Soporte técnico", next: "support" },
          { label: "Otra consulta", next: "reason" },
        ],
      },
      {
        kind: "menu",
        id: "support",
        prompt: "¿Con qué servicio?",
        options: [
          { label: "Internet", next: "human" },
          { label: "Otro", next: "human" },
        ],
      },
      { kind: "question", id: "reason", prompt: "Cuéntanos el motivo", field: "motivo", next: "human" },
      { kind: "handoff", id: "human", text: "Te comunico con una persona." },
    ],
  };

  let chatTenant: TestTenant;

  beforeAll(async () => {
    chatTenant = await createTenant(stack, { agents: 1 });
    const chatAdmin = await createAdmin(stack, chatTenant.tenantId);
    await publishTree(chatTenant.tenantId, chatAdmin);
    const saved = await api(stack.url, "/api/admin/bot-flows/draft", {
      method: "PUT",
      token: chatAdmin.token,
      body: { flow: FLOW, revision: 0 },
    });
    expect(saved.status).toBe(200);
    const published = await api(stack.url, `/api/admin/bot-flows/${saved.body.version}/publish`, {
      method: "POST",
      token: chatAdmin.token,
      body: { revision: saved.body.revision },
    });
    expect(published.status).toBe(200);
  });

  /** A chat where the customer answers the bot with `answers`, once it is in the agents' queue. */
  async function handedOver(answers: string[]) {
    const customer = await chatTenant.customer();
    const { body } = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: customer.token,
      body: { clientMessageId: clientId(), text: "Hola" },
    });
    const conversationId = body.conversation.conversationId as string;
    for (const text of answers) {
      const sent = await api(stack.url, `/api/customer/conversations/${conversationId}/messages`, {
        method: "POST",
        token: customer.token,
        body: { clientMessageId: clientId(), text },
      });
      const seq = sent.body.message.seq as number;
      await waitFor(`the bot's answer to "${text}"`, async () => {
        const { body: read } = await api(stack.url, `/api/customer/conversations/${conversationId}`, {
          token: customer.token,
        });
        return read.messages.some(
          (m: { seq: number; author: string }) => m.seq > seq && m.author === "system",
        );
      });
    }
    const staffView = await api(stack.url, `/api/agent/conversations/${conversationId}`, {
      token: chatTenant.supervisor.token,
    });
    expect(staffView.body.conversation.status).toBe("queued");
    const customerView = await api(stack.url, `/api/customer/conversations/${conversationId}`, {
      token: customer.token,
    });
    expect(customerView.body.conversation.tipo).toBeUndefined();
    return staffView.body.conversation as { tipo?: string };
  }

  it("is about the tipo its menu path names in the published tree", async () => {
    expect((await handedOver(["Soporte técnico", "Internet"])).tipo).toBe("datos");
  });

  it("is about the tipo of the motivo the customer told, and of none when the tree does not know it", async () => {
    expect((await handedOver(["Otra consulta", "No puede navegar en su computadora"])).tipo).toBe("datos");
    expect((await handedOver(["Soporte técnico", "Otro"])).tipo).toBeUndefined();
  });
});
