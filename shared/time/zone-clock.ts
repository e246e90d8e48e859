/**
 * A tenant's wall clock in its time zone, for business hours, local days in reports and dates
 * in exported tables. Pure: Intl does the zone arithmetic, daylight saving included.
 */

/** One formatter per zone: making one costs far more than formatting a date with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string) {
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
  return formatter;
}

/** The zone's clock at an instant, as zero-padded parts: year, month, day, hour, minute. */
export function wallParts(timeZone: string, at: Date) {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(at)
      .map(({ type, value }) => [type, value]),
  );
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
  };
}

/** The zone's calendar date (`YYYY-MM-DD`) and minute of the day at an instant. */
export function localDay(timeZone: string, at: Date) {
  const p = wallParts(timeZone, at);
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

/** How far the zone's clock is ahead of UTC at `at`, in milliseconds. */
function offsetAt(timeZone: string, at: Date) {
  const local = localDay(timeZone, at);
  const [y, m, d] = local.date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d, 0, local.minutes) - Math.floor(at.getTime() / 60_000) * 60_000;
}

/**
 * The instant the zone's clock shows `minutes` past midnight of `date`. Two passes, because the
 * offset may differ on either side of a DST change; a wall time the change skips comes out an
 * hour later, when the clock actually gets there.
 */
export function instantOf(timeZone: string, date: string, minutes: number) {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  const first = wall - offsetAt(timeZone, new Date(wall));
  return new Date(wall - offsetAt(timeZone, new Date(first)));
}

/** The calendar date `days` after `date`. */
export function addDays(date: string, days: number) {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
