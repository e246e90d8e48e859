import type { Actor } from "../../events/catalog.js";
import { type AttachmentClaim, verifyAttachments } from "../attachment/index.js";
import type { Db } from "../data/db.js";
import { AppError } from "../errors.js";
import { createEvent } from "../event.js";
import type { Identity } from "../identity/index.js";
import { newId } from "../ids.js";
import type { Ports } from "../ports.js";
import { type ConversationItem, type MessageItem, preview, toMessagePayload } from "./info.js";
import { loadConversation, visibleTo } from "./load-conversation.js";

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
  kind: "customer" | "agent";
  authorId: string;
  authorName?: string;
  actor: Actor;
};

type Append = {
  author: Author;
  viewer: Identity;
  conversationId: string;
  check: (conversation: ConversationItem) => void;
  clientMessageId: string;
  text: string;
  attachments: readonly AttachmentClaim[];
};

/**
 * Adds a message as the conversation's next sequence number, in one transaction with the
 * conversation's counters, on the condition that the conversation is still as it was read.
 * A retried send finds its client id among the conversation's recent ones and gets the stored
 * message back; a concurrent writer makes us retry with the new sequence number, so sequence
 * numbers have no gaps and no doubles. Two item writes per message: the hot path of chat.
 */
export async function appendMessage(
  ports: Ports,
  append: Append,
): Promise<{ message: MessageItem; duplicate: boolean }> {
  const { author } = append;
  const attachments = await verifyAttachments(
    ports,
    { tenantId: author.tenantId, ownerId: author.authorId },
    append.attachments,
  );

  const cached = writtenBy(ports.db).get(`${append.viewer.tenantId}#${append.conversationId}`);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await pause(attempt);
    const conversation =
      attempt === 0 && cached && visibleTo(append.viewer, cached)
        ? cached
        : await loadConversation(ports, append.viewer, append.conversationId);
    const stored = await findStored(ports, conversation, append.clientMessageId);
    if (stored) return { message: stored, duplicate: true };
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

    const now = ports.clock.now().toISOString();
    const seq = conversation.messageSeq + 1;
    const message = {
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
      createdAt: now,
    } satisfies MessageItem;
    const byAgent = author.kind === "agent";

    const lastMessagePreview = preview(
      append.text,
      attachments.map((a) => a.name),
    );
    const recentClientMessageIds = [
      ...conversation.recentClientMessageIds.slice(1 - REMEMBERED_CLIENT_IDS),
      { clientMessageId: append.clientMessageId, seq },
    ];
    const { canceled } = await ports.db.transaction
      .write(({ conversation: conversations, message: messages }) => [
        conversations
          .patch({ tenantId: author.tenantId, conversationId: conversation.conversationId })
          .set({
            messageSeq: seq,
            recentClientMessageIds,
            lastActivityAt: now,
            lastMessagePreview,
            lastMessageAuthor: author.kind,
            ...(byAgent && !conversation.firstResponseAt && { firstResponseAt: now }),
            // The inbox index's sort key moves with the activity time; ElectroDB rebuilds it from both parts.
            inboxKey: conversation.inboxKey,
          })
          .add(byAgent ? { customerUnread: 1 } : { agentUnread: 1 })
          .where(
            ({ messageSeq, status, assigneeId }, { eq, notExists }) =>
              `${eq(messageSeq, conversation.messageSeq)} AND ${eq(status, conversation.status)} AND ${
                conversation.assigneeId ? eq(assigneeId, conversation.assigneeId) : notExists(assigneeId)
              }`,
          )
          .commit(),
        messages.create(message).commit(),
      ])
      .go();

    if (!canceled) {
      remember(ports.db, {
        ...conversation,
        messageSeq: seq,
        recentClientMessageIds,
        lastActivityAt: now,
        lastMessagePreview,
        lastMessageAuthor: author.kind,
        ...(byAgent
          ? {
              customerUnread: conversation.customerUnread + 1,
              firstResponseAt: conversation.firstResponseAt ?? now,
            }
          : { agentUnread: conversation.agentUnread + 1 }),
      });
      const name = byAgent ? "message.sent" : "message.received";
      await ports.events.publish([
        createEvent(ports.clock, name, author.tenantId, author.actor, {
          conversationId: conversation.conversationId,
          customerId: conversation.customerId,
          ...(conversation.assigneeId && { assigneeId: conversation.assigneeId }),
          message: toMessagePayload(message),
        }),
      ]);
      return { message, duplicate: false };
    }
  }
  throw new AppError("conversation_busy", 503, "The conversation is too busy, try again");
}

/** The message already stored under this client id, if the conversation remembers one. */
async function findStored(ports: Ports, conversation: ConversationItem, clientMessageId: string) {
  const known = conversation.recentClientMessageIds.find(
    (entry) => entry.clientMessageId === clientMessageId,
  );
  if (!known) return null;
  const { data } = await ports.db.message
    .get({ tenantId: conversation.tenantId, conversationId: conversation.conversationId, seq: known.seq })
    .go();
  return data;
}
