import type { Lang } from "../i18n";

/** A short duration such as "3 min", "2 h 5 min" or "4 d"; the units read the same in Spanish and English. */
export function formatDuration(ms: number) {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return "<1 min";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** A time of day for today, a date and time otherwise. */
export function formatTime(lang: Lang, iso: string, now = Date.now()) {
  const date = new Date(iso);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return new Intl.DateTimeFormat(
    lang,
    sameDay ? { timeStyle: "short" } : { dateStyle: "short", timeStyle: "short" },
  ).format(date);
}

export function formatSize(lang: Lang, bytes: number) {
  const unit = bytes < 1024 * 1024 ? "kilobyte" : "megabyte";
  const value = bytes / (unit === "kilobyte" ? 1024 : 1024 * 1024);
  return new Intl.NumberFormat(lang, { style: "unit", unit, maximumFractionDigits: 1 }).format(value);
}
