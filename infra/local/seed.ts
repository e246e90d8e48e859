import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { Ports } from "../../shared/ports.js";
import { putTenant } from "../../shared/tenant/index.js";
import { ensureStaffUser, type StaffAccount } from "./cognito.js";

export const DEMO_TENANT_ID = "demo";

/** Demo secrets come from the environment; the defaults are documented in the README and are for local use only. */
export const demoSecrets = () => ({
  password: process.env.ATIENDE_DEMO_PASSWORD ?? "Atiende-demo-2026",
  identitySecret: process.env.ATIENDE_DEMO_IDENTITY_SECRET ?? "demo-identity-secret-for-local-use",
});

export const DEMO_STAFF = [
  { email: "ana@demo.atiende.dev", name: "Ana Agente", role: "agent" },
  { email: "bruno@demo.atiende.dev", name: "Bruno Agente", role: "agent" },
  { email: "sofia@demo.atiende.dev", name: "Sofía Supervisora", role: "supervisor" },
  { email: "admin@demo.atiende.dev", name: "Alex Admin", role: "admin" },
] as const;

export const DEMO_DISPOSITIONS = [
  { code: "resolved", es: "Resuelto", en: "Resolved" },
  { code: "information_given", es: "Información proporcionada", en: "Information given" },
  { code: "refund_approved", es: "Devolución aprobada", en: "Refund approved" },
  { code: "escalated", es: "Derivado a otro departamento", en: "Escalated to another department" },
  { code: "no_reply", es: "Sin respuesta del cliente", en: "No reply from the customer" },
  { code: "not_applicable", es: "No procede / spam", en: "Not applicable / spam" },
];

/**
 * The demo tenant with its agents, supervisor and admin, in the table and in the user pool.
 * Safe to run at every start: it only creates what is missing.
 */
export async function seedDemo(ports: Ports, cognito: CognitoIdentityProviderClient, userPoolId: string) {
  const { password, identitySecret } = demoSecrets();
  await putTenant(ports, {
    tenantId: DEMO_TENANT_ID,
    name: "Banco Demo",
    identitySecret,
    dispositions: DEMO_DISPOSITIONS,
  });
  const accounts: StaffAccount[] = DEMO_STAFF.map((staff) => ({
    ...staff,
    tenantId: DEMO_TENANT_ID,
    password,
  }));
  for (const account of accounts) {
    const staffId = await ensureStaffUser(cognito, userPoolId, account);
    await ports.db.staff
      .put({
        tenantId: account.tenantId,
        staffId,
        email: account.email,
        name: account.name,
        role: account.role,
      })
      .go();
  }
  return accounts;
}
