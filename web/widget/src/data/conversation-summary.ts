import type { ConversationEvent } from "../../../../events/catalog.js";
import type { ConversationInfo, MessageInfo } from "./api.js";

/** The inbox row's line for a message: its text, or the names of what it carries. */
export function previewOf(message: Pick<MessageInfo, "text" | "attachments">) {
  return message.text.trim() || message.attachments.map((attachment) => `📎 ${attachment.name}`).join(", ");
}

/**
 * A conversation's row after one more message. A message at or below the known `messageSeq`
 * is already counted (a replay, or the answer to our own post), so it changes nothing.
 */
export function withMessage(conversation: ConversationInfo, message: MessageInfo): ConversationInfo {
  if (message.seq <= conversation.messageSeq) return conversation;
  return {
    ...conversation,
    messageSeq: message.seq,
    lastMessagePreview: previewOf(message),
    lastMessageAuthor: message.author,
    lastActivityAt: message.createdAt,
    unread: conversation.unread + (message.author === "agent" ? 1 : 0),
  };
}

/** The message an event carries, in the shape the REST API returns. */
export function messageOf(event: ConversationEvent<"message.received" | "message.sent">): MessageInfo {
  const { authorId: _authorId, ...message } = event.data.message;
  return { ...message, conversationId: event.data.conversationId };
}

/** A conversation's row after a live event about it. */
export function applyEvent(conversation: ConversationInfo, event: ConversationEvent): ConversationInfo {
  switch (event.name) {
    case "message.received":
    case "message.sent":
      return withMessage(conversation, messageOf(event));
    case "conversation.assigned":
      return { ...conversation, status: "assigned", assigneeName: event.data.assigneeName };
    case "conversation.closed":
      if (conversation.status === "closed") return conversation;
      return {
        ...conversation,
        status: "closed",
        closedAt: event.data.closedAt,
        disposition: event.data.disposition,
        lastActivityAt: event.data.closedAt,
      };
    case "conversation.reopened": {
      const { closedAt: _closedAt, disposition: _disposition, ...open } = conversation;
      const { status, assigneeName, reopenedAt } = event.data;
      return { ...open, status, lastActivityAt: reopenedAt, ...(assigneeName && { assigneeName }) };
    }
    case "conversation.read":
      return event.data.reader === "customer" && event.data.seq >= conversation.messageSeq
        ? { ...conversation, unread: 0 }
        : conversation;
    default:
      return conversation;
  }
}

/** Newest activity first, as the server lists them. */
export function sortConversations(conversations: readonly ConversationInfo[]) {
  return [...conversations].sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt));
}

/**
 * Whether the row held is ahead of one the server answered: it knows of a later message, or of
 * a later close or reopen (which move the activity time without a message). An answer read just
 * before the agent closed the case must not bring it back open on the screen.
 */
export function isAhead(held: ConversationInfo, fresh: ConversationInfo) {
  if (held.messageSeq !== fresh.messageSeq) return held.messageSeq > fresh.messageSeq;
  return held.lastActivityAt > fresh.lastActivityAt;
}

/** The server's list, except the rows this screen already knows more recent news of. */
export function mergeConversations(held: readonly ConversationInfo[], fresh: readonly ConversationInfo[]) {
  const byId = new Map(held.map((item) => [item.conversationId, item]));
  return sortConversations(
    fresh.map((row) => {
      const mine = byId.get(row.conversationId);
      return mine && isAhead(mine, row) ? mine : row;
    }),
  );
}

/** Replaces or adds one row, keeping the order. */
export function upsertConversation(
  conversations: readonly ConversationInfo[],
  conversation: ConversationInfo,
) {
  return sortConversations([
    ...conversations.filter((item) => item.conversationId !== conversation.conversationId),
    conversation,
  ]);
}
