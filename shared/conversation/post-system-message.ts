import type { Ports } from "../ports.js";
import type { ChannelDetails } from "./append-message.js";
import { appendMessage } from "./append-message.js";
import type { ConversationItem } from "./info.js";
import { AttendedByBotError } from "./load-conversation.js";

export type SystemMessage = {
  tenantId: string;
  conversationId: string;
  /**
   * Derived from what caused the message (the approval, the customer's message answered, the
   * close asked to be rated), so that doing it again posts nothing twice.
   */
  clientMessageId: string;
  text: string;
  /** Who speaks: the bot's or the team's name; the widget says "Sistema" without one. */
  authorName?: string;
  content?: ChannelDetails["content"];
  /** Whether the case's state allows the message; by default anything but a chatbot's chat. */
  check?: (conversation: ConversationItem) => void;
};

function notWithTheBot(conversation: ConversationItem) {
  if (conversation.status === "bot") throw new AttendedByBotError();
}

/**
 * A message the product itself writes into a case: an automatic reply, an approval's outcome,
 * a rating request. It reaches the customer like an agent's message, on the case's channel,
 * and is stored once however often it is posted.
 */
export async function postSystemMessage(ports: Ports, message: SystemMessage) {
  const { tenantId, conversationId } = message;
  return appendMessage(ports, {
    author: {
      tenantId,
      kind: "system",
      authorId: "system",
      ...(message.authorName && { authorName: message.authorName }),
      actor: { type: "system", id: "system" },
    },
    // The system may write in any case of the tenant; the viewer only scopes the read to it.
    viewer: { kind: "staff", tenantId, staffId: "system", email: "", name: "system", role: "admin" },
    conversationId,
    check: message.check ?? notWithTheBot,
    clientMessageId: message.clientMessageId,
    text: message.text,
    attachments: [],
    ...(message.content && { details: { content: message.content } }),
  });
}
