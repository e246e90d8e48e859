import { type CareRecordItem, searchKeys } from "../care/record.js";
import { AppError } from "../errors.js";
import { createEvent } from "../event.js";
import type { CustomerIdentity } from "../identity/index.js";
import { newId } from "../ids.js";
import type { Ports } from "../ports.js";
import type { RateLimit } from "../rate-limit/consume-rate-limit.js";
import { SubmitQueryInput, toQueryInfo } from "./query-info.js";
import { recordQueryContact } from "./record-query-contact.js";

/** Per customer: far more than a person writes, far less than a script floods the back office with. */
export const QUERY_SUBMIT_LIMIT: RateLimit = { name: "query-submit", limit: 10, windowSeconds: 60 };

const busy = () => new AppError("query_busy", 503, "Could not send the query, try again");

/**
 * A customer sends a query or complaint from "Mi cuenta": it lands, open, in the "Consultas" tab
 * of the back office. Its client request id makes the submit idempotent: the marker and the
 * record are written in one transaction, so a retry finds the query the first attempt stored.
 * `profileRecorded` is false when the contact details could not be copied to his profile;
 * the query stands regardless.
 */
export async function submitQuery(
  ports: Pick<Ports, "db" | "clock" | "events">,
  customer: CustomerIdentity,
  input: SubmitQueryInput,
) {
  const query = SubmitQueryInput.parse(input);
  const { tenantId, customerId } = customer;
  const { clientRequestId } = query;
  const now = ports.clock.now().toISOString();
  const record = {
    tenantId,
    recordId: newId("query"),
    tab: "queries",
    status: "open",
    createdAt: now,
    updatedAt: now,
    customerId,
    customerName: query.name,
    documentNumber: query.documentNumber,
    ...(query.phone && { phone: query.phone }),
    ...(query.email && { email: query.email }),
    ...(query.city && { city: query.city }),
    subject: query.subject,
    origin: "portal",
    detail: {
      kind: query.kind,
      message: query.message,
      preferredContact: query.preferredContact ?? (query.phone ? "phone" : "email"),
    },
    ...searchKeys({ customerName: query.name, documentNumber: query.documentNumber }),
  } satisfies CareRecordItem;

  const { canceled } = await ports.db.transaction
    .write(({ customerQuery, careRecord }) => [
      customerQuery
        .create({ tenantId, customerId, clientRequestId, recordId: record.recordId, createdAt: now })
        .commit(),
      careRecord.create(record).commit(),
    ])
    .go();

  if (canceled) {
    const { data: marker } = await ports.db.customerQuery.get({ tenantId, customerId, clientRequestId }).go();
    if (!marker) throw busy();
    const { data: existing } = await ports.db.careRecord.get({ tenantId, recordId: marker.recordId }).go();
    if (!existing) throw busy();
    return { query: toQueryInfo(existing), duplicate: true, profileRecorded: true };
  }

  const actor = { type: "customer" as const, id: customerId };
  await ports.events.publish([
    createEvent(ports.clock, "query.submitted", tenantId, actor, {
      recordId: record.recordId,
      customerId,
      kind: query.kind,
    }),
    createEvent(ports.clock, "care.record_changed", tenantId, actor, {
      recordId: record.recordId,
      tab: "queries",
      status: "open",
    }),
  ]);
  const profileRecorded = await recordQueryContact(ports, customer, query).then(
    () => true,
    () => false,
  );
  return { query: toQueryInfo(record), duplicate: false, profileRecorded };
}
