import type { EntityItem } from "electrodb";
import { z } from "zod";
import { loadConversation } from "../conversation/load-conversation.js";
import type { Db } from "../data/db.js";
import type { Identity, StaffIdentity } from "../identity/index.js";
import { newId } from "../ids.js";
import type { Clock, Ports } from "../ports.js";

/**
 * What the audit trail of a case records. Past tense, `subject.verb`; each module that writes
 * one adds its actions here, so a reader of the trail finds every possible line in one place.
 */
export const AuditAction = z.enum([
  "document.requested",
  "document.uploaded",
  "document.rejected",
  "document.downloaded",
  "approval.requested",
  "approval.code_sent",
  "approval.code_failed",
  "approval.locked",
  "approval.approved",
  "approval.expired",
  "approval.cancelled",
  "case.transferred",
  // The team's side of a case (private notes, supervisor consults): who and which entry, never its text.
  "note.added",
  "consult.asked",
  "consult.answered",
  "consult.resolved",
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEntry = z.object({
  auditId: z.string(),
  conversationId: z.string(),
  action: AuditAction,
  actor: z.object({
    type: z.enum(["customer", "staff", "system"]),
    id: z.string(),
    name: z.string().optional(),
  }),
  detail: z.record(z.string(), z.unknown()).optional(),
  at: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

type AuditItem = EntityItem<Db["caseAudit"]>;

/** Who did it, as the trail names them: staff by name, a customer by id, the system as itself. */
export function auditActor(identity: Identity | "system") {
  if (identity === "system") return { actorType: "system" as const, actorId: "system" };
  return identity.kind === "staff"
    ? { actorType: "staff" as const, actorId: identity.staffId, actorName: identity.name }
    : { actorType: "customer" as const, actorId: identity.customerId };
}

/**
 * One line of a case's trail, to put in the same transaction as the change it records: a retry
 * that finds the change made writes no second line.
 */
export function auditItem(
  clock: Clock,
  line: {
    tenantId: string;
    conversationId: string;
    action: AuditAction;
    by: Identity | "system";
    detail?: Record<string, unknown>;
  },
): AuditItem {
  return {
    tenantId: line.tenantId,
    conversationId: line.conversationId,
    auditId: newId("audit"),
    action: line.action,
    ...auditActor(line.by),
    ...(line.detail && { detail: line.detail }),
    at: clock.now().toISOString(),
  };
}

/** Records an action that changes nothing else, such as a download: each one is its own line. */
export async function recordAudit(ports: Pick<Ports, "db" | "clock">, line: Parameters<typeof auditItem>[1]) {
  await ports.db.caseAudit.create(auditItem(ports.clock, line)).go();
}

function toAuditEntry(item: AuditItem): AuditEntry {
  const { auditId, conversationId, action, actorType, actorId, actorName, detail, at } = item;
  return AuditEntry.parse({
    auditId,
    conversationId,
    action,
    actor: { type: actorType, id: actorId, ...(actorName && { name: actorName }) },
    ...(detail !== undefined && { detail }),
    at,
  });
}

/** A case's trail, oldest first, for the staff who may see the case. */
export async function listAudit(ports: Pick<Ports, "db">, staff: StaffIdentity, conversationId: string) {
  const conversation = await loadConversation(ports, staff, conversationId);
  const { data } = await ports.db.caseAudit.query
    .byCase({ tenantId: staff.tenantId, conversationId: conversation.conversationId })
    .go({ pages: "all" });
  return data.map(toAuditEntry);
}
