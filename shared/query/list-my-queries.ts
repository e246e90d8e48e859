import type { CareRecordItem } from "../care/record.js";
import type { CustomerIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { toQueryInfo } from "./query-info.js";

/** "Mi cuenta" shows this many of the customer's latest queries. */
export const MY_QUERIES_LIMIT = 50;

/**
 * The customer's own queries, newest first, each with its status as the back office left it:
 * his list names them, and their care records (read in one batch) say where they stand.
 */
export async function listMyQueries(ports: Pick<Ports, "db">, customer: CustomerIdentity) {
  const { tenantId, customerId } = customer;
  const { data: entries } = await ports.db.customerQuery.query
    .byCustomer({ tenantId, customerId })
    .go({ order: "desc", limit: MY_QUERIES_LIMIT });
  if (entries.length === 0) return [];

  const keys = entries.map(({ recordId }) => ({ tenantId, recordId }));
  const { data: found, unprocessed } = await ports.db.careRecord.get(keys).go();
  // DynamoDB may leave part of a batch for later; those few are read one by one.
  const rest = await Promise.all(
    unprocessed.map(async (key) => (await ports.db.careRecord.get(key).go()).data),
  );
  const byId = new Map<string, CareRecordItem>();
  for (const record of [...found, ...rest])
    if (record?.tab === "queries" && record.customerId === customerId) byId.set(record.recordId, record);
  return entries.flatMap(({ recordId }) => {
    const record = byId.get(recordId);
    return record ? [toQueryInfo(record)] : [];
  });
}
