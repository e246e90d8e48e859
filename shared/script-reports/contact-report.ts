import { z } from "zod";
import { TableLanguage } from "../care/records-table.js";
import { ForbiddenError } from "../errors.js";
import { oversees, type StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { type GuidedContactInfo, type PathEntry, toGuidedContactInfo } from "../scripts/guided-contact.js";
import { Slug } from "../scripts/script-tree.js";
import { publishedTreeVersion } from "../scripts/script-versions.js";
import { localDayOf, type ReportRange, reportRange } from "./report-range.js";

/**
 * The supervisor's reports on why customers call (seed 001, issue 7): what the closed guided
 * contacts of a period were about, how long their procedures took, and where agents left them.
 */

export const ContactReportQuery = z.object({
  /** First and last day on the tenant's clock, both included. */
  from: z.iso.date(),
  to: z.iso.date(),
  /** Only the contacts of one tipo (a service: Datos, Cable…). */
  tipo: Slug.optional(),
  /** Only the contacts of one motivo of that tipo. */
  motivo: Slug.optional(),
  /** Only one agent's contacts. */
  agentId: z.string().min(1).max(80).optional(),
  /** The language exit tags are named in. */
  lang: TableLanguage.default("es"),
});
export type ContactReportQuery = z.input<typeof ContactReportQuery>;

/**
 * The most contacts one report reads: some 15 MB of the index at most, read in well under the
 * API Lambda's 10 s. A busier period answers with the first ones and `cut`, and the supervisor
 * narrows it (fewer days, one tipo or one agent).
 */
export const MAX_REPORT_CONTACTS = 10_000;
/** DynamoDB's page, in items: a closed contact is a few hundred bytes to a few kilobytes. */
const PAGE_SIZE = 500;

const Count = z.object({ count: z.number().int() });
const Time = z.object({ contacts: z.number().int(), averageMs: z.number().int() });

export const ContactReport = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string().describe("The tenant's time zone the days are counted in"),
  /** True when the period held more than MAX_REPORT_CONTACTS contacts and only the first were read. */
  cut: z.boolean(),
  totals: z.object({
    contacts: z.number().int(),
    /** Closed with an exit tag: the procedure was followed to its end. */
    completed: z.number().int(),
    /** Closed without reaching an exit. */
    left: z.number().int(),
    averageMs: z.number().int().describe("Average time per contact: its steps and the steps gone back from"),
  }),
  byTipo: z.array(Count.extend({ tipo: z.string(), name: z.string() })),
  byMotivo: z.array(Count.extend({ tipo: z.string(), motivo: z.string(), name: z.string() })),
  byEscenario: z.array(
    Count.extend({ tipo: z.string(), motivo: z.string(), escenario: z.string(), name: z.string() }),
  ),
  bySolution: z.array(Count.extend({ solution: z.string() })),
  byExitTag: z.array(Count.extend({ exitTag: z.string(), name: z.string() })),
  /** Every day of the period, those without contacts too. */
  perDay: z.array(Count.extend({ day: z.string() })),
  perAgent: z.array(Count.extend({ agentId: z.string(), name: z.string(), averageMs: z.number().int() })),
  /** Average time per procedure: one per escenario. */
  procedureTimes: z.array(
    Time.extend({
      tipo: z.string(),
      motivo: z.string(),
      escenario: z.string(),
      name: z.string(),
      motivoName: z.string(),
    }),
  ),
  /** Average time on each step of each procedure, per visit (time on a step gone back to adds up). */
  stepTimes: z.array(
    z.object({
      tipo: z.string(),
      motivo: z.string(),
      escenario: z.string(),
      escenarioName: z.string(),
      step: z.string(),
      kind: z.string(),
      visits: z.number().int(),
      averageMs: z.number().int(),
    }),
  ),
  /** Where agents left procedures: the step they were on when they closed without an exit. */
  leftProcedures: z.array(
    Count.extend({
      tipo: z.string(),
      motivo: z.string(),
      motivoName: z.string(),
      escenario: z.string().optional(),
      escenarioName: z.string().optional(),
      step: z.string(),
      kind: z.string().optional(),
    }),
  ),
});
export type ContactReport = z.infer<typeof ContactReport>;

/** A closed contact as the reports read it: its exit tag named, its time added up. */
export type ReportedContact = GuidedContactInfo & { closedAt: string; exitTagName?: string; totalMs: number };

/** The closed contacts of a period, the filters applied, and the period itself. */
export type ClosedContacts = { range: ReportRange; contacts: ReportedContact[]; cut: boolean };

const totalMsOf = (contact: GuidedContactInfo) =>
  contact.path.reduce((sum, entry) => sum + entry.ms, 0) +
  contact.detours.reduce((sum, detour) => sum + detour.ms, 0);

/**
 * Exit tag names from the tree version each contact followed. A version the tenant no longer
 * has (or never published) leaves the code as the name: the report still counts the contact.
 */
async function exitTagNamer(
  ports: Pick<Ports, "db">,
  tenantId: string,
  versions: Iterable<number>,
  lang: TableLanguage,
) {
  const names = new Map<string, string>();
  await Promise.all(
    [...new Set(versions)].map(async (version) => {
      const tree = await publishedTreeVersion(ports, tenantId, version).catch(() => undefined);
      for (const tag of tree?.exitTags ?? []) names.set(`${version}#${tag.code}`, tag[lang]);
    }),
  );
  return (version: number, code: string) => names.get(`${version}#${code}`) ?? code;
}

/**
 * The tenant's guided contacts closed in the period, oldest first, with the filters applied:
 * those that started in it, read from the `byStarted` index a DynamoDB page at a time, up to
 * MAX_REPORT_CONTACTS (a contact lasts minutes: it is counted on the day it started).
 * Supervisors and admins only.
 */
export async function closedContacts(
  ports: Pick<Ports, "db">,
  staff: StaffIdentity,
  input: ContactReportQuery,
): Promise<ClosedContacts> {
  if (!oversees(staff)) throw new ForbiddenError("Only supervisors and admins read the contact reports");
  const query = ContactReportQuery.parse(input);
  const { tenantId } = staff;
  const range = await reportRange(ports, tenantId, query.from, query.to);
  const access = ports.db.guidedContact.query
    .byStarted({ tenantId })
    // The end is the next day's first instant: a key at exactly that instant is longer, so it sorts after.
    .between({ startedAt: range.start }, { startedAt: range.end })
    // Only closed contacts fill a page: the cap counts what the report reads.
    .where((item, { eq, exists }) =>
      [
        exists(item.closedAt),
        ...(query.tipo ? [eq(item.tipo, query.tipo)] : []),
        ...(query.motivo ? [eq(item.motivo, query.motivo)] : []),
        ...(query.agentId ? [eq(item.agentId, query.agentId)] : []),
      ].join(" AND "),
    );
  const items: Awaited<ReturnType<typeof access.go>>["data"] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof access.go>> = await access.go({
      cursor,
      limit: PAGE_SIZE,
      pages: 1,
    });
    items.push(...page.data);
    cursor = page.cursor;
  } while (cursor && items.length < MAX_REPORT_CONTACTS);
  const contacts = items
    .slice(0, MAX_REPORT_CONTACTS)
    .map(toGuidedContactInfo)
    .filter((contact): contact is GuidedContactInfo & { closedAt: string } => Boolean(contact.closedAt));
  const name = await exitTagNamer(
    ports,
    tenantId,
    contacts.filter((contact) => contact.exitTag).map((contact) => contact.version),
    query.lang,
  );
  return {
    range,
    cut: items.length > MAX_REPORT_CONTACTS || cursor !== null,
    contacts: contacts.map((contact) => ({
      ...contact,
      ...(contact.exitTag && { exitTagName: name(contact.version, contact.exitTag) }),
      totalMs: totalMsOf(contact),
    })),
  };
}

/** Counts by a key, keeping the first row seen for each; most first, then by label. */
function countBy<R extends object>(
  contacts: readonly ReportedContact[],
  keyOf: (contact: ReportedContact) => string | undefined,
  rowOf: (contact: ReportedContact) => R,
  label: (row: R) => string,
) {
  const rows = new Map<string, R & { count: number }>();
  for (const contact of contacts) {
    const key = keyOf(contact);
    if (key === undefined) continue;
    const seen = rows.get(key);
    if (seen) seen.count++;
    else rows.set(key, { ...rowOf(contact), count: 1 });
  }
  return [...rows.values()].sort((a, b) => b.count - a.count || label(a).localeCompare(label(b)));
}

const average = (total: number, count: number) => (count ? Math.round(total / count) : 0);

/** Where a contact left its procedure, and the kind of that step as the path recorded it. */
function leftStep(contact: ReportedContact) {
  const kind = contact.path.find((entry: PathEntry) => entry.step === contact.leftAt)?.kind;
  return { step: contact.leftAt ?? "", ...(kind && { kind }) };
}

/** The report's figures from the period's closed contacts. */
export function summarizeContacts({ range, contacts, cut }: ClosedContacts): ContactReport {
  const escenarioKey = (c: ReportedContact) =>
    c.escenario ? `${c.tipo}/${c.motivo}/${c.escenario}` : undefined;

  const perDay = new Map(range.days.map((day) => [day, 0]));
  for (const contact of contacts) {
    const day = localDayOf(contact.startedAt, range.timeZone);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }

  const agents = new Map<string, { agentId: string; name: string; count: number; totalMs: number }>();
  const procedures = new Map<string, { contact: ReportedContact; count: number; totalMs: number }>();
  const steps = new Map<
    string,
    { contact: ReportedContact; step: string; kind: string; visits: number; totalMs: number }
  >();
  for (const contact of contacts) {
    const agent = agents.get(contact.agentId) ?? {
      agentId: contact.agentId,
      name: contact.agentName,
      count: 0,
      totalMs: 0,
    };
    agent.count++;
    agent.totalMs += contact.totalMs;
    agents.set(contact.agentId, agent);

    const key = escenarioKey(contact);
    if (!key) continue;
    const procedure = procedures.get(key) ?? { contact, count: 0, totalMs: 0 };
    procedure.count++;
    procedure.totalMs += contact.totalMs;
    procedures.set(key, procedure);
    for (const entry of contact.path) {
      const stepKey = `${key}#${entry.step}`;
      const step = steps.get(stepKey) ?? {
        contact,
        step: entry.step,
        kind: entry.kind,
        visits: 0,
        totalMs: 0,
      };
      step.visits++;
      step.totalMs += entry.ms;
      steps.set(stepKey, step);
    }
  }

  const left = contacts.filter((contact) => contact.leftAt);
  return {
    from: range.from,
    to: range.to,
    timeZone: range.timeZone,
    cut,
    totals: {
      contacts: contacts.length,
      completed: contacts.filter((contact) => contact.exitTag).length,
      left: left.length,
      averageMs: average(
        contacts.reduce((sum, contact) => sum + contact.totalMs, 0),
        contacts.length,
      ),
    },
    byTipo: countBy(
      contacts,
      (c) => c.tipo,
      (c) => ({ tipo: c.tipo, name: c.tipoName }),
      (row) => row.name,
    ),
    byMotivo: countBy(
      contacts,
      (c) => `${c.tipo}/${c.motivo}`,
      (c) => ({ tipo: c.tipo, motivo: c.motivo, name: c.motivoName }),
      (row) => row.name,
    ),
    byEscenario: countBy(
      contacts,
      escenarioKey,
      (c) => ({
        tipo: c.tipo,
        motivo: c.motivo,
        escenario: c.escenario ?? "",
        name: c.escenarioName ?? c.escenario ?? "",
      }),
      (row) => row.name,
    ),
    bySolution: countBy(
      contacts,
      (c) => c.solution,
      (c) => ({ solution: c.solution ?? "" }),
      (row) => row.solution,
    ),
    byExitTag: countBy(
      contacts,
      (c) => c.exitTag,
      (c) => ({ exitTag: c.exitTag ?? "", name: c.exitTagName ?? c.exitTag ?? "" }),
      (row) => row.name,
    ),
    perDay: [...perDay].map(([day, count]) => ({ day, count })),
    perAgent: [...agents.values()]
      .map(({ totalMs, ...agent }) => ({ ...agent, averageMs: average(totalMs, agent.count) }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    procedureTimes: [...procedures.values()]
      .map(({ contact, count, totalMs }) => ({
        tipo: contact.tipo,
        motivo: contact.motivo,
        escenario: contact.escenario ?? "",
        name: contact.escenarioName ?? contact.escenario ?? "",
        motivoName: contact.motivoName,
        contacts: count,
        averageMs: average(totalMs, count),
      }))
      .sort((a, b) => b.averageMs - a.averageMs || a.name.localeCompare(b.name)),
    stepTimes: [...steps.values()]
      .map(({ contact, step, kind, visits, totalMs }) => ({
        tipo: contact.tipo,
        motivo: contact.motivo,
        escenario: contact.escenario ?? "",
        escenarioName: contact.escenarioName ?? contact.escenario ?? "",
        step,
        kind,
        visits,
        averageMs: average(totalMs, visits),
      }))
      .sort(
        (a, b) =>
          a.escenarioName.localeCompare(b.escenarioName) ||
          b.averageMs - a.averageMs ||
          a.step.localeCompare(b.step),
      ),
    leftProcedures: countBy(
      left,
      (c) => `${c.tipo}/${c.motivo}/${c.escenario ?? ""}#${c.leftAt}`,
      (c) => ({
        tipo: c.tipo,
        motivo: c.motivo,
        motivoName: c.motivoName,
        ...(c.escenario && { escenario: c.escenario, escenarioName: c.escenarioName ?? c.escenario }),
        ...leftStep(c),
      }),
      (row) => `${row.escenarioName ?? ""} ${row.step}`,
    ),
  };
}

/**
 * Why customers called in a period: closed guided contacts by tipo, motivo, escenario,
 * solution and exit tag, per day and per agent, the average time per procedure and per step,
 * and where agents left procedures. Supervisors and admins only; days on the tenant's clock.
 */
export async function contactReport(
  ports: Pick<Ports, "db">,
  staff: StaffIdentity,
  input: ContactReportQuery,
) {
  return summarizeContacts(await closedContacts(ports, staff, input));
}
