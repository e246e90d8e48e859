import { type DomainEvent, PUSHED_EVENTS, type PushedEvent } from "../../events/catalog.js";
import type { Ports } from "../../shared/ports.js";
import { pushEvent } from "../../shared/realtime/push-event.js";

/** Runs inline after each conversation write (see events/rules.ts). */
export const consume = async (ports: Ports, event: DomainEvent) => {
  if (!(PUSHED_EVENTS as readonly string[]).includes(event.name)) return 0;
  return pushEvent(ports, event as PushedEvent);
};
