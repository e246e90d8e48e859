import { describe, expect, it } from "vitest";
import { backoffDelay } from "../../../../web/console/src/data/live-socket";

describe("backoffDelay", () => {
  it("waits longer after each failure, between half and all of a ceiling that stops at 30 s", () => {
    const low = () => 0;
    const high = () => 1;
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, high))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffDelay(1, low)).toBe(1000);
    expect(backoffDelay(9, high)).toBe(30_000);
    expect(backoffDelay(9, low)).toBe(15_000);
  });
});
