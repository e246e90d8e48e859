import { type AutoReplySettings, minutesOf, WEEKDAYS } from "./settings.js";

export type Schedule = Pick<AutoReplySettings, "timezone" | "hours" | "holidays">;

/** Open now, or closed and (when it opens within two weeks) since when it opens next. */
export type BusinessStatus = { open: true } | { open: false; opensAt?: Date };

/** Far enough to step over a long holiday weekend and an empty week of hours. */
const LOOKAHEAD_DAYS = 14;

type LocalDay = { date: string; minutes: number };

/** The tenant's calendar date and minute of the day at `at`. */
function localDay(timezone: string, at: Date): LocalDay {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** How far the zone's clock is ahead of UTC at `at`, in milliseconds. */
function offsetAt(timezone: string, at: Date) {
  const local = localDay(timezone, at);
  const [y, m, d] = local.date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, local.minutes);
  return wall - Math.floor(at.getTime() / 60_000) * 60_000;
}

/**
 * The instant the zone's clock shows `minutes` past midnight of `date`. Two passes, because the
 * offset may differ on either side of a DST change; a wall time the change skips comes out an
 * hour later, when the clock actually gets there.
 */
export function instantOf(timezone: string, date: string, minutes: number) {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  const first = wall - offsetAt(timezone, new Date(wall));
  return new Date(wall - offsetAt(timezone, new Date(first)));
}

/** The calendar date `days` after `date`. */
function addDays(date: string, days: number) {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

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
