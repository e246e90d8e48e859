import type { DomainEvent } from "../../events/catalog.js";
import type { Ports } from "../../shared/ports.js";
import { requestRating } from "../../shared/rating/request-rating.js";

/** A finalized case asks its customer for a rating (see events/rules.ts). */
export async function consume(ports: Ports, event: DomainEvent) {
  if (event.name !== "conversation.closed") return;
  await requestRating(ports, { tenantId: event.tenantId, conversationId: event.data.conversationId });
}
