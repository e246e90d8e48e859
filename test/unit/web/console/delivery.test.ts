import { describe, expect, it } from "vitest";
import {
  laterDelivery,
  withDelivery,
  withPendingDeliveries,
} from "../../../../web/console/src/data/delivery";
import { message } from "./fixtures";

const ours = (seq: number, state: "queued" | "sent" | "delivered" | "read" | "failed", reason?: string) =>
  message(seq, { author: "agent", delivery: { state, ...(reason && { reason }) } });

describe("withDelivery", () => {
  it("moves one of our messages on when its receipt arrives, leaving the others as they were", () => {
    const log = [ours(1, "sent"), ours(2, "queued")];
    const next = withDelivery(log, { seq: 2, delivery: { state: "sent" } });
    expect(next.map((m) => m.delivery?.state)).toEqual(["sent", "sent"]);
    expect(next[0]).toBe(log[0]);
    expect(log[1]?.delivery?.state).toBe("queued");
  });

  it("never goes back: a delivered receipt after the read one changes nothing", () => {
    const log = [ours(1, "read")];
    expect(withDelivery(log, { seq: 1, delivery: { state: "delivered" } })).toBe(log);
  });

  it("takes a read receipt that beats its delivered one", () => {
    const log = [ours(1, "sent")];
    const read = withDelivery(log, { seq: 1, delivery: { state: "read" } });
    expect(withDelivery(read, { seq: 1, delivery: { state: "delivered" } })[0]?.delivery).toEqual({
      state: "read",
    });
  });

  it("shows a failure with its reason, over any earlier state", () => {
    const log = [ours(1, "sent")];
    const next = withDelivery(log, {
      seq: 1,
      delivery: { state: "failed", reason: "131047: Re-engagement message" },
    });
    expect(next[0]?.delivery).toEqual({ state: "failed", reason: "131047: Re-engagement message" });
  });

  it("takes a queued state again when a retry failed for a new reason, not when nothing new is said", () => {
    const log = [ours(1, "queued")];
    const retrying = withDelivery(log, { seq: 1, delivery: { state: "queued", reason: "Graph API 503" } });
    expect(retrying[0]?.delivery).toEqual({ state: "queued", reason: "Graph API 503" });
    expect(withDelivery(retrying, { seq: 1, delivery: { state: "queued", reason: "Graph API 503" } })).toBe(
      retrying,
    );
  });

  it("returns the same log for a message it does not hold, and applying a change twice is applying it once", () => {
    const log = [ours(1, "queued")];
    expect(withDelivery(log, { seq: 9, delivery: { state: "sent" } })).toBe(log);
    const once = withDelivery(log, { seq: 1, delivery: { state: "delivered" } });
    expect(withDelivery(once, { seq: 1, delivery: { state: "delivered" } })).toBe(once);
  });

  it("applies receipts that arrived before their message once it is loaded", () => {
    const pending = new Map([[3, { state: "delivered" as const }]]);
    const log = [ours(2, "sent"), ours(3, "queued")];
    expect(withPendingDeliveries(log, pending).map((m) => m.delivery?.state)).toEqual(["sent", "delivered"]);
  });
});

describe("laterDelivery", () => {
  it("takes the first state a message gets", () => {
    expect(laterDelivery(undefined, { state: "queued" })).toEqual({ state: "queued" });
  });
});
