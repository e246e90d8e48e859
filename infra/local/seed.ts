import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { getAutoReplySettings, saveAutoReplySettings } from "../../shared/auto-reply/auto-reply-settings.js";
import { registerChannelAccount } from "../../shared/channels/channel-accounts.js";
import { listBotFlows, publishBotFlow, saveBotFlowDraft } from "../../shared/chatbot/bot-flows.js";
import type { StaffIdentity } from "../../shared/identity/index.js";
import type { Ports } from "../../shared/ports.js";
import { type MessageTemplate, putTenant } from "../../shared/tenant/index.js";
import { LOCAL_CHANNEL_ACCOUNTS } from "./channels.js";
import { ensureStaffUser, type StaffAccount } from "./cognito.js";
import { DEMO_AUTO_REPLIES } from "./demo-auto-replies.js";
import { DEMO_BOT_FLOW } from "./demo-bot-flow.js";
import { seedDemoCatalog } from "./demo-catalog.js";
import { seedDemoScriptTree } from "./demo-script-tree.js";
import { registerSimulatedConnect } from "./sim/ivr-simulator.js";

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
  { email: "central@demo.atiende.dev", name: "Olga Oficina Central", role: "central_office" },
] as const;

export const DEMO_DISPOSITIONS = [
  { code: "resolved", es: "Resuelto", en: "Resolved" },
  { code: "information_given", es: "Información proporcionada", en: "Information given" },
  { code: "refund_approved", es: "Devolución aprobada", en: "Refund approved" },
  { code: "escalated", es: "Derivado a otro departamento", en: "Escalated to another department" },
  { code: "no_reply", es: "Sin respuesta del cliente", en: "No reply from the customer" },
  { code: "not_applicable", es: "No procede / spam", en: "Not applicable / spam" },
];

/** The demo bank's departments a case can be transferred to (issue 6). */
export const DEMO_QUEUES = [
  { queueId: "general", es: "Atención general", en: "General service" },
  { queueId: "reclamos", es: "Reclamos y devoluciones", en: "Complaints and refunds" },
  { queueId: "tarjetas", es: "Tarjetas", en: "Cards" },
  { queueId: "seguros", es: "Seguros", en: "Insurance" },
];

/** Templates as Meta would have approved them for the demo bank: what may go out after 24 h of silence. */
export const DEMO_TEMPLATES: MessageTemplate[] = [
  {
    name: "seguimiento_caso",
    language: "es",
    category: "UTILITY",
    body: "Hola {{1}}, le escribimos de Banco Demo sobre su consulta. ¿Podemos continuar por aquí?",
  },
  {
    name: "documentacion_pendiente",
    language: "es",
    category: "UTILITY",
    body: "Hola {{1}}, para avanzar con su trámite necesitamos {{2}}. Puede enviarlo respondiendo a este mensaje.",
  },
  {
    name: "case_follow_up",
    language: "en",
    category: "UTILITY",
    body: "Hello {{1}}, this is Banco Demo about your enquiry. Shall we continue here?",
  },
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
    templates: DEMO_TEMPLATES,
    // What an admin saved survives a restart; only a new demo tenant starts from the defaults.
    queues: (await ports.db.tenant.get({ tenantId: DEMO_TENANT_ID }).go()).data?.queues ?? DEMO_QUEUES,
  });
  await registerSimulatedConnect(ports, DEMO_TENANT_ID);
  for (const [channel, account] of Object.entries(LOCAL_CHANNEL_ACCOUNTS)) {
    await registerChannelAccount(ports, {
      channel: channel as keyof typeof LOCAL_CHANNEL_ACCOUNTS,
      accountId: account.accountId,
      tenantId: DEMO_TENANT_ID,
      label: account.label,
    });
  }
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
    const { tenantId, email, name, role } = account;
    if (role === "admin") {
      const admin = { kind: "staff" as const, staffId, tenantId, email, name, role };
      await seedDemoBotFlow(ports, admin);
      await seedDemoAutoReplies(ports, admin);
      await seedDemoCatalog(ports, admin);
      await seedDemoScriptTree(ports, admin);
    }
  }
  return accounts;
}

/**
 * The demo chatbot flow, saved once and published, so the demo's web chats are attended by the
 * bot first (seed 002). `ATIENDE_DEMO_CHATBOT=draft` leaves it a draft, for runs that want the
 * demo's web chats to go straight to the queue (the chat benchmark).
 */
async function seedDemoBotFlow(ports: Ports, admin: StaffIdentity) {
  const { versions, publishedVersion } = await listBotFlows(ports, admin);
  const draft = versions[0] ?? (await saveBotFlowDraft(ports, admin, { flow: DEMO_BOT_FLOW, revision: 0 }));
  if (process.env.ATIENDE_DEMO_CHATBOT !== "draft" && !publishedVersion)
    await publishBotFlow(ports, admin, draft.version, { revision: draft.revision });
}

/** The demo's automatic replies (issue 6), saved once: an admin's later edits are kept across restarts. */
async function seedDemoAutoReplies(ports: Ports, admin: StaffIdentity) {
  const { revision } = await getAutoReplySettings(ports, admin.tenantId);
  if (revision === 0) await saveAutoReplySettings(ports, admin, { settings: DEMO_AUTO_REPLIES, revision: 0 });
}
