import { z } from "zod";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { listRecords, RecordQuery } from "./list-records.js";
import { printRecords } from "./print-records.js";
import { type CareRecordInfo, nameKeyOf } from "./record.js";
import { formatDate, recordsTable, statusLabel, TAB_TITLES, TableOptions } from "./records-table.js";
import { recordsTsv } from "./records-tsv.js";

/** Copy asks for tab-separated text, Print for a PDF. */
export const ExportFormat = z.enum(["tsv", "pdf"]);

/** The list's filters without its paging (an export reads every page itself), the format and how the table reads. */
export const ExportQuery = RecordQuery.omit({ limit: true, cursor: true }).extend({
  format: ExportFormat,
  ...TableOptions.shape,
});
export type ExportQuery = z.input<typeof ExportQuery>;

/**
 * The most rows an export holds: more than anyone pastes by hand or reads on paper (2,000 rows
 * are some 80 pages), and well inside the API Lambda's 10 s and 6 MB answer. Laying out a page
 * is what costs: 5,000 rows take about 1.5 s of a full CPU, and a 512 MB Lambda has under a third of one.
 */
export const EXPORT_CAPS = { tsv: 5000, pdf: 2000 } as const satisfies Record<
  z.infer<typeof ExportFormat>,
  number
>;
const PAGE_SIZE = 200;

const CONTENT_TYPES = {
  tsv: "text/tab-separated-values; charset=utf-8",
  pdf: "application/pdf",
} as const;

const TEXT = {
  es: {
    section: "Atención al cliente",
    file: "atencion",
    status: "Estado",
    all: "Todos",
    search: "Buscar",
    from: "Desde",
    to: "Hasta",
    generated: "Generado el",
    records: (count: number) => `${count} ${count === 1 ? "registro" : "registros"}`,
    cut: (cap: number) => `solo los primeros ${cap}: hay más, acote los filtros`,
  },
  en: {
    section: "Customer care",
    file: "customer-care",
    status: "Status",
    all: "All",
    search: "Search",
    from: "From",
    to: "To",
    generated: "Generated",
    records: (count: number) => `${count} ${count === 1 ? "record" : "records"}`,
    cut: (cap: number) => `only the first ${cap}: there are more, narrow the filters`,
  },
};

/** The list's filters, every page of them. */
export type RecordFilters = Omit<RecordQuery, "limit" | "cursor">;

/**
 * Every record the filters match, in the list's order, up to `cap`; `cut` when more matched.
 * Reads the list a page at a time, so an export costs what paging through the table would.
 */
export async function matchingRecords(
  ports: Pick<Ports, "db" | "clock">,
  staff: StaffIdentity,
  filters: RecordFilters,
  cap: number,
) {
  const records: CareRecordInfo[] = [];
  let cursor: string | undefined;
  do {
    const limit = Math.min(PAGE_SIZE, cap - records.length);
    const page = await listRecords(ports, staff, { ...filters, limit, cursor });
    records.push(...page.records);
    cursor = page.nextCursor;
  } while (cursor && records.length < cap);
  return { records, cut: cursor !== undefined };
}

/**
 * A tab of "Atención al cliente" as filtered, for Copy (tab-separated text that pastes into a
 * spreadsheet as a table) or Print (a PDF of the table as the console shows it).
 */
export async function exportRecords(
  ports: Pick<Ports, "db" | "clock">,
  staff: StaffIdentity,
  input: ExportQuery,
) {
  const { format, lang, tz, ...filters } = ExportQuery.parse(input);
  const { records, cut } = await matchingRecords(ports, staff, filters, EXPORT_CAPS[format]);
  const table = recordsTable(filters.tab, records, { lang, tz });
  const text = TEXT[lang];
  const generated = formatDate(ports.clock.now().toISOString(), tz);
  // An ASCII name, so the header needs no encoding: "atencion-llamadas-ventas-2026-11-24.pdf".
  const name = nameKeyOf(TAB_TITLES[filters.tab][lang]).replaceAll(" ", "-");
  const filename = `${text.file}-${name}-${generated.slice(0, 10)}.${format}`;
  const result = { filename, contentType: CONTENT_TYPES[format], cut };
  if (format === "tsv") return { ...result, body: recordsTsv(table) };

  const status = filters.status === "all" ? text.all : statusLabel(filters.tab, filters.status, lang);
  const applied = [
    `${text.status}: ${status}`,
    ...(filters.q ? [`${text.search}: "${filters.q}"`] : []),
    ...(filters.from ? [`${text.from}: ${filters.from}`] : []),
    ...(filters.to ? [`${text.to}: ${filters.to}`] : []),
  ];
  const count = text.records(records.length) + (cut ? ` (${text.cut(EXPORT_CAPS.pdf)})` : "");
  const body = await printRecords({
    title: `${text.section} — ${TAB_TITLES[filters.tab][lang]}`,
    lines: [`${applied.join(" · ")} · ${count}`, `${text.generated} ${generated} (${tz})`],
    table,
    lang,
  });
  return { ...result, body };
}
