import type { RecordsTable } from "./records-table.js";

/** Tabs, line breaks and other control characters would start a new cell or row: one space each run. */
const BREAKS = /[\p{Cc}\u2028\u2029]+/gu;

/**
 * What a spreadsheet runs as a formula when a pasted cell starts with it (CSV/TSV injection),
 * leading spaces aside, full-width forms included. A leading apostrophe makes the cell text.
 */
const FORMULA = /^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]/;

/** One value as a cell that stays a cell, and text, in whatever spreadsheet it is pasted into. */
export function tsvCell(value: string) {
  const flat = value.replace(BREAKS, " ").trim();
  const inert = FORMULA.test(flat) ? `'${flat}` : flat;
  // A leading quote opens a quoted field in Excel's paste, which would swallow the tabs after it.
  return inert.startsWith('"') ? `"${inert.replaceAll('"', '""')}"` : inert;
}

/**
 * The table as tab-separated text, header row first. Rows end in CRLF, as Excel writes its own
 * copied ranges to the clipboard; Google Sheets and LibreOffice take it the same.
 */
export function recordsTsv({ columns, rows }: RecordsTable) {
  return [columns.map(({ header }) => header), ...rows]
    .map((row) => `${row.map(tsvCell).join("\t")}\r\n`)
    .join("");
}
