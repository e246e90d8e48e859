import { describe, expect, it } from "vitest";
import { hasOlder, lastSeq, mergeMessages } from "../../../../web/console/src/data/message-log";
import { message } from "./fixtures";

const seqs = (messages: readonly { seq: number }[]) => messages.map((m) => m.seq);

describe("mergeMessages", () => {
  it("starts a run from a fetched page, in order", () => {
    const { messages, gapAfter } = mergeMessages([], [message(3), message(1), message(2)]);
    expect(seqs(messages)).toEqual([1, 2, 3]);
    expect(gapAfter).toBeUndefined();
  });

  it("appends the next sequence number", () => {
    const { messages } = mergeMessages([message(1), message(2)], [message(3)]);
    expect(seqs(messages)).toEqual([1, 2, 3]);
  });

  it("never applies a message twice, and returns the same array when nothing is new", () => {
    const log = [message(1), message(2), message(3)];
    const result = mergeMessages(log, [message(2), message(3), message(3)]);
    expect(result.messages).toBe(log);
    expect(result.gapAfter).toBeUndefined();
  });

  it("applies a replay that overlaps what is loaded only for the messages after it", () => {
    const { messages } = mergeMessages([message(1), message(2)], [message(2), message(3), message(4)]);
    expect(seqs(messages)).toEqual([1, 2, 3, 4]);
  });

  it("reports a gap and leaves out what lies beyond it, to be fetched after the run's end", () => {
    const { messages, gapAfter } = mergeMessages([message(1), message(2)], [message(5)]);
    expect(seqs(messages)).toEqual([1, 2]);
    expect(gapAfter).toBe(2);
  });

  it("keeps what continues the run before the gap", () => {
    const { messages, gapAfter } = mergeMessages([message(1)], [message(2), message(4), message(5)]);
    expect(seqs(messages)).toEqual([1, 2]);
    expect(gapAfter).toBe(2);
  });

  it("fills the gap once the missing messages arrive", () => {
    const first = mergeMessages([message(1)], [message(3)]);
    const second = mergeMessages(first.messages, [message(2), message(3)]);
    expect(seqs(second.messages)).toEqual([1, 2, 3]);
    expect(second.gapAfter).toBeUndefined();
  });

  it("prepends an earlier page that ends just before the run", () => {
    const { messages } = mergeMessages([message(51), message(52)], [message(49), message(50), message(48)]);
    expect(seqs(messages)).toEqual([48, 49, 50, 51, 52]);
  });

  it("says what to resume after and whether older messages exist", () => {
    expect(lastSeq([])).toBe(0);
    expect(lastSeq([message(7), message(8)])).toBe(8);
    expect(hasOlder([message(7)])).toBe(true);
    expect(hasOlder([message(1)])).toBe(false);
    expect(hasOlder([])).toBe(false);
  });
});
