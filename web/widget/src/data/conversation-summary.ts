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
      return {
        ...conversation,
        status: "closed",
        closedAt: event.data.closedAt,
        disposition: event.data.disposition,
      };
    case "conversation.reopened": {
      const { closedAt: _closedAt, disposition: _disposition, ...open } = conversation;
      const { status, assigneeName } = event.data;
      return { ...open, status, ...(assigneeName && { assigneeName }) };
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
