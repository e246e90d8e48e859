import { recordContactEvent } from "../../shared/calls/record-call.js";
import type { Ports } from "../../shared/ports.js";
import { logger } from "../observability.js";
import type { ExternalEvent } from "./consumers.js";

/**
 * A contact event from Amazon Connect joins its call's record (see events/rules.ts). What cannot
 * become a record (malformed, a chat, an instance no tenant registered) is logged and dropped:
 * delivering it again would change nothing.
 */
export async function consume(ports: Ports, event: ExternalEvent) {
  const result = await recordContactEvent(ports, event);
  if (result.outcome === "invalid")
    logger.error("Unreadable Connect contact event", { id: event.id, ...result });
  if (result.outcome === "unrouted")
    logger.warn("Contact event of a Connect instance no tenant owns", result);
}
