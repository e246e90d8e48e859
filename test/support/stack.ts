import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import type { Config } from "../../functions/config.js";
import { createRuntime } from "../../functions/ports.js";
import { ensureStaffUser } from "../../infra/local/cognito.js";
import { DEMO_DISPOSITIONS, DEMO_QUEUES } from "../../infra/local/seed.js";
import type { StaffRole } from "../../shared/identity/index.js";
import { type EventPublisher, systemClock } from "../../shared/ports.js";
import { putTenant } from "../../shared/tenant/index.js";
import { api } from "./api.js";

export const PASSWORD = "Test-password-2026";

/** The shared local cloud, and an in-process runtime on the same emulators for direct domain calls. */
export function useStack(bus: EventPublisher = { publish: async () => {} }) {
  const { url, config: shared } = inject("stack");
  const config: Config = { ...shared, sessionSecret: new TextEncoder().encode(shared.sessionSecret) };
  return { url, config, runtime: createRuntime(config, bus) };
}

export type Stack = ReturnType<typeof useStack>;
export type TestStaff = { staffId: string; email: string; name: string; role: StaffRole; token: string };

/**
 * A fresh tenant with signed-in staff, so that each test file works on its own data.
 * `agents` agents, one supervisor, one central office user.
 */
export async function createTenant(stack: Stack, options: { agents?: number } = {}) {
  const tenantId = `t-${randomBytes(5).toString("hex")}`;
  const identitySecret = randomBytes(24).toString("hex");
  await putTenant(
    { db: stack.runtime.ports.db, clock: systemClock },
    {
      tenantId,
      name: `Tenant ${tenantId}`,
      identitySecret,
      dispositions: DEMO_DISPOSITIONS,
      queues: DEMO_QUEUES,
    },
  );
  const people = [
    ...Array.from({ length: options.agents ?? 2 }, (_, i) => ({
      name: `Agente ${i + 1}`,
      role: "agent" as const,
    })),
    { name: "Supervisora", role: "supervisor" as const },
    { name: "Oficina Central", role: "central_office" as const },
  ];
  const staff = await Promise.all(
    people.map(async ({ name, role }, i): Promise<TestStaff> => {
      const email = `${role}${i}@${tenantId}.test`;
      const staffId = await ensureStaffUser(stack.runtime.clients.cognito, stack.config.userPoolId, {
        email,
        name,
        role,
        tenantId,
        password: PASSWORD,
      });
      await stack.runtime.ports.db.staff.put({ tenantId, staffId, email, name, role }).go();
      const { body } = await api(stack.url, "/api/auth/login", {
        method: "POST",
        body: { email, password: PASSWORD },
      });
      return { staffId, email, name, role, token: body.idToken };
    }),
  );
  const agents = staff.filter((s) => s.role === "agent");
  const supervisor = staff.find((s) => s.role === "supervisor")!;
  const centralOffice = staff.find((s) => s.role === "central_office")!;

  /** A new anonymous widget session of this tenant. */
  async function customer() {
    const { status, body } = await api(stack.url, "/api/customer/sessions", {
      method: "POST",
      body: { tenantId },
    });
    if (status !== 201) throw new Error(`customer session: ${status} ${JSON.stringify(body)}`);
    return body as { token: string; customerId: string };
  }

  return { tenantId, identitySecret, agents, supervisor, centralOffice, customer };
}

export type TestTenant = Awaited<ReturnType<typeof createTenant>>;

/** Test tenants come without an admin: this signs one up for the tenant, for admin screens. */
export async function createAdmin(stack: Stack, tenantId: string, name = "Alex Admin"): Promise<TestStaff> {
  const email = `admin-${randomBytes(3).toString("hex")}@${tenantId}.test`;
  const staffId = await ensureStaffUser(stack.runtime.clients.cognito, stack.config.userPoolId, {
    email,
    name,
    role: "admin",
    tenantId,
    password: PASSWORD,
  });
  await stack.runtime.ports.db.staff.put({ tenantId, staffId, email, name, role: "admin" }).go();
  const { body } = await api(stack.url, "/api/auth/login", {
    method: "POST",
    body: { email, password: PASSWORD },
  });
  return { staffId, email, name, role: "admin", token: body.idToken };
}
