import type { DomainEvent } from "../../events/catalog.js";
import { replyAutomatically } from "../../shared/auto-reply/reply-automatically.js";
import type { Ports } from "../../shared/ports.js";

/** Answers customers' messages with the tenant's automatic replies (see events/rules.ts). */
export async function consume(ports: Ports, event: DomainEvent) {
  if (event.name === "message.received") await replyAutomatically(ports, event);
}
