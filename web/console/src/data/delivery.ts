import type { Delivery, DeliveryState, MessageInfo } from "./console-types";

/**
 * Receipts arrive out of order (a `read` before its `delivered`, a replay after a reconnect):
 * a message's state only moves up this ladder, as the server keeps it (shared/channels/delivery-state).
 */
export const DELIVERY_RANK: Record<DeliveryState, number> = {
  queued: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 4,
};

/** One change of delivery state, as `message.delivery_changed` carries it. */
export type DeliveryChange = { seq: number; delivery: Delivery };

/**
 * The state to show after `next` arrives: a higher rank wins; `queued` may come again with a
 * new reason (another retry that failed); anything lower or equal is an old receipt.
 */
export function laterDelivery(current: Delivery | undefined, next: Delivery): Delivery | undefined {
  if (!current) return next;
  const rank = DELIVERY_RANK[next.state];
  const held = DELIVERY_RANK[current.state];
  if (rank > held) return next;
  if (rank === held && next.state === "queued" && next.reason !== current.reason) return next;
  return undefined;
}

/**
 * The message log after a delivery change. The same array comes back when nothing changes (a
 * message not loaded, an old receipt), so a caller can tell that nothing did.
 */
export function withDelivery<M extends MessageInfo>(log: readonly M[], change: DeliveryChange): readonly M[] {
  const index = log.findIndex((message) => message.seq === change.seq);
  const message = log[index];
  if (!message) return log;
  const next = laterDelivery(message.delivery, change.delivery);
  if (!next) return log;
  const updated = [...log];
  updated[index] = { ...message, delivery: next };
  return updated;
}

/**
 * Changes for messages not loaded yet wait here and are applied as they arrive: a receipt can
 * beat the pushed message it is about.
 */
export function withPendingDeliveries<M extends MessageInfo>(
  log: readonly M[],
  pending: ReadonlyMap<number, Delivery>,
): readonly M[] {
  let result = log;
  for (const [seq, delivery] of pending) result = withDelivery(result, { seq, delivery });
  return result;
}
