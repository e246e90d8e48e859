import { z } from "zod";
import { ForbiddenError, ValidationError } from "../errors.js";
import { oversees, type StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { sumByAgent } from "./case-handle-time.js";

/** A year of days at most: an export is a report, not a dump of the table. */
const MAX_DAYS = 366;

export const HandleTimeExportQuery = z
  .object({
    /** First and last UTC day, both included. */
    from: z.iso.date(),
    to: z.iso.date(),
    /** One row per case and agent, or one per agent with his total over the days. */
    by: z.enum(["case", "agent"]).default("case"),
  })
  .refine(({ from, to }) => from <= to, { message: "`from` is after `to`", path: ["from"] });
export type HandleTimeExportQuery = z.input<typeof HandleTimeExportQuery>;

/** Line breaks and other control characters would end a cell or a row early: one space each run. */
const BREAKS = /[\p{Cc}\u2028\u2029]+/gu;
/** What a spreadsheet runs as a formula when a cell starts with it (CSV injection), full-width forms included. */
const FORMULA = /^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]/;

/** One value as a CSV cell that stays one cell, and text, in whatever spreadsheet opens it. */
export function csvCell(value: string | number) {
  if (typeof value === "number") return String(value);
  const flat = value.replace(BREAKS, " ").trim();
  const inert = FORMULA.test(flat) ? `'${flat}` : flat;
  return /[",;]/.test(inert) || inert.startsWith("'") ? `"${inert.replaceAll('"', '""')}"` : inert;
}

export type HandleTimeRow = { conversationId: string; staffId: string; staffName: string; seconds: number };

/** A header and rows as CSV, CRLF line ends (RFC 4180). */
const csv = (rows: readonly (readonly (string | number)[])[]) =>
  rows.map((cells) => `${cells.map(csvCell).join(",")}\r\n`).join("");

/** The rows as CSV, header first. */
export function handleTimeCsv(rows: readonly HandleTimeRow[]) {
  return csv([
    ["case", "agent_id", "agent", "seconds"],
    ...rows.map((row) => [row.conversationId, row.staffId, row.staffName, row.seconds]),
  ]);
}

/** Each agent's total as CSV, header first. */
export function agentTotalsCsv(agents: readonly { staffId: string; name: string; seconds: number }[]) {
  return csv([["agent_id", "agent", "seconds"], ...agents.map((a) => [a.staffId, a.name, a.seconds])]);
}

/**
 * Active handle time per case and agent between two days, for supervisors: one query of the
 * tenant's days, summed per (case, agent), or per agent alone.
 */
export async function exportHandleTime(
  ports: Pick<Ports, "db">,
  staff: StaffIdentity,
  query: HandleTimeExportQuery,
) {
  if (!oversees(staff)) throw new ForbiddenError("Only supervisors export handle time");
  const { from, to, by } = HandleTimeExportQuery.parse(query);
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 >= MAX_DAYS) {
    throw new ValidationError(`An export covers at most ${MAX_DAYS} days`, { code: "range_too_long" });
  }
  const { data } = await ports.db.handleTime.query
    .byDay({ tenantId: staff.tenantId })
    .between({ day: from }, { day: `${to}~` })
    .go({ pages: "all" });
  if (by === "agent") {
    const { agents } = sumByAgent(data);
    return {
      filename: `tiempo-por-agente-${from}-${to}.csv`,
      body: agentTotalsCsv(agents),
      rows: agents.length,
    };
  }
  const rows = new Map<string, HandleTimeRow>();
  for (const item of data) {
    const key = `${item.conversationId}#${item.staffId}`;
    const seen = rows.get(key);
    rows.set(key, {
      conversationId: item.conversationId,
      staffId: item.staffId,
      staffName: item.staffName,
      seconds: (seen?.seconds ?? 0) + item.seconds,
    });
  }
  const sorted = [...rows.values()].sort(
    (a, b) => a.conversationId.localeCompare(b.conversationId) || a.staffName.localeCompare(b.staffName),
  );
  return {
    filename: `tiempo-de-gestion-${from}-${to}.csv`,
    body: handleTimeCsv(sorted),
    rows: sorted.length,
  };
}
