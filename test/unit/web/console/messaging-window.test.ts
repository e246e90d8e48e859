import { describe, expect, it } from "vitest";
import { withMessage } from "../../../../web/console/src/data/inbox-lists";
import { replyMode, windowAt } from "../../../../web/console/src/data/messaging-window";
import { conversation, message, T0 } from "./fixtures";

const HOUR = 3_600_000;
const t0 = Date.parse(T0);
const iso = (ms: number) => new Date(ms).toISOString();

describe("replyMode", () => {
  it("lets anything go on web chat and e-mail", () => {
    expect(replyMode(conversation("cnv_1", { channel: "web" }), t0)).toEqual({ mode: "free" });
    expect(replyMode(conversation("cnv_1", { channel: "email" }), t0)).toEqual({ mode: "free" });
  });

  it("says until when a WhatsApp window is open, and asks for a template once it closed", () => {
    const open = conversation("cnv_1", {
      channel: "whatsapp",
      window: { state: "open", closesAt: iso(t0 + 24 * HOUR) },
    });
    expect(replyMode(open, t0)).toEqual({ mode: "free", closesAt: iso(t0 + 24 * HOUR) });
    expect(replyMode(open, t0 + 25 * HOUR)).toEqual({ mode: "template" });
    expect(
      replyMode(conversation("cnv_1", { channel: "whatsapp", window: { state: "closed" } }), t0),
    ).toEqual({
      mode: "template",
    });
  });

  it("moves a Messenger window from open to the HUMAN_AGENT tag, then closes it after 7 days", () => {
    const open = conversation("cnv_1", {
      channel: "messenger",
      window: { state: "open", closesAt: iso(t0 + 24 * HOUR) },
    });
    expect(replyMode(open, t0 + 30 * HOUR)).toEqual({
      mode: "human_agent",
      closesAt: iso(t0 + 7 * 24 * HOUR),
    });
    expect(replyMode(open, t0 + 8 * 24 * HOUR)).toEqual({ mode: "blocked" });
    const tagged = conversation("cnv_1", {
      channel: "messenger",
      window: { state: "human_agent", closesAt: iso(t0 + 3 * 24 * HOUR) },
    });
    expect(replyMode(tagged, t0)).toEqual({ mode: "human_agent", closesAt: iso(t0 + 3 * 24 * HOUR) });
  });

  it("takes a windowed conversation without a window for closed", () => {
    expect(windowAt("whatsapp", undefined, t0)).toEqual({ state: "closed" });
  });
});

describe("withMessage", () => {
  it("opens the window again when the customer writes on WhatsApp, not when we do", () => {
    const closed = conversation("cnv_1", { channel: "whatsapp", window: { state: "closed" }, messageSeq: 1 });
    const ours = withMessage(closed, message(2, { author: "agent", createdAt: T0 }));
    expect(ours.window).toEqual({ state: "closed" });
    const theirs = withMessage(ours, message(3, { author: "customer", createdAt: T0 }));
    expect(theirs.window).toEqual({ state: "open", closesAt: iso(t0 + 24 * HOUR) });
  });
});
