import { z } from "zod";

/** A time of day on the tenant's clock, `HH:MM`; `24:00` ends a range at midnight. */
const TimeOfDay = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, "a time of day is HH:MM, 00:00 to 24:00");

/** Minutes since midnight of a `HH:MM` time. */
export const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export const TimeRange = z
  .object({ from: TimeOfDay, to: TimeOfDay })
  .refine((range) => minutesOf(range.from) < minutesOf(range.to), {
    message: "a range ends after it starts; a night shift is two ranges, up to 24:00 and from 00:00",
    path: ["to"],
  });
export type TimeRange = z.infer<typeof TimeRange>;

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const DayRanges = z
  .array(TimeRange)
  .max(6)
  .superRefine((ranges, ctx) => {
    const sorted = [...ranges].sort((a, b) => minutesOf(a.from) - minutesOf(b.from));
    for (let i = 1; i < sorted.length; i++) {
      if (minutesOf(sorted[i]!.from) < minutesOf(sorted[i - 1]!.to)) {
        ctx.addIssue({
          code: "custom",
          message: "ranges of a day overlap",
          params: { code: "overlapping_ranges" },
        });
        return;
      }
    }
  });

const IsoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "a date is YYYY-MM-DD");

/** Whether the runtime knows the IANA zone (America/Mexico_City); offsets and abbreviations are refused. */
function isTimeZone(zone: string) {
  if (!zone.includes("/") && zone !== "UTC") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const Text = z.string().trim().min(1).max(1000);

export const KeywordRule = z.object({
  /** Whole words or phrases, matched without regard to case or accents. */
  keywords: z.array(z.string().trim().min(1, "a keyword cannot be empty").max(60)).min(1).max(20),
  reply: Text,
});
export type KeywordRule = z.infer<typeof KeywordRule>;

/** What an admin sets for the tenant's automatic replies. */
export const AutoReplySettings = z.object({
  timezone: z.string().refine(isTimeZone, "not an IANA time zone (e.g. America/Mexico_City)"),
  hours: z.object(
    Object.fromEntries(WEEKDAYS.map((day) => [day, DayRanges])) as Record<Weekday, typeof DayRanges>,
  ),
  holidays: z
    .array(z.object({ date: IsoDate, name: z.string().trim().min(1).max(80) }))
    .max(100)
    .refine((days) => new Set(days.map((d) => d.date)).size === days.length, "a date is listed twice"),
  acknowledgement: z.object({
    enabled: z.boolean(),
    /** `{minutes}` becomes the expected response time. */
    text: Text,
    /** The least time promised, in minutes. */
    responseMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    /** Added for each case waiting in the queue: its average handle time. */
    minutesPerQueuedCase: z.number().int().min(0).max(240),
  }),
  outOfHours: z.object({
    enabled: z.boolean(),
    /** `{opensAt}` becomes when the team is back, on the tenant's clock. */
    text: Text,
  }),
  keywordRules: z.array(KeywordRule).max(50),
});
export type AutoReplySettings = z.infer<typeof AutoReplySettings>;

/** A tenant that never set anything: nothing is sent until an admin turns it on. */
export const DEFAULT_AUTO_REPLY_SETTINGS: AutoReplySettings = {
  timezone: "America/Mexico_City",
  hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
  holidays: [],
  acknowledgement: {
    enabled: false,
    text: "Recibimos tu mensaje. Te responderemos en unos {minutes} minutos.",
    responseMinutes: 10,
    minutesPerQueuedCase: 5,
  },
  outOfHours: { enabled: false, text: "Estamos fuera de horario. Volvemos {opensAt}." },
  keywordRules: [],
};
