import { unlessConditionFails } from "../data/condition-failed.js";
import { ConflictError, NotFoundError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { assertExitTagged } from "../scripts/require-exit-tag.js";
import { indexedAttributes, recordChanged, toCareRecordInfo } from "./record.js";

/**
 * Marks a call, sales call, chat or query CERRADA: attended, nothing more to do. Conditional
 * on it being open; closing it again is a no-op, closing one that generated a service is refused.
 */
export async function closeRecord(ports: Ports, staff: StaffIdentity, recordId: string) {
  const { tenantId } = staff;
  const { data: record } = await ports.db.careRecord.get({ tenantId, recordId }).go();
  if (!record || record.tab === "services") throw new NotFoundError("record");
  if (record.status === "closed") return toCareRecordInfo(record);
  // Calls follow the script; sales calls, queries and a chat's record close as before unless one was followed.
  await assertExitTagged(ports, staff, recordId, { scripted: record.tab === "calls" });
  const now = ports.clock.now().toISOString();
  const closed = await unlessConditionFails(
    ports.db.careRecord
      .patch({ tenantId, recordId })
      .set({
        ...indexedAttributes(record),
        status: "closed",
        updatedAt: now,
        decidedBy: staff.name,
        decidedAt: now,
      })
      // The tab as read too: a late Connect event may have moved a call to the sales tab meanwhile.
      .where(({ status, tab }, { eq }) => `${eq(status, "open")} AND ${eq(tab, record.tab)}`)
      .go({ response: "all_new" }),
  );
  if (!closed) {
    const { data: now } = await ports.db.careRecord.get({ tenantId, recordId }).go();
    if (now?.status === "closed") return toCareRecordInfo(now);
    throw new ConflictError("record_not_open", "Only an open record can be closed", { status: now?.status });
  }
  await ports.events.publish([
    recordChanged(ports.clock, tenantId, { type: "staff", id: staff.staffId }, closed.data),
  ]);
  return toCareRecordInfo(closed.data);
}
