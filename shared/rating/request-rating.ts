import { postSystemMessage } from "../conversation/post-system-message.js";
import type { Ports } from "../ports.js";

/** What the request says wherever it is read; the widget draws stars under it, WhatsApp a list. */
export const RATING_REQUEST_TEXT =
  "¿Cómo te atendimos? Califica esta conversación del 1 (mala) al 5 (excelente).";

/**
 * The channels whose customers can answer the request: the widget's card and WhatsApp's list.
 * Messenger and e-mail have no rating card; a request there would only be words.
 */
const RATED_CHANNELS = new Set(["web", "whatsapp"]);

/** One request per case, whatever redelivers the close. */
export const ratingRequestClientId = (conversationId: string) => `rating-request_${conversationId}`;

/**
 * Asks the customer of a finalized case to rate it: a system message in the closed case, which
 * stays closed. It is a message of the thread, so a customer who was away finds it when he comes
 * back to the widget.
 */
export async function requestRating(
  ports: Ports,
  ref: { tenantId: string; conversationId: string },
): Promise<void> {
  const { data: conversation } = await ports.db.conversation.get(ref).go();
  if (!conversation || !RATED_CHANNELS.has(conversation.channel) || conversation.rating) return;
  await postSystemMessage(ports, {
    ...ref,
    clientMessageId: ratingRequestClientId(ref.conversationId),
    text: RATING_REQUEST_TEXT,
    content: { kind: "rating_request", conversationId: ref.conversationId },
    check: (current) => {
      if (current.status !== "closed") throw new ReopenedError();
    },
  }).catch((error) => {
    // Reopened before the request went out: the case is being worked again, and its next close asks.
    if (!(error instanceof ReopenedError)) throw error;
  });
}

class ReopenedError extends Error {}
