import { z } from "zod";
import { ConversationInfo, type ConversationItem } from "../conversation/info.js";
import { loadConversation } from "../conversation/load-conversation.js";
import { isConditionFailure } from "../data/condition-failed.js";
import { ConflictError } from "../errors.js";
import { createEvent } from "../event.js";
import type { CustomerIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";

export const MAX_RATING_COMMENT = 1000;

export const RatingInput = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(MAX_RATING_COMMENT).optional(),
});
export type RatingInput = z.input<typeof RatingInput>;

export const Rating = ConversationInfo.shape.rating.unwrap();
export type Rating = z.infer<typeof Rating>;

export class AlreadyRatedError extends ConflictError {
  constructor(rating: Rating) {
    super("already_rated", "This case was rated already", { score: rating.score });
  }
}

/**
 * The customer rates his closed case, once. The same rating sent again is answered as stored
 * (a retried request); a different one is `409 already_rated`. The write is conditional on no
 * rating being there, so two ratings at once cannot both win.
 */
export async function rateCase(
  ports: Ports,
  customer: CustomerIdentity,
  conversationId: string,
  input: RatingInput,
  channel: Rating["channel"] = "web",
): Promise<Rating> {
  const { score, comment } = RatingInput.parse(input);
  const wanted = { score, ...(comment && { comment }) };
  const conversation = await loadConversation(ports, customer, conversationId);
  if (conversation.status !== "closed") {
    throw new ConflictError("conversation_not_closed", "A case is rated once it is finalized");
  }
  if (conversation.rating) return sameOrRefused(conversation.rating, wanted);

  const rating: Rating = { ...wanted, channel, ratedAt: ports.clock.now().toISOString() };
  try {
    await ports.db.conversation
      .patch({ tenantId: customer.tenantId, conversationId: conversation.conversationId })
      .set({ rating })
      .where(({ status, rating }, { eq, notExists }) => `${eq(status, "closed")} AND ${notExists(rating)}`)
      .go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const stored = await loadConversation(ports, customer, conversationId);
    if (!stored.rating) throw error;
    return sameOrRefused(stored.rating, wanted);
  }
  await ports.events.publish([ratedEvent(ports, conversation, rating)]);
  return rating;
}

function sameOrRefused(stored: Rating, wanted: { score: number; comment?: string }) {
  if (stored.score === wanted.score && (stored.comment ?? "") === (wanted.comment ?? "")) return stored;
  throw new AlreadyRatedError(stored);
}

function ratedEvent(ports: Pick<Ports, "clock">, conversation: ConversationItem, rating: Rating) {
  return createEvent(
    ports.clock,
    "conversation.rated",
    conversation.tenantId,
    { type: "customer", id: conversation.customerId },
    {
      conversationId: conversation.conversationId,
      customerId: conversation.customerId,
      ...(conversation.assigneeId && { assigneeId: conversation.assigneeId }),
      score: rating.score,
      hasComment: rating.comment !== undefined,
      channel: rating.channel,
    },
  );
}
