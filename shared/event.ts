import type { Actor, DomainEvent, EventName } from "../events/catalog.js";
import { newId } from "./ids.js";
import type { Clock } from "./ports.js";

/** Builds an event envelope; publish it only once the write it describes has committed. */
export function createEvent<N extends EventName>(
  clock: Clock,
  name: N,
  tenantId: string,
  actor: Actor,
  data: Extract<DomainEvent, { name: N }>["data"],
): DomainEvent<N> {
  return {
    id: newId("event"),
    name,
    tenantId,
    occurredAt: clock.now().toISOString(),
    actor,
    data,
  } as DomainEvent<N>;
}
