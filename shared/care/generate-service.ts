import { z } from "zod";
import { ConflictError, NotFoundError } from "../errors.js";
import { createEvent } from "../event.js";
import type { StaffIdentity } from "../identity/index.js";
import { newId } from "../ids.js";
import type { Ports } from "../ports.js";
import {
  type CareRecordItem,
  indexedAttributes,
  recordChanged,
  ServiceType,
  toCareRecordInfo,
} from "./record.js";

export const GenerateServiceInput = z.object({
  type: ServiceType.default("technical_service"),
  /** What the technician or the sales office needs to know. */
  note: z.string().trim().max(1000).default(""),
});
export type GenerateServiceInput = z.input<typeof GenerateServiceInput>;

/** Tabs whose records may generate a service: what a customer called, wrote or asked about. */
const SOURCE_TABS = new Set(["calls", "sales_calls", "chats", "queries"]);

const notOpen = (status: string) =>
  new ConflictError("record_not_open", "Only an open record can generate a service", { status });

/** The service this record generated already, or nothing when it is open; anything else is refused. */
async function generatedBefore(ports: Pick<Ports, "db">, tenantId: string, source: CareRecordItem) {
  if (source.status === "open") return undefined;
  if (source.status === "service_generated" && source.serviceId) {
    const { data: existing } = await ports.db.careRecord.get({ tenantId, recordId: source.serviceId }).go();
    if (existing) return toCareRecordInfo(existing);
  }
  throw notOpen(source.status);
}

/**
 * An agent generates a technical service (or a new connection) from a call, chat or query.
 * One transaction stores the service, waiting for the central office, and moves its source
 * to GENERÓ SERVICIO TÉCNICO on the condition that it is still open, so a double click or a
 * retry generates one service; the retry gets that same service back.
 */
export async function generateService(
  ports: Ports,
  staff: StaffIdentity,
  sourceRecordId: string,
  input: GenerateServiceInput,
) {
  const { type, note } = GenerateServiceInput.parse(input);
  const { tenantId } = staff;
  const { data: source } = await ports.db.careRecord.get({ tenantId, recordId: sourceRecordId }).go();
  if (!source || !SOURCE_TABS.has(source.tab)) throw new NotFoundError("record");
  const already = await generatedBefore(ports, tenantId, source);
  if (already) return already;

  const now = ports.clock.now().toISOString();
  const serviceId = newId("service");
  const service = {
    tenantId,
    recordId: serviceId,
    tab: "services" as const,
    status: "open" as const,
    createdAt: now,
    updatedAt: now,
    sourceRecordId: source.recordId,
    sourceTab: source.tab,
    origin: source.origin,
    ...(source.customerId && { customerId: source.customerId }),
    nameKey: source.nameKey,
    documentKey: source.documentKey,
    ...(source.customerName && { customerName: source.customerName }),
    ...(source.documentNumber && { documentNumber: source.documentNumber }),
    ...(source.phone && { phone: source.phone }),
    ...(source.email && { email: source.email }),
    ...(source.city && { city: source.city }),
    ...(source.motivo && { motivo: source.motivo }),
    detail: { type, note, requestedBy: staff.name, requestedById: staff.staffId },
  };
  const { canceled } = await ports.db.transaction
    .write(({ careRecord }) => [
      careRecord.create(service).commit(),
      careRecord
        .patch({ tenantId, recordId: source.recordId })
        .set({
          ...indexedAttributes(source),
          status: "service_generated",
          serviceId,
          updatedAt: now,
        })
        // The tab as read too: a late Connect event may have moved a call to the sales tab meanwhile.
        .where(({ status, tab }, { eq }) => `${eq(status, "open")} AND ${eq(tab, source.tab)}`)
        .commit(),
    ])
    .go();
  if (canceled) {
    // Someone moved the source first: the service he generated, or a clear refusal.
    const { data: moved } = await ports.db.careRecord.get({ tenantId, recordId: sourceRecordId }).go();
    const theirs = moved && (await generatedBefore(ports, tenantId, moved));
    if (theirs) return theirs;
    throw notOpen(moved?.status ?? "unknown");
  }
  await ports.events.publish([
    createEvent(
      ports.clock,
      "service.requested",
      tenantId,
      { type: "staff", id: staff.staffId },
      {
        serviceId,
        sourceRecordId: source.recordId,
        sourceTab: source.tab,
        type,
        ...(source.customerName && { customerName: source.customerName }),
      },
    ),
    recordChanged(
      ports.clock,
      tenantId,
      { type: "staff", id: staff.staffId },
      {
        ...source,
        status: "service_generated",
      },
    ),
  ]);
  const { data } = await ports.db.careRecord.get({ tenantId, recordId: serviceId }).go();
  if (!data) throw new NotFoundError("record");
  return toCareRecordInfo(data);
}
