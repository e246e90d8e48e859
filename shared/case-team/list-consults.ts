import { z } from "zod";
import { ForbiddenError } from "../errors.js";
import { oversees, type StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { ConsultState, toConsultInfo } from "./case-note.js";

export const ConsultsQuery = z.object({ state: ConsultState.default("open") });
export type ConsultsQuery = z.input<typeof ConsultsQuery>;

/** The latest this many consults in a state: a pending list longer than this is a staffing problem, not a screen. */
const MAX_LISTED = 100;

/**
 * The tenant's consults in a state, for supervisors: the pending ones (`open`) oldest question
 * first, the others newest first. One query on the consult index, never a scan.
 */
export async function listConsults(ports: Pick<Ports, "db">, staff: StaffIdentity, query: ConsultsQuery) {
  if (!oversees(staff))
    throw new ForbiddenError("Only supervisors and admins list consults", "role_forbidden");
  const { state } = ConsultsQuery.parse(query);
  const { data } = await ports.db.caseThread.query
    .consults({ tenantId: staff.tenantId, consultState: state })
    .go({ order: state === "open" ? "asc" : "desc", count: MAX_LISTED });
  return data.flatMap((thread) => {
    const consult = toConsultInfo(thread);
    return consult ? [consult] : [];
  });
}
