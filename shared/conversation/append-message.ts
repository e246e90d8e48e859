import type { Actor } from "../../events/catalog.js";
import type { Attachment } from "../attachment/index.js";
import { isConditionFailure } from "../data/condition-failed.js";
import type { Db } from "../data/db.js";
import { AppError } from "../errors.js";
import { createEvent } from "../event.js";
import type { Identity } from "../identity/index.js";
import { newId } from "../ids.js";
import type { Ports } from "../ports.js";
import { type ConversationItem, type MessageItem, preview, toMessagePayload } from "./info.js";
import { loadConversation, visibleTo } from "./load-conversation.js";
import { pointThreadAt } from "./point-thread.js";

/** Enough for a burst of writers on one conversation; each retry waits a little, at random, to spread them. */
const MAX_ATTEMPTS = 25;
const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 5 * attempt)));

/**
 * The conversations this process wrote last, as it wrote them. A send starts from this copy
 * instead of reading the conversation again: the write is conditional on exactly the state it
 * relied on, so a stale copy only costs a retry with a fresh read. One fewer request on the
 * hot path of chat, per process (a warm Lambda instance, or the local server).
 */
const CACHED_CONVERSATIONS = 2000;
const written = new WeakMap<Db, Map<string, ConversationItem>>();

function writtenBy(db: Db) {
  const cache = written.get(db) ?? new Map<string, ConversationItem>();
  written.set(db, cache);
  return cache;
}

function remember(db: Db, conversation: ConversationItem) {
  const cache = writtenBy(db);
  const key = `${conversation.tenantId}#${conversation.conversationId}`;
  cache.delete(key);
  cache.set(key, conversation);
  if (cache.size > CACHED_CONVERSATIONS) cache.delete(cache.keys().next().value!);
}

/** How many recent client ids a conversation remembers: far more than a client retries. */
export const REMEMBERED_CLIENT_IDS = 50;

export type Author = {
  tenantId: string;
  /** `system`: what the product itself says in the case (an automatic reply, an approval's outcome). */
  kind: "customer" | "agent" | "system";
  authorId: string;
  authorName?: string;
  actor: Actor;
};

/** What a channel adds to a message beyond its text and files. */
export type ChannelDetails = Partial<
  Pick<MessageItem, "content" | "externalId" | "replyToSeq" | "forwarded" | "missingMedia" | "email">
>;

type Append = {
  author: Author;
  viewer: Identity;
  conversationId: string;
  check: (conversation: ConversationItem) => void;
  clientMessageId: string;
  text: string;
  /** Already checked: uploads verified, or media we fetched ourselves. */
  attachments: readonly Attachment[];
  details?: ChannelDetails;
};

/**
 * Adds a message as the conversation's next sequence number. First a conditional update of
 * the conversation claims the number for this client message id, on the condition that the
 * conversation is still as it was read; then the message is put under that number. A
 * concurrent writer makes us retry with the next number, so numbers never double. A send cut
 * off between the two writes left its number claimed: its retry finds its client id among the
 * conversation's recent ones and finishes the put, so the number is filled and stored once.
 * Two single-item writes instead of one transaction: half the work for DynamoDB on the hot
 * path of chat, and the same number of requests.
 */
export async function appendMessage(
  ports: Ports,
  append: Append,
): Promise<{ message: MessageItem; duplicate: boolean }> {
  const attachments = [...append.attachments];
  const cached = writtenBy(ports.db).get(`${append.viewer.tenantId}#${append.conversationId}`);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await pause(attempt);
    const conversation =
      attempt === 0 && cached && visibleTo(append.viewer, cached)
        ? cached
        : await loadConversation(ports, append.viewer, append.conversationId);
    const claimed = conversation.recentClientMessageIds.find(
      (entry) => entry.clientMessageId === append.clientMessageId,
    );
    if (claimed) {
      const stored = await storedMessage(ports, conversation, claimed.seq);
      if (stored) return { message: stored, duplicate: true };
      return putMessage(
        ports,
        append,
        conversation,
        newMessage(ports, append, conversation, claimed.seq, attachments),
      );
    }
    if (conversation === cached) {
      // A refusal must rest on what is stored, not on this process's copy of it.
      try {
        append.check(conversation);
      } catch {
        continue;
      }
    } else {
      append.check(conversation);
    }

    const message = newMessage(ports, append, conversation, conversation.messageSeq + 1, attachments);
    const claim = await claimSeq(ports, conversation, message);
    if (!claim) continue;
    remember(ports.db, claim);
    return putMessage(ports, append, conversation, message);
  }
  throw new AppError("conversation_busy", 503, "The conversation is too busy, try again");
}

function newMessage(
  ports: Ports,
  append: Append,
  conversation: ConversationItem,
  seq: number,
  attachments: MessageItem["attachments"],
): MessageItem {
  const { author } = append;
  const createdAt = ports.clock.now().toISOString();
  return {
    tenantId: author.tenantId,
    conversationId: conversation.conversationId,
    seq,
    messageId: newId("message"),
    clientMessageId: append.clientMessageId,
    customerId: conversation.customerId,
    author: author.kind,
    authorId: author.authorId,
    ...(author.authorName && { authorName: author.authorName }),
    text: append.text,
    attachments,
    ...append.details,
    ...(goesOut(conversation, append) && { delivery: { state: "queued", rank: 0, updatedAt: createdAt } }),
    createdAt,
  };
}

/**
 * Our messages in a WhatsApp, Messenger or e-mail conversation still have to reach the customer
 * there, except a system notice (content `system`), which is the case's own record.
 */
const goesOut = (conversation: ConversationItem, append: Append) =>
  conversation.channel !== "web" &&
  (append.author.kind === "agent" ||
    (append.author.kind === "system" && append.details?.content?.kind !== "system"));

/**
 * Moves the conversation on to the message's sequence number, with its preview and counters,
 * if nobody else wrote, closed or took it since it was read. Returns the conversation as it now
 * is, or undefined when it had changed.
 */
async function claimSeq(
  ports: Ports,
  conversation: ConversationItem,
  message: MessageItem,
): Promise<ConversationItem | undefined> {
  const byAgent = message.author === "agent";
  const ours = message.author !== "customer";
  const now = message.createdAt;
  const changes = {
    messageSeq: message.seq,
    recentClientMessageIds: [
      ...conversation.recentClientMessageIds.slice(1 - REMEMBERED_CLIENT_IDS),
      { clientMessageId: message.clientMessageId, seq: message.seq },
    ],
    lastActivityAt: now,
    lastMessagePreview: preview(
      message.text,
      message.attachments.map((a) => a.name),
    ),
    lastMessageAuthor: message.author,
    ...(byAgent && !conversation.firstResponseAt && { firstResponseAt: now }),
    ...(message.author === "customer" && { lastCustomerMessageAt: now }),
  };
  try {
    await ports.db.conversation
      .patch({ tenantId: conversation.tenantId, conversationId: conversation.conversationId })
      // The inbox index's sort key moves with the activity time; ElectroDB rebuilds it from both parts.
      .set({ ...changes, inboxKey: conversation.inboxKey })
      .add(ours ? { customerUnread: 1 } : { agentUnread: 1 })
      // Everything the checks relied on: the number, who has it, and when the customer last wrote
      // (a channel's reply window counts from it).
      .where(({ messageSeq, status, assigneeId, lastCustomerMessageAt }, { eq, notExists }) =>
        [
          eq(messageSeq, conversation.messageSeq),
          eq(status, conversation.status),
          conversation.assigneeId ? eq(assigneeId, conversation.assigneeId) : notExists(assigneeId),
          conversation.lastCustomerMessageAt
            ? eq(lastCustomerMessageAt, conversation.lastCustomerMessageAt)
            : notExists(lastCustomerMessageAt),
        ].join(" AND "),
      )
      .go();
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
  return {
    ...conversation,
    ...changes,
    ...(ours
      ? { customerUnread: conversation.customerUnread + 1 }
      : { agentUnread: conversation.agentUnread + 1 }),
  };
}

/**
 * Stores a message under its claimed number and tells whoever may see it. When a concurrent
 * retry of the same send stored it first, that one is the answer, and it was announced already.
 */
async function putMessage(
  ports: Ports,
  append: Append,
  conversation: ConversationItem,
  message: MessageItem,
): Promise<{ message: MessageItem; duplicate: boolean }> {
  const outgoing = message.delivery !== undefined;
  const stored = await (outgoing ? putWithOutbox(ports, message) : putAlone(ports, message));
  if (!stored) {
    const earlier = await storedMessage(ports, conversation, message.seq);
    if (!earlier) throw new AppError("conversation_busy", 503, "The conversation is too busy, try again");
    return { message: earlier, duplicate: true };
  }
  const { author } = append;
  if (author.kind === "agent") await pointThreadAt(ports, conversation);
  const ref = { conversationId: conversation.conversationId, customerId: conversation.customerId };
  await ports.events.publish([
    createEvent(
      ports.clock,
      author.kind === "customer" ? "message.received" : "message.sent",
      author.tenantId,
      author.actor,
      {
        ...ref,
        ...(conversation.assigneeId && { assigneeId: conversation.assigneeId }),
        message: toMessagePayload(message),
      },
    ),
    ...(outgoing && conversation.channel !== "web"
      ? [
          createEvent(ports.clock, "message.queued", author.tenantId, author.actor, {
            ...ref,
            seq: message.seq,
            channel: conversation.channel,
          }),
        ]
      : []),
  ]);
  return { message, duplicate: false };
}

/** False when a message already holds the number (a concurrent retry stored it first). */
async function putAlone(ports: Ports, message: MessageItem) {
  try {
    await ports.db.message.create(message).go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * A message for an outside channel is stored with its outbox entry in one transaction: no
 * message that nobody will send, no entry for a message that does not exist.
 */
async function putWithOutbox(ports: Ports, message: MessageItem) {
  const { tenantId, conversationId, seq, createdAt } = message;
  const { canceled } = await ports.db.transaction
    .write(({ message: messages, outbox }) => [
      messages.create(message).commit(),
      outbox
        .create({ tenantId, conversationId, seq, nextAttemptAt: createdAt, attempts: 0, createdAt })
        .commit(),
    ])
    .go();
  return !canceled;
}

async function storedMessage(ports: Ports, conversation: ConversationItem, seq: number) {
  const { data } = await ports.db.message
    .get({ tenantId: conversation.tenantId, conversationId: conversation.conversationId, seq })
    .go();
  return data;
}
