import type { EntityItem } from "electrodb";
import { z } from "zod";
import { AttachmentClaim, MAX_ATTACHMENTS_PER_MESSAGE } from "../attachment/index.js";
import { Channel, DeliveryState, MessageContent } from "../channels/inbound.js";
import { MessagingWindow, messagingWindow } from "../channels/messaging-window.js";
import type { Db } from "../data/db.js";

export const MAX_TEXT_LENGTH = 4000;

export const ConversationId = z.string().regex(/^cnv_[0-9A-Z]{26}$/, "not a conversation id");
export const ClientMessageId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, "client message ids are 8-64 letters, digits, '-' or '_'");

export const MessageInput = z
  .object({
    clientMessageId: ClientMessageId,
    text: z.string().trim().max(MAX_TEXT_LENGTH).default(""),
    attachments: z.array(AttachmentClaim).max(MAX_ATTACHMENTS_PER_MESSAGE).default([]),
  })
  .refine((input) => input.text.length > 0 || input.attachments.length > 0, {
    message: "A message needs text or an attachment",
    path: ["text"],
  });
export type MessageInput = z.input<typeof MessageInput>;

/** `bot` while the web chatbot attends it, in no inbox; its hand-off queues it for the agents. */
export const ConversationStatus = z.enum(["bot", "queued", "assigned", "closed"]);

export const AttachmentInfo = z.object({
  attachmentId: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
});

export const MessageInfo = z.object({
  conversationId: z.string(),
  messageId: z.string(),
  clientMessageId: z.string(),
  seq: z.number(),
  author: z.enum(["customer", "agent", "system"]),
  authorName: z.string().optional(),
  text: z.string(),
  attachments: z.array(AttachmentInfo),
  content: MessageContent.optional(),
  replyToSeq: z.number().optional(),
  forwarded: z.boolean().optional(),
  /** Files the channel announced that could not be fetched, and why. */
  missingMedia: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  /** How far our message got on its channel. */
  delivery: z.object({ state: DeliveryState, reason: z.string().optional() }).optional(),
  email: z
    .object({ subject: z.string(), from: z.string(), to: z.array(z.string()), cc: z.array(z.string()) })
    .optional(),
  createdAt: z.string(),
});
export type MessageInfo = z.infer<typeof MessageInfo>;

export const ConversationInfo = z.object({
  conversationId: z.string(),
  customerId: z.string(),
  customerName: z.string().optional(),
  channel: Channel,
  /** The customer's phone, PSID or address on the channel. */
  contactAddress: z.string().optional(),
  emailSubject: z.string().optional(),
  /**
   * WhatsApp and Messenger let a business answer freely for 24 h after the customer last wrote;
   * after that WhatsApp takes only templates, Messenger the HUMAN_AGENT tag for 7 days.
   */
  window: MessagingWindow.optional(),
  status: ConversationStatus,
  assigneeId: z.string().optional(),
  assigneeName: z.string().optional(),
  subject: z.string(),
  lastMessagePreview: z.string(),
  lastMessageAuthor: z.enum(["customer", "agent", "system"]),
  messageSeq: z.number(),
  /** Messages the viewer has not read yet. */
  unread: z.number(),
  disposition: z.string().optional(),
  createdAt: z.string(),
  lastActivityAt: z.string(),
  closedAt: z.string().optional(),
  /** The department it waits in or is worked by; absent: general service. */
  queueId: z.string().optional(),
  /** The script tree's tipo it is about (issue 7), which routes it to agents by their Kardex profile; staff only. */
  tipo: z.string().optional(),
  /** The customer's rating of the closed case (issue 6, `shared/rating/`). */
  rating: z
    .object({
      score: z.number().int().min(1).max(5),
      comment: z.string().optional(),
      channel: z.enum(["web", "whatsapp"]),
      ratedAt: z.string(),
    })
    .optional(),
});
export type ConversationInfo = z.infer<typeof ConversationInfo>;

export type ConversationItem = EntityItem<Db["conversation"]>;
export type MessageItem = EntityItem<Db["message"]>;

export function toConversationInfo(
  item: ConversationItem,
  viewer: "customer" | "staff",
  now = new Date(),
): ConversationInfo {
  const { channel } = item;
  return ConversationInfo.parse({
    ...item,
    // How the contact center routes a case is its own business.
    tipo: viewer === "staff" ? item.tipo : undefined,
    unread: viewer === "customer" ? item.customerUnread : item.agentUnread,
    ...((channel === "whatsapp" || channel === "messenger") && {
      window: messagingWindow(channel, item.lastCustomerMessageAt, now),
    }),
  });
}

/** A stored message as events carry it: no storage keys. */
export function toMessagePayload(message: MessageItem) {
  const { messageId, clientMessageId, seq, author, authorId, authorName, text, createdAt } = message;
  const { content, externalId, replyToSeq, forwarded, missingMedia, delivery, email } = message;
  return {
    messageId,
    clientMessageId,
    seq,
    author,
    authorId,
    ...(authorName && { authorName }),
    text,
    attachments: message.attachments.map(({ attachmentId, name, contentType, size }) => ({
      attachmentId,
      name,
      contentType,
      size,
    })),
    ...(content !== undefined && { content: content as MessageContent }),
    ...(externalId && { externalId }),
    ...(replyToSeq && { replyToSeq }),
    ...(forwarded && { forwarded }),
    ...(missingMedia?.length && { missingMedia }),
    ...(delivery && {
      delivery: { state: delivery.state, ...(delivery.reason && { reason: delivery.reason }) },
    }),
    ...(email && { email: { subject: email.subject, from: email.from, to: email.to, cc: email.cc } }),
    createdAt,
  };
}

/** Storage keys and tenant ids stay inside: the schema strips what it does not name. */
export function toMessageInfo(item: MessageItem): MessageInfo {
  return MessageInfo.parse(item);
}

/** Short enough for an inbox row, whole words where possible. */
export function preview(text: string, attachmentNames: readonly string[]) {
  const source = text || attachmentNames.map((name) => `📎 ${name}`).join(", ");
  // Counted in code points, so an emoji is never cut in half.
  const chars = Array.from(source.replace(/\s+/g, " ").trim());
  return chars.length <= 140
    ? chars.join("")
    : `${chars
        .slice(0, 139)
        .join("")
        .replace(/\s\S*$/, "")}…`;
}
