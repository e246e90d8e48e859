import { describe, expect, it } from "vitest";
import { DEMO_AUTO_REPLIES } from "../../../../infra/local/demo-auto-replies.js";
import {
  businessStatus,
  describeOpening,
  type Schedule,
} from "../../../../shared/auto-reply/business-hours.js";
import { AutoReplySettings } from "../../../../shared/auto-reply/settings.js";

const OFFICE = [{ from: "08:00", to: "20:00" }];
const week = (ranges = OFFICE) => ({
  mon: ranges,
  tue: ranges,
  wed: ranges,
  thu: ranges,
  fri: ranges,
  sat: [],
  sun: [],
});

describe("the business-hours calculator", () => {
  const mexico: Schedule = DEMO_AUTO_REPLIES;

  it("is open inside a weekday's range and closed at night, opening the next morning", () => {
    // Tuesday 24 Nov 2026, 10:00 in Mexico City (UTC-6, no DST since 2022).
    expect(businessStatus(mexico, new Date("2026-11-24T16:00:00Z"))).toEqual({ open: true });
    // Monday 23 Nov, 22:00 there.
    expect(businessStatus(mexico, new Date("2026-11-24T04:00:00Z"))).toEqual({
      open: false,
      opensAt: new Date("2026-11-24T14:00:00Z"),
    });
  });

  it("is closed on a holiday, even inside its weekday's hours, and opens the day after", () => {
    // Independence Day, Wednesday 16 Sep 2026, 11:00 in Mexico City.
    expect(businessStatus(mexico, new Date("2026-09-16T17:00:00Z"))).toEqual({
      open: false,
      opensAt: new Date("2026-09-17T14:00:00Z"),
    });
  });

  it("steps over the weekend and a holiday Monday to the next opening", () => {
    // Saturday 14 Nov 2026, 15:00 (after Saturday's 9–14); Monday 16 is Revolution Day.
    expect(businessStatus(mexico, new Date("2026-11-14T21:00:00Z"))).toEqual({
      open: false,
      opensAt: new Date("2026-11-17T14:00:00Z"),
    });
  });

  it("counts wall-clock hours across a DST change", () => {
    const madrid: Schedule = { timezone: "Europe/Madrid", hours: week(), holidays: [] };
    // Friday 27 Mar 2026, 21:00 CET; Spain moves to CEST (UTC+2) on Sunday 29.
    expect(businessStatus(madrid, new Date("2026-03-27T20:00:00Z"))).toEqual({
      open: false,
      opensAt: new Date("2026-03-30T06:00:00Z"),
    });
    // 08:00 on the Friday before is 07:00 UTC; on the Monday after, 06:00 UTC.
    expect(businessStatus(madrid, new Date("2026-03-20T07:00:00Z"))).toEqual({ open: true });
    expect(businessStatus(madrid, new Date("2026-03-30T05:59:00Z")).open).toBe(false);
    expect(businessStatus(madrid, new Date("2026-03-30T06:00:00Z"))).toEqual({ open: true });
  });

  it("keeps a night shift open across midnight with a range to 24:00 and the next from 00:00", () => {
    const night: Schedule = {
      timezone: "America/Mexico_City",
      hours: { ...week([]), fri: [{ from: "22:00", to: "24:00" }], sat: [{ from: "00:00", to: "02:00" }] },
      holidays: [],
    };
    // Friday 27 Nov 2026 23:59, Saturday 01:30 and 02:00 in Mexico City.
    expect(businessStatus(night, new Date("2026-11-28T05:59:00Z"))).toEqual({ open: true });
    expect(businessStatus(night, new Date("2026-11-28T07:30:00Z"))).toEqual({ open: true });
    expect(businessStatus(night, new Date("2026-11-28T08:00:00Z"))).toEqual({
      open: false,
      opensAt: new Date("2026-12-05T04:00:00Z"),
    });
  });

  it("says when it opens on the tenant's clock", () => {
    const text = describeOpening("America/Mexico_City", new Date("2026-11-24T14:00:00Z"));
    expect(text).toContain("martes");
    expect(text).toContain("24");
    expect(text).toContain("08:00");
  });
});

describe("the automatic reply settings", () => {
  it("refuse an unknown time zone, overlapping ranges, a range ending before it starts and an empty keyword", () => {
    const invalid = [
      { ...DEMO_AUTO_REPLIES, timezone: "Mars/Olympus" },
      { ...DEMO_AUTO_REPLIES, timezone: "GMT+2" },
      {
        ...DEMO_AUTO_REPLIES,
        hours: week([
          { from: "08:00", to: "14:00" },
          { from: "13:00", to: "18:00" },
        ]),
      },
      { ...DEMO_AUTO_REPLIES, hours: week([{ from: "20:00", to: "08:00" }]) },
      { ...DEMO_AUTO_REPLIES, keywordRules: [{ keywords: [" "], reply: "Hola" }] },
    ];
    for (const settings of invalid) expect(AutoReplySettings.safeParse(settings).success).toBe(false);
    expect(AutoReplySettings.safeParse(DEMO_AUTO_REPLIES).success).toBe(true);
  });
});
