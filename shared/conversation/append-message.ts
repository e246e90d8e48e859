import type { Actor } from "../../events/catalog.js";
import { type AttachmentClaim, verifyAttachments } from "../attachment/index.js";
import { AppError } from "../errors.js";
import { createEvent } from "../event.js";
import { newId } from "../ids.js";
import type { Ports } from "../ports.js";
import { type ConversationItem, type MessageItem, preview, toMessagePayload } from "./info.js";

/** Enough for a burst of writers on one conversation; each retry waits a little, at random, to spread them. */
const MAX_ATTEMPTS = 25;
const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 5 * attempt)));

export type Author = {
  tenantId: string;
  kind: "customer" | "agent";
  authorId: string;
  authorName?: string;
  actor: Actor;
};

type Append = {
  author: Author;
  load: () => Promise<ConversationItem>;
  check: (conversation: ConversationItem) => void;
  clientMessageId: string;
  text: string;
  attachments: readonly AttachmentClaim[];
};

/**
 * Adds a message as the conversation's next sequence number, in one transaction with its
 * client-id marker and the conversation's counters. A retried send finds its marker and
 * returns the message already stored; a concurrent writer makes us retry with the new
 * sequence number, so sequence numbers have no gaps and no doubles.
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

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await pause(attempt);
    const conversation = await append.load();
    try {
      append.check(conversation);
    } catch (error) {
      // A retry of a send that landed before the conversation changed still gets its message back.
      const stored = await findDuplicate(ports, author, append.clientMessageId);
      if (stored) return { message: stored, duplicate: true };
      throw error;
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

    const { canceled, data } = await ports.db.transaction
      .write(({ clientMessage, conversation: conversations, message: messages }) => [
        clientMessage
          .create({
            tenantId: author.tenantId,
            authorId: author.authorId,
            clientMessageId: append.clientMessageId,
            conversationId: conversation.conversationId,
            seq,
            createdAt: now,
          })
          .commit(),
        conversations
          .patch({ tenantId: author.tenantId, conversationId: conversation.conversationId })
          .set({
            messageSeq: seq,
            lastActivityAt: now,
            lastMessagePreview: preview(
              append.text,
              attachments.map((a) => a.name),
            ),
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
    if (data[0]?.rejected) {
      const stored = await findDuplicate(ports, author, append.clientMessageId);
      if (stored) return { message: stored, duplicate: true };
    }
  }
  throw new AppError("conversation_busy", 503, "The conversation is too busy, try again");
}

async function findDuplicate(ports: Ports, author: Author, clientMessageId: string) {
  const { data: marker } = await ports.db.clientMessage
    .get({ tenantId: author.tenantId, authorId: author.authorId, clientMessageId })
    .go();
  if (!marker) return null;
  const { data } = await ports.db.message
    .get({ tenantId: author.tenantId, conversationId: marker.conversationId, seq: marker.seq })
    .go();
  return data;
}
