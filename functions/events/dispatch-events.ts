import type { DomainEvent } from "../../events/catalog.js";
import { RULES } from "../../events/rules.js";
import type { EventPublisher, Ports } from "../../shared/ports.js";
import { logger } from "../observability.js";
import { INLINE_CONSUMERS } from "./inline-consumers.js";

const INLINE = RULES.filter((rule) => rule.delivery === "inline");

/**
 * Publishes committed events: inline consumers run here at once (a chat message reaches the
 * agent without another hop), then the bus gets every event for the asynchronous consumers.
 * An inline consumer that fails is logged, never the caller's failure: its write is done.
 */
export function createEventDispatcher(ports: () => Ports, bus: EventPublisher): EventPublisher {
  return {
    async publish(events: readonly DomainEvent[]) {
      await Promise.all(
        events.flatMap((event) =>
          INLINE.filter((rule) => rule.events.includes(event.name)).map(async (rule) => {
            try {
              await INLINE_CONSUMERS[rule.name]?.(ports(), event);
            } catch (error) {
              logger.error("Inline consumer failed", { rule: rule.name, eventId: event.id, error });
            }
          }),
        ),
      );
      await bus.publish(events);
    },
  };
}
