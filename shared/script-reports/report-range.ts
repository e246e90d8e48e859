import { InvalidDateRangeError } from "../care/list-records.js";
import { ValidationError } from "../errors.js";
import type { Ports } from "../ports.js";

/** A year of days at most: a report is read on one screen, and one year of contacts is already a lot to read. */
export const MAX_REPORT_DAYS = 366;

/** The days of a report on the tenant's clock, and the instants they start and end at. */
export type ReportRange = {
  from: string;
  to: string;
  timeZone: string;
  /** The first instant of `from`, included. */
  start: string;
  /** The first instant of the day after `to`, excluded. */
  end: string;
  /** Every day from `from` to `to`, so a day without contacts still shows as zero. */
  days: string[];
};

/** The calendar date `days` after `date`. */
const addDays = (date: string, days: number) => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};

/**
 * Desde/Hasta as the supervisor means them: whole days on the tenant's clock (the time zone
 * its business hours are set in), so a contact closed at 23:30 local time counts on that day.
 */
export async function reportRange(
  ports: Pick<Ports, "db">,
  tenantId: string,
  from: string,
  to: string,
): Promise<ReportRange> {
  if (from > to) throw new InvalidDateRangeError("Desde is after Hasta");
  const days = [from];
  while (days.at(-1)! < to) {
    if (days.length >= MAX_REPORT_DAYS)
      throw new ValidationError(`A report covers at most ${MAX_REPORT_DAYS} days`, {
        code: "range_too_long",
      });
    days.push(addDays(days.at(-1)!, 1));
  }
  const timeZone = await tenantTimeZone(ports, tenantId);
  return {
    from,
    to,
    timeZone,
    start: startOfDay(timeZone, from),
    end: startOfDay(timeZone, addDays(to, 1)),
    days,
  };
}

/** The zone of the automatic replies' settings before an admin saves them (`DEFAULT_AUTO_REPLY_SETTINGS`). */
const DEFAULT_TIME_ZONE = "America/Mexico_City";

/**
 * The time zone the tenant's business hours are set in. Read without the settings' schema,
 * which the staff API does not otherwise load: the reports need the zone alone.
 */
async function tenantTimeZone(ports: Pick<Ports, "db">, tenantId: string) {
  const { data } = await ports.db.autoReplySettings.get({ tenantId }).go();
  const zone: unknown = data && JSON.parse(data.settings).timezone;
  return typeof zone === "string" ? zone : DEFAULT_TIME_ZONE;
}

/** One formatter per zone: making one costs far more than formatting a date with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's wall clock at an instant, as if it were UTC, to the minute. */
function wallClock(timeZone: string, at: number) {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  const p = Object.fromEntries(
    formatter.formatToParts(new Date(at)).map(({ type, value }) => [type, Number(value)]),
  );
  return Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute);
}

/**
 * The instant a day starts on the zone's clock. Two passes, because the offset may differ on
 * either side of a DST change (as `instantOf` of the business hours does).
 */
function startOfDay(timeZone: string, day: string) {
  const wall = Date.parse(`${day}T00:00:00.000Z`);
  const offsetAt = (at: number) => wallClock(timeZone, at) - Math.floor(at / 60_000) * 60_000;
  return new Date(wall - offsetAt(wall - offsetAt(wall))).toISOString();
}

/** The tenant's calendar day an instant falls on, `YYYY-MM-DD`. */
export const localDayOf = (iso: string, timeZone: string) =>
  new Date(wallClock(timeZone, Date.parse(iso))).toISOString().slice(0, 10);
