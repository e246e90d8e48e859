import type { SavedAutoReplySettings } from "../../../../shared/auto-reply/auto-reply-settings.js";
import type { AutoReplySettings, TimeRange, Weekday } from "../../../../shared/auto-reply/settings.js";
import type { MessageKey } from "../i18n";

export type { AutoReplySettings, TimeRange, Weekday };
export type SavedAutoReplies = SavedAutoReplySettings;

/** Monday first, as the tenant's week reads. */
export const WEEKDAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** What the form says is wrong, where: the server checks the same again. */
export type Problem = { key: MessageKey; day?: Weekday; rule?: number };

const TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

function isTimeZone(zone: string) {
  if (!zone.includes("/") && zone !== "UTC") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The mistakes an admin can make in the form, each with the place it is in. */
export function settingsProblems(settings: AutoReplySettings): Problem[] {
  const problems: Problem[] = [];
  if (!isTimeZone(settings.timezone)) problems.push({ key: "autoReplies.problem.timezone" });
  for (const day of WEEKDAYS) {
    const ranges = settings.hours[day];
    if (ranges.some((r) => !TIME.test(r.from) || !TIME.test(r.to))) {
      problems.push({ key: "autoReplies.problem.time", day });
      continue;
    }
    if (ranges.some((r) => minutes(r.from) >= minutes(r.to)))
      problems.push({ key: "autoReplies.problem.backwards", day });
    const sorted = [...ranges].sort((a, b) => minutes(a.from) - minutes(b.from));
    if (sorted.some((r, i) => i > 0 && minutes(r.from) < minutes(sorted[i - 1]!.to)))
      problems.push({ key: "autoReplies.problem.overlap", day });
  }
  const dates = settings.holidays.map((h) => h.date);
  if (settings.holidays.some((h) => !/^\d{4}-\d{2}-\d{2}$/.test(h.date) || !h.name.trim()))
    problems.push({ key: "autoReplies.problem.holiday" });
  if (new Set(dates).size !== dates.length) problems.push({ key: "autoReplies.problem.holidayTwice" });
  if (!settings.acknowledgement.text.trim() || !settings.outOfHours.text.trim())
    problems.push({ key: "autoReplies.problem.text" });
  settings.keywordRules.forEach((rule, index) => {
    if (rule.keywords.length === 0 || rule.keywords.some((k) => !k.trim()))
      problems.push({ key: "autoReplies.problem.keyword", rule: index + 1 });
    if (!rule.reply.trim()) problems.push({ key: "autoReplies.problem.reply", rule: index + 1 });
  });
  return problems;
}

/** Keywords as the admin types them: separated by commas. */
export const keywordsOf = (text: string) => text.split(",").map((k) => k.trim());
