import type { DomainEvent } from "../../events/catalog.js";
import type { Ports } from "../../shared/ports.js";
import { pushEvent } from "../../shared/realtime/push-event.js";

/** Runs inline after each conversation write (see events/rules.ts). */
export const consume = (ports: Ports, event: DomainEvent) => pushEvent(ports, event);
