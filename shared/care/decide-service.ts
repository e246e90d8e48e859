import { unlessConditionFails } from "../data/condition-failed.js";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { type CareStatus, indexedAttributes, recordChanged, toCareRecordInfo } from "./record.js";

/**
 * What happens to a service waiting for the central office: it confirms it or turns it down;
 * the agents' side may cancel it, but only while it is not confirmed.
 */
export const SERVICE_DECISIONS = {
  confirm: { to: "confirmed", by: ["central_office"] },
  reject: { to: "rejected", by: ["central_office"] },
  cancel: { to: "cancelled", by: ["agent", "supervisor", "admin"] },
} as const satisfies Record<string, { to: CareStatus; by: readonly StaffIdentity["role"][] }>;
export type ServiceDecision = keyof typeof SERVICE_DECISIONS;

/**
 * Moves a waiting service on. The write is conditional on the service still waiting, so a
 * cancel racing a confirm has one winner; the loser learns what happened and who did it.
 * Repeating one's own decision is a no-op.
 */
export async function decideService(
  ports: Ports,
  staff: StaffIdentity,
  serviceId: string,
  decision: ServiceDecision,
) {
  const { to, by } = SERVICE_DECISIONS[decision];
  if (!(by as readonly string[]).includes(staff.role))
    throw new ForbiddenError(`Your role may not ${decision} a service`, "role_forbidden");
  const { tenantId } = staff;
  const { data: service } = await ports.db.careRecord.get({ tenantId, recordId: serviceId }).go();
  if (service?.tab !== "services") throw new NotFoundError("service");
  if (service.status === to) return toCareRecordInfo(service);

  const now = ports.clock.now().toISOString();
  const decided = await unlessConditionFails(
    ports.db.careRecord
      .patch({ tenantId, recordId: serviceId })
      .set({
        ...indexedAttributes(service),
        status: to,
        updatedAt: now,
        decidedBy: staff.name,
        decidedAt: now,
      })
      .where(({ status }, { eq }) => eq(status, "open"))
      .go({ response: "all_new" }),
  );
  if (!decided) {
    const { data: winner } = await ports.db.careRecord.get({ tenantId, recordId: serviceId }).go();
    if (winner?.status === to) return toCareRecordInfo(winner);
    throw new ConflictError("service_already_decided", "The service was already decided", {
      status: winner?.status,
      decidedBy: winner?.decidedBy,
    });
  }
  await ports.events.publish([
    recordChanged(ports.clock, tenantId, { type: "staff", id: staff.staffId }, decided.data),
  ]);
  return toCareRecordInfo(decided.data);
}
