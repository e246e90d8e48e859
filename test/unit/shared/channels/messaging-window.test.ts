import { describe, expect, it } from "vitest";
import { messagingWindow } from "../../../../shared/channels/messaging-window.js";

const WROTE_AT = "2026-03-02T15:30:00.000Z";
const HOUR = 3_600_000;
const sinceWrote = (ms: number) => new Date(Date.parse(WROTE_AT) + ms);

const DAY_LATER = "2026-03-03T15:30:00.000Z";
const WEEK_LATER = "2026-03-09T15:30:00.000Z";

describe("the WhatsApp messaging window", () => {
  it("is closed before the customer has written", () => {
    expect(messagingWindow("whatsapp", undefined, sinceWrote(0))).toEqual({ state: "closed" });
  });

  it("is open right after the customer writes, until 24 h later", () => {
    expect(messagingWindow("whatsapp", WROTE_AT, sinceWrote(0))).toEqual({
      state: "open",
      closesAt: DAY_LATER,
    });
  });

  it("is still open a millisecond before 24 h", () => {
    expect(messagingWindow("whatsapp", WROTE_AT, sinceWrote(24 * HOUR - 1))).toEqual({
      state: "open",
      closesAt: DAY_LATER,
    });
  });

  it("is closed at exactly 24 h, leaving templates only", () => {
    expect(messagingWindow("whatsapp", WROTE_AT, sinceWrote(24 * HOUR))).toEqual({ state: "closed" });
  });

  it("has no human agent extension", () => {
    expect(messagingWindow("whatsapp", WROTE_AT, sinceWrote(3 * 24 * HOUR))).toEqual({ state: "closed" });
  });
});

describe("the Messenger messaging window", () => {
  it("is closed before the customer has written", () => {
    expect(messagingWindow("messenger", undefined, sinceWrote(0))).toEqual({ state: "closed" });
  });

  it("is open until 24 h after the customer's last message", () => {
    expect(messagingWindow("messenger", WROTE_AT, sinceWrote(24 * HOUR - 1))).toEqual({
      state: "open",
      closesAt: DAY_LATER,
    });
  });

  it("needs the human agent tag from exactly 24 h, until 7 days", () => {
    expect(messagingWindow("messenger", WROTE_AT, sinceWrote(24 * HOUR))).toEqual({
      state: "human_agent",
      closesAt: WEEK_LATER,
    });
    expect(messagingWindow("messenger", WROTE_AT, sinceWrote(7 * 24 * HOUR - 1))).toEqual({
      state: "human_agent",
      closesAt: WEEK_LATER,
    });
  });

  it("is closed at exactly 7 days", () => {
    expect(messagingWindow("messenger", WROTE_AT, sinceWrote(7 * 24 * HOUR))).toEqual({ state: "closed" });
  });
});

describe("the messaging window's input", () => {
  it("reads a time written with an offset", () => {
    const window = messagingWindow("whatsapp", "2026-03-02T12:30:00-03:00", sinceWrote(HOUR));

    expect(window).toEqual({ state: "open", closesAt: DAY_LATER });
  });

  it("refuses a time that is not one", () => {
    expect(() => messagingWindow("messenger", "yesterday", sinceWrote(0))).toThrow();
  });
});
