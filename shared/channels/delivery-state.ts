import { unlessConditionFails } from "../data/condition-failed.js";
import { createEvent } from "../event.js";
import type { Ports } from "../ports.js";
import type { DeliveryState } from "./inbound.js";

/** Receipts arrive out of order (a `read` before its `delivered`); a state never goes back to a lower rank. */
export const DELIVERY_RANK: Record<DeliveryState, number> = {
  queued: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 4,
};

/**
 * Moves one of our messages on to `state`, unless it is already there or further, and tells
 * the screens. `queued` may be written again with a new reason (a retry that failed).
 */
export async function setDeliveryState(
  ports: Pick<Ports, "db" | "events" | "clock">,
  ref: { tenantId: string; conversationId: string; seq: number },
  state: DeliveryState,
  reason?: string,
) {
  const rank = DELIVERY_RANK[state];
  const updatedAt = ports.clock.now().toISOString();
  const written = await unlessConditionFails(
    ports.db.message
      .patch(ref)
      .set({ delivery: { state, rank, updatedAt, ...(reason && { reason }) } })
      // Only our messages to an outside channel have a delivery; a repeated `queued` carries a newer reason.
      .where(
        ({ delivery }, { exists, lt, lte }) =>
          `${exists(delivery)} AND ${state === "queued" ? lte(delivery.rank, rank) : lt(delivery.rank, rank)}`,
      )
      .go({ response: "all_new" }),
  );
  if (!written) return false;
  const message = written.data;
  const { data: conversation } = await ports.db.conversation
    .get({ tenantId: ref.tenantId, conversationId: ref.conversationId })
    .go();
  await ports.events.publish([
    createEvent(
      ports.clock,
      "message.delivery_changed",
      ref.tenantId,
      { type: "system", id: "delivery" },
      {
        conversationId: ref.conversationId,
        customerId: message.customerId,
        ...(conversation?.assigneeId && { assigneeId: conversation.assigneeId }),
        seq: ref.seq,
        delivery: { state, ...(reason && { reason }) },
      },
    ),
  ]);
  return true;
}
