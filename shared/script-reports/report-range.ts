import { InvalidDateRangeError } from "../care/list-records.js";
import { ValidationError } from "../errors.js";
import type { Ports } from "../ports.js";
import { addDays, instantOf, localDay } from "../time/zone-clock.js";

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
    start: instantOf(timeZone, from, 0).toISOString(),
    end: instantOf(timeZone, addDays(to, 1), 0).toISOString(),
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

/** The tenant's calendar day an instant falls on, `YYYY-MM-DD`. */
export const localDayOf = (iso: string, timeZone: string) => localDay(timeZone, new Date(iso)).date;
