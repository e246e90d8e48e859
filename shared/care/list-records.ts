import { z } from "zod";
import { AppError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import {
  type CareRecordItem,
  CareStatus,
  CareTab,
  documentKeyOf,
  nameKeyOf,
  TAB_STATUSES,
  toCareRecordInfo,
} from "./record.js";

export class InvalidStatusError extends AppError {
  constructor(tab: CareTab, status: string) {
    super("invalid_status", 400, `The ${tab} tab has no status "${status}"`, {
      allowed: ["all", ...TAB_STATUSES[tab]],
    });
  }
}

export class InvalidDateRangeError extends AppError {
  constructor(message: string) {
    super("invalid_date_range", 400, message);
  }
}

/** Dates before this or more than a year ahead are typing mistakes, not ranges anyone keeps records for. */
const EARLIEST = "2000-01-01T00:00:00.000Z";
const YEAR_MS = 366 * 24 * 60 * 60 * 1000;

/** A day (`2026-11-24`, the whole day in UTC) or an instant with its offset, as the console sends local days. */
const DateBound = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** Where a page ended: the last record's place in the index it was read from. */
const Position = z.object({
  recordId: z.string().max(80),
  createdAt: z.string().max(40),
  nameKey: z.string().max(200).optional(),
  documentKey: z.string().max(80).optional(),
});
type Position = z.infer<typeof Position>;

function decodeCursor(cursor: string): Position | undefined {
  try {
    const parsed = Position.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const cursorAt = ({ recordId, createdAt, nameKey, documentKey }: CareRecordItem) =>
  Buffer.from(JSON.stringify({ recordId, createdAt, nameKey, documentKey })).toString("base64url");

export const RecordQuery = z.object({
  tab: CareTab,
  /** One status, or every one; ABIERTA unless asked otherwise, as the seed says. */
  status: z.union([CareStatus, z.literal("all")]).default("open"),
  /** The start of the customer's name or document number; taken as plain text, never as an expression. */
  q: z.string().max(80).optional(),
  from: DateBound.optional(),
  to: DateBound.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the page before. */
  cursor: z
    .string()
    .max(600)
    .refine((cursor) => decodeCursor(cursor) !== undefined, "Not a cursor this API gave out")
    .optional(),
});
export type RecordQuery = z.input<typeof RecordQuery>;

const startOf = (bound: string) =>
  bound.length === 10 ? `${bound}T00:00:00.000Z` : new Date(bound).toISOString();
const endOf = (bound: string) =>
  bound.length === 10 ? `${bound}T23:59:59.999Z` : new Date(bound).toISOString();

function dateRange(now: Date, from?: string, to?: string) {
  const start = from ? startOf(from) : EARLIEST;
  const end = to ? endOf(to) : new Date(now.getTime() + YEAR_MS).toISOString();
  const latest = new Date(now.getTime() + YEAR_MS).toISOString();
  if (start < EARLIEST || end < EARLIEST) throw new InvalidDateRangeError("Dates start in the year 2000");
  if (start > latest || end > latest) throw new InvalidDateRangeError("Dates are at most a year from today");
  if (start > end) throw new InvalidDateRangeError("Desde is after Hasta");
  return { start, end };
}

type Page = { items: CareRecordItem[]; more: boolean };

/**
 * The records of one page, and one more when more follow. A page after the first starts at
 * the last record shown, found again in the same index (inclusive bounds, so it is dropped):
 * the cursor names a place, never a key, so it can only start a page of the caller's own list.
 */
async function readPage(
  ports: Pick<Ports, "db">,
  tenantId: string,
  query: z.output<typeof RecordQuery>,
  range: { start: string; end: string },
  position: Position | undefined,
): Promise<Page> {
  const { tab, status } = query;
  const records = ports.db.careRecord.query;
  const want = query.limit + (position ? 2 : 1);
  const after = (items: CareRecordItem[]) =>
    position ? items.filter((item) => item.recordId !== position.recordId) : items;
  const search = nameKeyOf(query.q ?? "");
  // Only punctuation or symbols: a search for something no name or document holds.
  if (!search && query.q?.trim()) return { items: [], more: false };
  if (!search) {
    const upper = position
      ? { createdAt: position.createdAt, recordId: position.recordId }
      : { createdAt: range.end };
    const access =
      status === "all"
        ? records.byDate({ tenantId, tab }).between({ createdAt: range.start }, upper)
        : records.byStatus({ tenantId, tab, status }).between({ createdAt: range.start }, upper);
    const { data } = await access.go({ order: "desc", limit: want, count: want });
    return { items: after(data), more: false };
  }
  // A digit means a document number, otherwise the start of a name. The text only ever bounds a
  // key range ("~" sorts after every letter, digit and space a key holds): it cannot act as an operator.
  const filters = <A extends { createdAt: unknown; status: unknown }>(
    attributes: A,
    {
      between,
      eq,
    }: {
      between: (a: A["createdAt"], x: string, y: string) => string;
      eq: (a: A["status"], v: string) => string;
    },
  ) =>
    [
      between(attributes.createdAt, range.start, range.end),
      ...(status === "all" ? [] : [eq(attributes.status, status)]),
    ].join(" AND ");
  // Small DynamoDB pages: a common name matches thousands, and one unbounded page reads a whole
  // megabyte of them to return fifty.
  const options = (cursor: string | null) => ({ order: "asc" as const, limit: want * 2, pages: 1, cursor });
  if (/\d/.test(search)) {
    const prefix = documentKeyOf(search);
    const lower = position
      ? {
          documentKey: position.documentKey ?? prefix,
          createdAt: position.createdAt,
          recordId: position.recordId,
        }
      : { documentKey: prefix };
    const byDocument = records
      .byDocument({ tenantId, tab })
      .between(lower, { documentKey: `${prefix}~` })
      .where(filters);
    return gather(query.limit + 1, after, (cursor) => byDocument.go(options(cursor)));
  }
  const lower = position
    ? { nameKey: position.nameKey ?? search, createdAt: position.createdAt, recordId: position.recordId }
    : { nameKey: search };
  const byName = records
    .byName({ tenantId, tab })
    .between(lower, { nameKey: `${search}~` })
    .where(filters);
  return gather(query.limit + 1, after, (cursor) => byName.go(options(cursor)));
}

/** How many DynamoDB pages a search may read for one page of results before answering with what it found. */
const MAX_SEARCH_PAGES = 20;

/**
 * A search's records a DynamoDB page at a time, until there are `want` or MAX_SEARCH_PAGES pages
 * were read: a rare status under a common name answers with what it found, and `more` says
 * the search did not reach the end of the names it matches.
 */
async function gather(
  want: number,
  keep: (items: CareRecordItem[]) => CareRecordItem[],
  read: (cursor: string | null) => Promise<{ data: CareRecordItem[]; cursor: string | null }>,
): Promise<Page> {
  const items: CareRecordItem[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_SEARCH_PAGES && items.length < want; page++) {
    const next = await read(cursor);
    items.push(...keep(next.data));
    cursor = next.cursor;
    if (!cursor) return { items: items.slice(0, want), more: false };
  }
  return { items: items.slice(0, want), more: cursor !== null };
}

/**
 * One page of a tab of "Atención al cliente": the tenant's records of that kind, filtered by
 * status (ABIERTA by default), by a date range and by the start of the customer's name or
 * document number; newest first, or by name when searching. Pages on the server, one query each.
 */
export async function listRecords(
  ports: Pick<Ports, "db" | "clock">,
  staff: StaffIdentity,
  input: RecordQuery,
) {
  const query = RecordQuery.parse(input);
  if (query.status !== "all" && !TAB_STATUSES[query.tab].includes(query.status))
    throw new InvalidStatusError(query.tab, query.status);
  const range = dateRange(ports.clock.now(), query.from, query.to);
  const position = query.cursor ? decodeCursor(query.cursor) : undefined;
  const { items: data, more } = await readPage(ports, staff.tenantId, query, range, position);
  const items = data.slice(0, query.limit);
  const last = items.at(-1);
  return {
    records: items.map(toCareRecordInfo),
    ...((data.length > query.limit || more) && last && { nextCursor: cursorAt(last) }),
  };
}
