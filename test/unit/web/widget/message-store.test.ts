import { describe, expect, it } from "vitest";
import type { MessageInfo } from "../../../../web/widget/src/data/api.js";
import {
  addOutgoing,
  applyMessage,
  EMPTY_THREAD,
  firstUnreadSeq,
  forgetUploads,
  hasEarlier,
  lastSeq,
  markUploaded,
  mergePage,
  type Outgoing,
  removeOutgoing,
  type Thread,
  updateOutgoing,
} from "../../../../web/widget/src/data/message-store.js";

function message(
  seq: number,
  author: MessageInfo["author"] = "agent",
  clientMessageId = `client-${seq}`,
): MessageInfo {
  return {
    conversationId: "cnv_1",
    messageId: `msg_${seq}`,
    clientMessageId,
    seq,
    author,
    text: `message ${seq}`,
    attachments: [],
    createdAt: new Date(Date.UTC(2025, 0, 1, 10, seq)).toISOString(),
  };
}

const threadOf = (...seqs: number[]): Thread =>
  mergePage(
    EMPTY_THREAD,
    seqs.map((seq) => message(seq)),
  );

function outgoing(clientMessageId: string): Outgoing {
  return {
    clientMessageId,
    text: "hola",
    files: [],
    createdAt: "2025-01-01T10:00:00.000Z",
    state: "sending",
  };
}

describe("applying live messages by sequence number", () => {
  it("appends the message that follows the last one held", () => {
    const { thread, outcome } = applyMessage(threadOf(1, 2), message(3));
    expect(outcome).toBe("applied");
    expect(thread.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it("starts an empty thread at sequence number 1", () => {
    expect(applyMessage(EMPTY_THREAD, message(1)).outcome).toBe("applied");
  });

  it("never applies a message twice", () => {
    const held = threadOf(1, 2, 3);
    const again = applyMessage(held, message(2));
    expect(again.outcome).toBe("duplicate");
    expect(again.thread.messages).toBe(held.messages);
    expect(applyMessage(held, message(3)).outcome).toBe("duplicate");
  });

  it("reports a gap instead of applying a message that skips sequence numbers", () => {
    const held = threadOf(1, 2);
    const { thread, outcome } = applyMessage(held, message(5));
    expect(outcome).toBe("gap");
    expect(thread).toBe(held);
  });

  it("applies a replayed run in order after a gap is filled", () => {
    let thread = threadOf(1);
    for (const seq of [2, 3, 3, 2, 4]) thread = applyMessage(thread, message(seq)).thread;
    expect(thread.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it("drops the pending copy of the customer's own message once it is confirmed", () => {
    const pending = addOutgoing(threadOf(1), outgoing("mine"));
    const { thread } = applyMessage(pending, message(2, "customer", "mine"));
    expect(thread.outgoing).toEqual([]);
    expect(thread.messages.at(-1)?.clientMessageId).toBe("mine");
  });

  it("drops the pending copy even when its confirmation is a duplicate", () => {
    const held = addOutgoing(mergePage(EMPTY_THREAD, [message(1, "customer", "mine")]), outgoing("mine"));
    expect(applyMessage(held, message(1, "customer", "mine")).thread.outgoing).toEqual([]);
  });
});

describe("merging fetched pages", () => {
  it("keeps each message once, in sequence order", () => {
    const merged = mergePage(threadOf(4, 5, 6), [message(2), message(3), message(4)]);
    expect(merged.messages.map((m) => m.seq)).toEqual([2, 3, 4, 5, 6]);
  });

  it("keeps the objects already held, so their rendering is kept too", () => {
    const held = threadOf(1, 2);
    const merged = mergePage(held, [message(2), message(3)]);
    expect(merged.messages[1]).toBe(held.messages[1]);
  });

  it("knows whether earlier messages exist and which is the last", () => {
    expect(hasEarlier(threadOf(3, 4))).toBe(true);
    expect(hasEarlier(threadOf(1, 2))).toBe(false);
    expect(hasEarlier(EMPTY_THREAD)).toBe(false);
    expect(lastSeq(threadOf(3, 4))).toBe(4);
    expect(lastSeq(EMPTY_THREAD)).toBe(0);
  });
});

describe("outgoing messages", () => {
  it("keep their client message id through a failure and a retry", () => {
    let thread = addOutgoing(EMPTY_THREAD, outgoing("retry-me"));
    thread = updateOutgoing(thread, "retry-me", { state: "failed", error: "network" });
    expect(thread.outgoing[0]).toMatchObject({
      clientMessageId: "retry-me",
      state: "failed",
      error: "network",
    });
    thread = updateOutgoing(thread, "retry-me", { state: "sending", error: undefined });
    expect(thread.outgoing[0]).toMatchObject({ clientMessageId: "retry-me", state: "sending" });
    expect(removeOutgoing(thread, "retry-me").outgoing).toEqual([]);
  });
});

describe("files of an outgoing message", () => {
  const withFiles = (): Thread => {
    const file = { file: new Blob(["%PDF-"]), name: "ticket.pdf", contentType: "application/pdf", size: 5 };
    return addOutgoing(EMPTY_THREAD, {
      ...outgoing("with-files"),
      files: [file, { ...file, name: "otro.pdf" }],
    });
  };

  it("remember each upload, so a retry does not upload it again", () => {
    const thread = markUploaded(withFiles(), "with-files", 1, "att_2");
    expect(thread.outgoing[0]?.files.map((file) => file.attachmentId)).toEqual([undefined, "att_2"]);
  });

  it("forget their uploads after a refusal, so a retry uploads them again", () => {
    const thread = forgetUploads(markUploaded(withFiles(), "with-files", 0, "att_1"), "with-files");
    expect(thread.outgoing[0]?.files.every((file) => file.attachmentId === undefined)).toBe(true);
    expect(thread.outgoing[0]?.files.map((file) => file.name)).toEqual(["ticket.pdf", "otro.pdf"]);
  });
});

describe("the new-messages line", () => {
  it("goes before the oldest unread agent reply", () => {
    const messages = [
      message(1, "customer"),
      message(2, "agent"),
      message(3, "customer"),
      message(4, "agent"),
      message(5, "agent"),
    ];
    expect(firstUnreadSeq(messages, 2)).toBe(4);
    expect(firstUnreadSeq(messages, 3)).toBe(2);
    expect(firstUnreadSeq(messages, 0)).toBeUndefined();
  });

  it("falls back to the first message held when the unread ones are not all loaded", () => {
    expect(firstUnreadSeq([message(7, "agent")], 3)).toBe(7);
  });
});
