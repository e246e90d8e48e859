import type { EntityItem } from "electrodb";
import { z } from "zod";
import type { Actor } from "../../events/catalog.js";
import type { Db } from "../data/db.js";
import { createEvent } from "../event.js";
import type { Clock } from "../ports.js";

/** The five tabs of "Atención al cliente" (seed 002), in the order the console shows them. */
export const CareTab = z.enum(["sales_calls", "calls", "chats", "queries", "services"]);
export type CareTab = z.infer<typeof CareTab>;

/**
 * Every record opens as `open` (ABIERTA; for a service, waiting for the central office) and
 * ends closed, or having generated a technical service; a service ends confirmed, turned
 * down or cancelled.
 */
export const CareStatus = z.enum([
  "open",
  "closed",
  "service_generated",
  "confirmed",
  "rejected",
  "cancelled",
]);
export type CareStatus = z.infer<typeof CareStatus>;

export const TAB_STATUSES: Record<CareTab, readonly CareStatus[]> = {
  sales_calls: ["open", "closed"],
  calls: ["open", "closed", "service_generated"],
  chats: ["open", "closed", "service_generated"],
  queries: ["open", "closed", "service_generated"],
  services: ["open", "confirmed", "rejected", "cancelled"],
};

/** One step of a call's way through the IVR: what the bot asked and what the caller chose or said. */
export const IvrStep = z.object({
  at: z.string(),
  prompt: z.string(),
  answer: z.string().optional(),
  /** How the caller answered: keys (DTMF) or speech. */
  inputMode: z.enum(["dtmf", "speech", "text"]).optional(),
});

export const ServiceType = z.enum(["technical_service", "new_connection"]);
export type ServiceType = z.infer<typeof ServiceType>;

export const CareRecordInfo = z.object({
  recordId: z.string(),
  tab: CareTab,
  status: CareStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  customerId: z.string().optional(),
  customerName: z.string().optional(),
  documentNumber: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  city: z.string().optional(),
  motivo: z.string().optional(),
  origin: z.string().optional(),
  subject: z.string().optional(),
  assigneeId: z.string().optional(),
  assigneeName: z.string().optional(),
  sourceRecordId: z.string().optional(),
  sourceTab: z.string().optional(),
  serviceId: z.string().optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
  decidedBy: z.string().optional(),
  decidedAt: z.string().optional(),
});
export type CareRecordInfo = z.infer<typeof CareRecordInfo>;

export type CareRecordItem = EntityItem<Db["careRecord"]>;

export function toCareRecordInfo(item: CareRecordItem): CareRecordInfo {
  const { tenantId: _tenant, nameKey: _name, documentKey: _document, ...info } = item;
  return CareRecordInfo.parse(info);
}

/** A name as searched: lower case, accents gone, anything but letters and digits a single space. */
export const nameKeyOf = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** A document number as searched: its letters and digits only, so "20.123.456-7" is found as typed either way. */
export const documentKeyOf = (text: string) => nameKeyOf(text).replaceAll(" ", "");

/** The search keys a record is indexed by, from its name and document number. */
export const searchKeys = (record: { customerName?: string; documentNumber?: string }) => ({
  nameKey: nameKeyOf(record.customerName ?? ""),
  documentKey: documentKeyOf(record.documentNumber ?? ""),
});

/**
 * What a status change must restate besides the status: the attributes the record's index keys
 * are built from, so that ElectroDB rewrites every index the record is in consistently.
 */
export const indexedAttributes = ({ tab, createdAt, nameKey, documentKey }: CareRecordItem) => ({
  tab,
  createdAt,
  nameKey,
  documentKey,
});

/** Tells the consoles showing this record's tab to load it again. */
export const recordChanged = (
  clock: Clock,
  tenantId: string,
  actor: Actor,
  { recordId, tab, status }: Pick<CareRecordInfo, "recordId" | "tab" | "status">,
) => createEvent(clock, "care.record_changed", tenantId, actor, { recordId, tab, status });
