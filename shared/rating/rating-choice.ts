import { appendMessage, type ChannelDetails } from "../conversation/append-message.js";
import { ConversationId } from "../conversation/info.js";
import { ConversationClosedError, loadConversation } from "../conversation/load-conversation.js";
import { postSystemMessage } from "../conversation/post-system-message.js";
import { NotFoundError } from "../errors.js";
import type { Ports } from "../ports.js";
import { AlreadyRatedError, rateCase } from "./rate-case.js";

export const RATING_THANKS_TEXT = "¡Gracias por tu valoración!";

const CHOICE_ID = /^rating:([1-5]):(.+)$/;

/** The score and case a customer's choice answers, when it is a pick from a rating list. */
export function ratingChoiceOf(details: ChannelDetails) {
  const content = details.content;
  if (content?.kind !== "choice") return undefined;
  const match = CHOICE_ID.exec(content.choice.id);
  const conversationId = ConversationId.safeParse(match?.[2]);
  if (!match || !conversationId.success) return undefined;
  return { score: Number(match[1]), conversationId: conversationId.data };
}

type ChoiceMessage = {
  tenantId: string;
  customerId: string;
  authorName?: string;
  clientMessageId: string;
  text: string;
  details: ChannelDetails;
};

/**
 * Stores a WhatsApp pick from a rating list in the closed case that asked, records the rating
 * and thanks the customer there. No comment is asked for: his next words on WhatsApp open a new
 * case, and telling a comment from a new question would be guesswork. Returns the stored pick,
 * or undefined when the message is no answer to a rating request of his (it then joins his
 * conversation as any message does). A second, different pick is kept in the thread but
 * changes nothing: a case is rated once.
 */
export async function storeRatingChoice(ports: Ports, message: ChoiceMessage) {
  const choice = ratingChoiceOf(message.details);
  if (!choice) return undefined;
  const { tenantId, customerId } = message;
  const customer = { kind: "customer" as const, tenantId, customerId };
  const asking = await loadConversation(ports, customer, choice.conversationId).catch((error) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  if (asking?.status !== "closed") return undefined;

  const stored = await appendMessage(ports, {
    author: {
      tenantId,
      kind: "customer",
      authorId: customerId,
      ...(message.authorName && { authorName: message.authorName }),
      actor: { type: "customer", id: customerId },
    },
    viewer: customer,
    conversationId: asking.conversationId,
    check: (current) => {
      if (current.status !== "closed") throw new ConversationClosedError();
    },
    clientMessageId: message.clientMessageId,
    text: message.text,
    attachments: [],
    details: message.details,
  });
  try {
    await rateCase(ports, customer, asking.conversationId, { score: choice.score }, "whatsapp");
  } catch (error) {
    if (!(error instanceof AlreadyRatedError)) throw error;
    return stored;
  }
  await postSystemMessage(ports, {
    tenantId,
    conversationId: asking.conversationId,
    clientMessageId: `rating-thanks_${asking.conversationId}`,
    text: RATING_THANKS_TEXT,
  });
  return stored;
}
