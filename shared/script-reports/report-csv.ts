import { formatDate, type TableLanguage } from "../care/records-table.js";
import { csvCell } from "../handle-time/export-handle-time.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { type ClosedContacts, ContactReportQuery, closedContacts } from "./contact-report.js";

const HEADERS: Record<TableLanguage, string[]> = {
  es: [
    "Fecha",
    "Contacto",
    "Canal",
    "Agente",
    "Tipo",
    "Motivo",
    "Escenario",
    "Solución",
    "Etiqueta de salida",
    "Segundos",
    "Abandonó en",
  ],
  en: [
    "Date",
    "Contact",
    "Channel",
    "Agent",
    "Type",
    "Reason",
    "Scenario",
    "Solution",
    "Exit tag",
    "Seconds",
    "Left at",
  ],
};

const CHANNELS: Record<TableLanguage, Record<"call" | "chat", string>> = {
  es: { call: "Llamada", chat: "Chat" },
  en: { call: "Call", chat: "Chat" },
};

/**
 * One row per closed contact, oldest first, header first, CRLF line ends (RFC 4180). The date
 * is when the contact started (the day it counts on), `2026-11-24 14:05` on the tenant's clock;
 * seconds are the time on the procedure's steps, those gone back from included.
 */
export function contactsCsv({ range, contacts }: ClosedContacts, lang: TableLanguage) {
  const rows = [
    HEADERS[lang],
    ...contacts.map((contact) => [
      formatDate(contact.startedAt, range.timeZone),
      contact.contactId,
      CHANNELS[lang][contact.channel],
      contact.agentName,
      contact.tipoName,
      contact.motivoName,
      contact.escenarioName ?? "",
      contact.solution ?? "",
      contact.exitTagName ?? "",
      Math.round(contact.totalMs / 1000),
      contact.leftAt ?? "",
    ]),
  ];
  return rows.map((cells) => `${cells.map(csvCell).join(",")}\r\n`).join("");
}

/** The period's closed contacts as a CSV file for a spreadsheet; `cut` when the period held more than a report reads. */
export async function exportContactsCsv(
  ports: Pick<Ports, "db">,
  staff: StaffIdentity,
  input: ContactReportQuery,
) {
  const closed = await closedContacts(ports, staff, input);
  const lang = ContactReportQuery.shape.lang.parse(input.lang);
  return {
    filename: `motivos-de-contacto-${closed.range.from}-${closed.range.to}.csv`,
    body: contactsCsv(closed, lang),
    cut: closed.cut,
    rows: closed.contacts.length,
  };
}
