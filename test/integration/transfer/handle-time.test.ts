import { beforeAll, describe, expect, it } from "vitest";
import { api, clientId } from "../../support/api.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;

beforeAll(async () => {
  tenant = await createTenant(stack);
});

async function takenCase(token: string) {
  const customer = await tenant.customer();
  const started = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text: "Quiero contratar un seguro de viaje" },
  });
  const { conversationId } = started.body.conversation;
  await api(stack.url, `/api/agent/conversations/${conversationId}/take`, { method: "POST", token });
  return conversationId as string;
}

/** A slice of `seconds` that ended `agoSeconds` ago. */
const slice = (seconds: number, agoSeconds = 1) => {
  const end = Date.now() - agoSeconds * 1000;
  return {
    sliceId: clientId(),
    startedAt: new Date(end - seconds * 1000).toISOString(),
    endedAt: new Date(end).toISOString(),
  };
};

const report = (conversationId: string, token: string, slices: unknown[]) =>
  api(stack.url, `/api/agent/conversations/${conversationId}/activity`, {
    method: "POST",
    token,
    body: { slices },
  });

const today = () => new Date().toISOString().slice(0, 10);

describe("active handle time", () => {
  it("adds up the slices per agent, counts a retried slice once, and shows it on the case", async () => {
    const [ana, bruno] = tenant.agents;
    const conversationId = await takenCase(ana!.token);
    const first = slice(60, 120);

    const reported = await report(conversationId, ana!.token, [first, slice(30, 50)]);
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ counted: 2, duplicates: 0 });

    const retried = await report(conversationId, ana!.token, [first]);
    expect(retried.body).toMatchObject({ counted: 0, duplicates: 1 });
    await report(conversationId, bruno!.token, [slice(15)]);

    const { body } = await api(stack.url, `/api/agent/conversations/${conversationId}/summary`, {
      token: ana!.token,
    });
    expect(body.handleTime).toEqual({
      totalSeconds: 105,
      agents: [
        { staffId: ana!.staffId, name: "Agente 1", seconds: 90 },
        { staffId: bruno!.staffId, name: "Agente 2", seconds: 15 },
      ],
    });
  });

  it("refuses a slice longer than 60 s, in the future, ending before it starts or too old, and counts nothing", async () => {
    const ana = tenant.agents[0]!;
    const conversationId = await takenCase(ana.token);
    const future = slice(30, -120);
    const backwards = {
      ...slice(10),
      startedAt: new Date().toISOString(),
      endedAt: new Date(Date.now() - 5000).toISOString(),
    };
    const old = slice(30, 2 * 24 * 3600);
    const cases: [unknown, string][] = [
      [slice(61), "invalid_request"],
      [backwards, "invalid_request"],
      [{ ...slice(10), sliceId: "x" }, "invalid_request"],
      [future, "invalid_request"],
      [old, "invalid_request"],
    ];
    for (const [bad, code] of cases) {
      const refused = await report(conversationId, ana.token, [slice(20), bad]);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe(code);
    }
    const { body } = await api(stack.url, `/api/agent/conversations/${conversationId}/summary`, {
      token: ana.token,
    });
    expect(body.handleTime).toEqual({ totalSeconds: 0, agents: [] });
  });

  it("exports seconds per case and agent as CSV, for supervisors only", async () => {
    const ana = tenant.agents[0]!;
    const conversationId = await takenCase(ana.token);
    await report(conversationId, ana.token, [slice(42)]);

    const refused = await api(stack.url, `/api/agent/handle-time/export?from=${today()}&to=${today()}`, {
      token: ana.token,
    });
    expect(refused.status).toBe(403);

    const { status, body, headers } = await api(
      stack.url,
      `/api/agent/handle-time/export?from=${today()}&to=${today()}`,
      {
        token: tenant.supervisor.token,
      },
    );
    expect(status).toBe(200);
    expect(headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (body as string).split("\r\n");
    expect(lines[0]).toBe("case,agent_id,agent,seconds");
    expect(lines).toContain(`${conversationId},${ana.staffId},Agente 1,42`);

    const backwards = await api(stack.url, "/api/agent/handle-time/export?from=2026-02-02&to=2026-01-01", {
      token: tenant.supervisor.token,
    });
    expect(backwards.status).toBe(400);
  });

  it("exports each agent's total over the days with by=agent, and refuses another grouping", async () => {
    // A tenant of its own, so that the totals are only these.
    const own = await createTenant(stack);
    const [ana, bruno] = own.agents;
    const takenBy = async (token: string) => {
      const customer = await own.customer();
      const started = await api(stack.url, "/api/customer/conversations", {
        method: "POST",
        token: customer.token,
        body: { clientMessageId: clientId(), text: "Comisión del cajero" },
      });
      const { conversationId } = started.body.conversation;
      await api(stack.url, `/api/agent/conversations/${conversationId}/take`, { method: "POST", token });
      return conversationId as string;
    };
    const [first, second, third] = await Promise.all([
      takenBy(ana!.token),
      takenBy(ana!.token),
      takenBy(bruno!.token),
    ]);
    await report(first, ana!.token, [slice(40)]);
    await report(second, ana!.token, [slice(25)]);
    await report(third, bruno!.token, [slice(10)]);

    const range = `from=${today()}&to=${today()}`;
    const { status, body, headers } = await api(
      stack.url,
      `/api/agent/handle-time/export?${range}&by=agent`,
      {
        token: own.supervisor.token,
      },
    );
    expect(status).toBe(200);
    expect(headers.get("content-disposition")).toContain("tiempo-por-agente-");
    expect(body).toBe(
      `agent_id,agent,seconds\r\n${ana!.staffId},Agente 1,65\r\n${bruno!.staffId},Agente 2,10\r\n`,
    );

    const unknown = await api(stack.url, `/api/agent/handle-time/export?${range}&by=queue`, {
      token: own.supervisor.token,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("invalid_request");
  });
});
