import { beforeAll, describe, expect, it } from "vitest";
import { ensureStaffUser } from "../../../infra/local/cognito.js";
import { api } from "../../support/api.js";
import { createTenant, PASSWORD, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;
let admin: string;

/** The tenant's admin, signed in: test tenants come without one. */
async function signInAdmin(tenantId: string) {
  const email = `admin@${tenantId}.test`;
  const staffId = await ensureStaffUser(stack.runtime.clients.cognito, stack.config.userPoolId, {
    email,
    name: "Admin",
    role: "admin",
    tenantId,
    password: PASSWORD,
  });
  await stack.runtime.ports.db.staff.put({ tenantId, staffId, email, name: "Admin", role: "admin" }).go();
  const { body } = await api(stack.url, "/api/auth/login", {
    method: "POST",
    body: { email, password: PASSWORD },
  });
  return body.idToken as string;
}

beforeAll(async () => {
  tenant = await createTenant(stack);
  admin = await signInAdmin(tenant.tenantId);
});

const put = (token: string, queues: unknown) =>
  api(stack.url, "/api/admin/queues", { method: "PUT", token, body: { queues } });

describe("the admin's departments", () => {
  it("are the demo departments until the admin changes them, and then what he saved", async () => {
    const before = await api(stack.url, "/api/admin/queues", { token: admin });
    expect(before.body.queues.map((q: { queueId: string }) => q.queueId)).toEqual([
      "general",
      "reclamos",
      "tarjetas",
      "seguros",
    ]);

    const saved = await put(admin, [
      { queueId: "general", es: "Atención general", en: "General service" },
      { queueId: "hipotecas", es: "Hipotecas", en: "Mortgages" },
    ]);
    expect(saved.status).toBe(200);

    const seen = await api(stack.url, "/api/agent/queues", { token: tenant.agents[0]!.token });
    expect(seen.body.queues).toEqual([
      { queueId: "general", es: "Atención general", en: "General service" },
      { queueId: "hipotecas", es: "Hipotecas", en: "Mortgages" },
    ]);
  });

  it("refuse a list without general service, with a repeated id or a bad id, and keep the saved one", async () => {
    const before = await api(stack.url, "/api/admin/queues", { token: admin });
    for (const queues of [
      [{ queueId: "reclamos", es: "Reclamos", en: "Complaints" }],
      [
        { queueId: "general", es: "General", en: "General" },
        { queueId: "general", es: "Otra", en: "Other" },
      ],
      [
        { queueId: "general", es: "General", en: "General" },
        { queueId: "Con Espacios", es: "X", en: "X" },
      ],
    ]) {
      const refused = await put(admin, queues);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe("invalid_request");
    }
    expect((await api(stack.url, "/api/admin/queues", { token: admin })).body).toEqual(before.body);
  });

  it("are for admins only", async () => {
    expect((await api(stack.url, "/api/admin/queues", { token: tenant.agents[0]!.token })).status).toBe(403);
    const bySupervisor = await put(tenant.supervisor.token, [{ queueId: "general", es: "G", en: "G" }]);
    expect(bySupervisor.status).toBe(403);
  });
});
