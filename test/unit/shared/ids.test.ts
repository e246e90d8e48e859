import { afterEach, describe, expect, it, vi } from "vitest";
import { ID_PREFIX, type IdKind, isId, newId } from "../../../shared/ids.js";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** The parts of `prefix_TTTTTTTTTTRRRRRRRRRRRRRRRR`: 48 bits of time, 80 random bits. */
function parts(id: string) {
  const body = id.slice(id.indexOf("_") + 1);
  const random = [...body.slice(10)].reduce(
    (value, char) => value * 32n + BigInt(CROCKFORD.indexOf(char)),
    0n,
  );
  return { time: body.slice(0, 10), randomText: body.slice(10), random };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("ids", () => {
  it("start with their kind's prefix and pass as that kind only", () => {
    const kinds = Object.keys(ID_PREFIX) as IdKind[];
    for (const kind of kinds) {
      const id = newId(kind);
      expect(id).toMatch(new RegExp(`^${ID_PREFIX[kind]}_[${CROCKFORD}]{26}$`));
      expect(isId(kind, id)).toBe(true);
      for (const other of kinds.filter((k) => k !== kind)) expect(isId(other, id)).toBe(false);
    }
    expect(newId("conversation").startsWith("cnv_")).toBe(true);
    expect(newId("message").startsWith("msg_")).toBe(true);
  });

  it("sort by the time they were made", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.UTC(2026, 0, 1));
    const earlier = newId("message");
    vi.setSystemTime(Date.UTC(2026, 0, 1) + 1);
    const later = newId("message");

    expect(earlier < later).toBe(true);
  });

  it("made in the same millisecond differ in their 80 random bits and do not count up", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.UTC(2026, 0, 1));

    // Enough ids to draw on several refills of the random pool.
    const ids = Array.from({ length: 1000 }, () => parts(newId("attachment")));

    expect(new Set(ids.map((id) => id.time)).size).toBe(1);
    expect(new Set(ids.map((id) => id.randomText)).size).toBe(1000);
    expect(new Set(ids.flatMap((id) => [...id.randomText])).size).toBe(CROCKFORD.length);
    for (let i = 1; i < ids.length; i++) {
      const step = ids[i]!.random - ids[i - 1]!.random;
      expect(step === 1n).toBe(false);
    }
    // The monotonic variant would keep the high random bits and only bump the low ones.
    expect(new Set(ids.map((id) => id.randomText[0])).size).toBeGreaterThan(1);
    expect(ids.map((id) => id.randomText)).not.toEqual(ids.map((id) => id.randomText).sort());
  });
});
