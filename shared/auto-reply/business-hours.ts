import { addDays, instantOf, localDay } from "../time/zone-clock.js";
import { type AutoReplySettings, minutesOf, WEEKDAYS } from "./settings.js";

export type Schedule = Pick<AutoReplySettings, "timezone" | "hours" | "holidays">;

/** Open now, or closed and (when it opens within two weeks) since when it opens next. */
export type BusinessStatus = { open: true } | { open: false; opensAt?: Date };

/** Far enough to step over a long holiday weekend and an empty week of hours. */
const LOOKAHEAD_DAYS = 14;

const weekdayOf = (date: string) => WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]!;

/**
 * Whether the team works at `now` on the tenant's clock: the weekday's ranges, except on a
 * holiday. A range is [from, to); one ending at 24:00 and the next day's from 00:00 make a
 * night shift. When closed, `opensAt` is the next range's start that is not on a holiday.
 */
export function businessStatus(schedule: Schedule, now: Date): BusinessStatus {
  const today = localDay(schedule.timezone, now);
  const holidays = new Set(schedule.holidays.map((holiday) => holiday.date));
  const ranges = (date: string) =>
    holidays.has(date)
      ? []
      : [...schedule.hours[weekdayOf(date)]].sort((a, b) => minutesOf(a.from) - minutesOf(b.from));

  const open = ranges(today.date).some(
    (range) => minutesOf(range.from) <= today.minutes && today.minutes < minutesOf(range.to),
  );
  if (open) return { open: true };
  for (let ahead = 0; ahead <= LOOKAHEAD_DAYS; ahead++) {
    const date = addDays(today.date, ahead);
    const next = ranges(date).find((range) => ahead > 0 || minutesOf(range.from) > today.minutes);
    if (next) return { open: false, opensAt: instantOf(schedule.timezone, date, minutesOf(next.from)) };
  }
  return { open: false };
}

/** When the team is back, as the customer reads it on the tenant's clock ("lunes 5 de enero, 08:00"). */
export function describeOpening(timezone: string, opensAt: Date | undefined, locale = "es-MX") {
  if (!opensAt) return locale.startsWith("es") ? "en cuanto abramos" : "as soon as we open";
  return new Intl.DateTimeFormat(locale, {
    timeZone: timezone,
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(opensAt);
}
