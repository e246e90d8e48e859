import type { DomainEvent } from "../../events/catalog.js";
import { isConditionFailure } from "../../shared/data/condition-failed.js";
import type { Ports } from "../../shared/ports.js";

/** Longer than EventBridge and Lambda keep retrying an event (two hours, see BusConsumer). */
const RECEIPT_LIFETIME_SECONDS = 24 * 60 * 60;

/**
 * True the first time `consumer` is handed `event`, false on every redelivery: EventBridge and
 * the local bus deliver at least once, and a consumer whose effect cannot be taken back (a
 * metric emitted) must not act twice. The receipt is written before acting, so a consumer cut
 * off between the two loses that one event rather than counting it twice.
 */
export async function firstDelivery(
  ports: Pick<Ports, "db" | "clock">,
  consumer: string,
  event: DomainEvent,
) {
  const expiresAt = Math.floor(ports.clock.now().getTime() / 1000) + RECEIPT_LIFETIME_SECONDS;
  try {
    await ports.db.eventReceipt
      .create({ tenantId: event.tenantId, consumer, eventId: event.id, expiresAt })
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
