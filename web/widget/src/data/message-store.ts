import type { MessageInfo } from "./api.js";

/** A file picked for a message; `attachmentId` is set once uploaded, so a retry does not upload it again. */
export type OutgoingFile = {
  file: Blob;
  name: string;
  contentType: string;
  size: number;
  attachmentId?: string;
};

/**
 * A message the customer wrote that the server has not confirmed yet. Its `clientMessageId`
 * is kept for every retry: the server stores a message once per id.
 */
export type Outgoing = {
  clientMessageId: string;
  text: string;
  files: readonly OutgoingFile[];
  createdAt: string;
  state: "sending" | "failed";
  /** The error code of the last failed attempt. */
  error?: string;
};

/**
 * One conversation as the page holds it: confirmed messages without holes, ordered by their
 * gapless `seq`, and the customer's own messages still on their way.
 */
export type Thread = { readonly messages: readonly MessageInfo[]; readonly outgoing: readonly Outgoing[] };

export const EMPTY_THREAD: Thread = { messages: [], outgoing: [] };

export function lastSeq(thread: Thread) {
  return thread.messages.at(-1)?.seq ?? 0;
}

export function hasEarlier(thread: Thread) {
  return (thread.messages[0]?.seq ?? 1) > 1;
}

/** `gap`: messages are missing between what is held and this one; fetch them before applying it. */
export type ApplyOutcome = "applied" | "duplicate" | "gap";

function withoutConfirmed(outgoing: readonly Outgoing[], confirmed: readonly MessageInfo[]) {
  if (!outgoing.length) return outgoing;
  const ids = new Set(confirmed.map((message) => message.clientMessageId));
  return outgoing.filter((item) => !ids.has(item.clientMessageId));
}

/**
 * Applies one live message. Events arrive at least once and possibly out of order, so a
 * message already held is a duplicate, and one that does not follow the last held is a gap.
 */
export function applyMessage(
  thread: Thread,
  message: MessageInfo,
): { thread: Thread; outcome: ApplyOutcome } {
  const last = lastSeq(thread);
  if (message.seq <= last) {
    return {
      thread: { ...thread, outgoing: withoutConfirmed(thread.outgoing, [message]) },
      outcome: "duplicate",
    };
  }
  if (message.seq > last + 1) return { thread, outcome: "gap" };
  return {
    thread: {
      messages: [...thread.messages, message],
      outgoing: withoutConfirmed(thread.outgoing, [message]),
    },
    outcome: "applied",
  };
}

/** Merges a fetched page (earlier or later) by `seq`: each message once, in order. */
export function mergePage(thread: Thread, page: readonly MessageInfo[]): Thread {
  if (!page.length) return thread;
  const bySeq = new Map<number, MessageInfo>();
  for (const message of thread.messages) bySeq.set(message.seq, message);
  // Held objects are kept so the rendered elements for them are kept too.
  for (const message of page) if (!bySeq.has(message.seq)) bySeq.set(message.seq, message);
  const messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  return { messages, outgoing: withoutConfirmed(thread.outgoing, page) };
}

export function addOutgoing(thread: Thread, item: Outgoing): Thread {
  return { ...thread, outgoing: [...thread.outgoing, item] };
}

export function updateOutgoing(thread: Thread, clientMessageId: string, change: Partial<Outgoing>): Thread {
  return {
    ...thread,
    outgoing: thread.outgoing.map((item) =>
      item.clientMessageId === clientMessageId ? { ...item, ...change } : item,
    ),
  };
}

/** Records one file's upload, so a retry claims it instead of uploading it again. */
export function markUploaded(
  thread: Thread,
  clientMessageId: string,
  index: number,
  attachmentId: string,
): Thread {
  return {
    ...thread,
    outgoing: thread.outgoing.map((item) =>
      item.clientMessageId === clientMessageId
        ? { ...item, files: item.files.map((file, at) => (at === index ? { ...file, attachmentId } : file)) }
        : item,
    ),
  };
}

/** Forgets the uploads of a message the server refused: it deletes files that fail its checks. */
export function forgetUploads(thread: Thread, clientMessageId: string): Thread {
  return {
    ...thread,
    outgoing: thread.outgoing.map((item) =>
      item.clientMessageId === clientMessageId
        ? { ...item, files: item.files.map(({ attachmentId: _, ...file }) => file) }
        : item,
    ),
  };
}

export function removeOutgoing(thread: Thread, clientMessageId: string): Thread {
  return { ...thread, outgoing: thread.outgoing.filter((item) => item.clientMessageId !== clientMessageId) };
}

/**
 * Where the "new messages" line goes: before the oldest of the last `unread` agent replies
 * (only agent replies count as unread for a customer).
 */
export function firstUnreadSeq(messages: readonly MessageInfo[], unread: number): number | undefined {
  if (unread <= 0) return undefined;
  let seen = 0;
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.author !== "agent") continue;
    seen++;
    if (seen === unread) return message.seq;
  }
  return messages[0]?.seq;
}
