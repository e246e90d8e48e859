import { z } from "zod";
import { wallParts } from "../time/zone-clock.js";
import { type CareRecordInfo, type CareStatus, CareTab, ServiceType } from "./record.js";

/** The language of an exported table; Spanish unless asked otherwise. */
export const TableLanguage = z.enum(["es", "en"]);
export type TableLanguage = z.infer<typeof TableLanguage>;

/** Intl knows "UTC" but does not list it among the IANA zones. */
const TIME_ZONES = new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);

/**
 * The name Intl lists a zone under. Browsers report aliases too (Asia/Kolkata, listed as
 * Asia/Calcutta; America/Argentina/Cordoba, as America/Cordoba), and those are zones all the same.
 */
function listedZone(zone: string) {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export const TimeZone = z
  .string()
  .max(64)
  .refine(
    (zone) => TIME_ZONES.has(listedZone(zone) ?? ""),
    "Not an IANA time zone, e.g. America/Mexico_City",
  );

/** How a table reads: its language and the time zone its dates are shown in. */
export const TableOptions = z.object({
  lang: TableLanguage.default("es"),
  tz: TimeZone.default("America/Mexico_City").describe("The IANA time zone dates are shown in"),
});
export type TableOptions = z.output<typeof TableOptions>;

type Text = Record<TableLanguage, string>;

export const TAB_TITLES: Record<CareTab, Text> = {
  sales_calls: { es: "Llamadas ventas", en: "Sales calls" },
  calls: { es: "Llamadas", en: "Calls" },
  chats: { es: "Chats", en: "Chats" },
  queries: { es: "Consultas", en: "Queries" },
  services: { es: "Servicios", en: "Services" },
};

const STATUS_LABELS: Record<CareStatus, Text> = {
  open: { es: "ABIERTA", en: "OPEN" },
  closed: { es: "CERRADA", en: "CLOSED" },
  service_generated: { es: "GENERÓ SERVICIO TÉCNICO", en: "TECHNICAL SERVICE GENERATED" },
  confirmed: { es: "CONFIRMADO", en: "CONFIRMED" },
  rejected: { es: "RECHAZADO", en: "REJECTED" },
  cancelled: { es: "CANCELADO", en: "CANCELLED" },
};

/** An open service waits for the central office to confirm it or not. */
const PENDING: Text = { es: "PENDIENTE", en: "PENDING" };

/** A status as the tab shows it. */
export const statusLabel = (tab: CareTab, status: CareStatus, lang: TableLanguage) =>
  (tab === "services" && status === "open" ? PENDING : STATUS_LABELS[status])[lang];

const ORIGINS: Record<string, Text> = {
  web: { es: "Web", en: "Web" },
  whatsapp: { es: "WhatsApp", en: "WhatsApp" },
  messenger: { es: "Messenger", en: "Messenger" },
  voice: { es: "Teléfono", en: "Phone" },
  portal: { es: "Mi cuenta", en: "My account" },
};

const SERVICE_TYPES: Record<ServiceType, Text> = {
  technical_service: { es: "Servicio técnico", en: "Technical service" },
  new_connection: { es: "Nueva conexión", en: "New connection" },
};

/**
 * Dates read `2026-11-24 14:05` in both languages: no day/month order to guess, sortable as
 * text, and a spreadsheet in any locale takes a pasted cell of that shape as a date and time.
 */
export function formatDate(iso: string, timeZone: string) {
  const parts = wallParts(timeZone, new Date(iso));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

type Cell = (record: CareRecordInfo, options: TableOptions) => string;

type Column = {
  id: string;
  header: Text;
  /** Its share of the printed page's width. */
  width: number;
  cell: Cell;
};

const column = (id: string, header: Text, width: number, cell: Cell): Column => ({ id, header, width, cell });

/** What the console shows of an id (web/console/src/data/care-columns.ts): a contact id or a ULID differs at its end. */
const shortId = (id: string) => (id.length > 10 ? id.slice(-8).toUpperCase() : id);

const UNKNOWN_CUSTOMER: Text = { es: "No identificado", en: "Not identified" };

const ID = column("id", { es: "ID", en: "ID" }, 1.1, (record) => shortId(record.recordId));
const MOTIVO = column("motivo", { es: "Motivo", en: "Reason" }, 3, (record) => record.motivo ?? "");
const CITY = column("city", { es: "Ciudad", en: "City" }, 1.6, (record) => record.city ?? "");
const CUSTOMER = column(
  "customer",
  { es: "Cliente", en: "Customer" },
  2.2,
  (record, { lang }) => record.customerName ?? UNKNOWN_CUSTOMER[lang],
);
const DOCUMENT = column(
  "document",
  { es: "Documento", en: "Document" },
  1.4,
  (record) => record.documentNumber ?? "",
);
const SUBJECT = column(
  "subject",
  { es: "Asunto", en: "Subject" },
  3,
  (record) => record.subject ?? record.motivo ?? "",
);
const STATUS = column("status", { es: "Estado", en: "Status" }, 2, (record, { lang }) =>
  statusLabel(record.tab, record.status, lang),
);
const DATE = column("date", { es: "Fecha", en: "Date" }, 1.8, (record, { tz }) =>
  formatDate(record.createdAt, tz),
);
const ORIGIN = column("origin", { es: "Origen", en: "Origin" }, 1.1, (record, { lang }) =>
  record.origin ? (ORIGINS[record.origin]?.[lang] ?? record.origin) : "",
);
const ASSIGNEE = column(
  "assignee",
  { es: "Atendido por", en: "Handled by" },
  1.8,
  (record) => record.assigneeName ?? "",
);
const SERVICE_TYPE = column("type", { es: "Tipo", en: "Type" }, 1.6, (record, { lang }) => {
  // A service generated before it had a type was a technical one, as the console shows it.
  const type = ServiceType.catch("technical_service").parse(record.detail?.type);
  return SERVICE_TYPES[type][lang];
});
/** The tab a service came from, named as the tab is. */
const SOURCE = column("origin", { es: "Origen", en: "Origin" }, 1.5, (record, { lang }) => {
  const source = CareTab.safeParse(record.sourceTab);
  return source.success ? TAB_TITLES[source.data][lang] : (record.sourceTab ?? "");
});

/** The columns of each tab, in the order the console shows them: the one definition Copy and Print share. */
export const TAB_COLUMNS: Record<CareTab, readonly Column[]> = {
  sales_calls: [ID, MOTIVO, CITY, STATUS, CUSTOMER, DATE],
  calls: [ID, MOTIVO, CITY, STATUS, CUSTOMER, DATE],
  chats: [ID, ORIGIN, CUSTOMER, DOCUMENT, SUBJECT, STATUS, ASSIGNEE, DATE],
  queries: [ID, CUSTOMER, DOCUMENT, SUBJECT, STATUS, DATE],
  services: [ID, SERVICE_TYPE, SOURCE, CUSTOMER, DOCUMENT, STATUS, DATE],
};

export type TableColumn = { id: string; header: string; width: number };

/** A tab's records as its table shows them: headers and cells as text, in the reader's language and time zone. */
export type RecordsTable = { columns: TableColumn[]; rows: string[][] };

/** The table of a tab's records, every cell as the console shows it. */
export function recordsTable(tab: CareTab, records: CareRecordInfo[], input: z.input<typeof TableOptions>) {
  const options = TableOptions.parse(input);
  const columns = TAB_COLUMNS[tab];
  return {
    columns: columns.map(({ id, header, width }) => ({ id, header: header[options.lang], width })),
    rows: records.map((record) => columns.map(({ cell }) => cell(record, options))),
  } satisfies RecordsTable;
}
