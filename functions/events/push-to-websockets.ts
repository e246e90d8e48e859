import type { DomainEvent } from "../../events/catalog.js";
import type { Ports } from "../../shared/ports.js";
import { pushEvent } from "../../shared/realtime/push-event.js";

/** Runs inline after each conversation write (see events/rules.ts). */
export const consume = async (ports: Ports, event: DomainEvent) => {
  if (event.name === "channel.message_accepted" || event.name === "message.queued") return 0;
  return pushEvent(ports, event);
};
