import type { DomainEvent } from "../../events/catalog.js";
import { deliverOutgoing } from "../../shared/channels/deliver-outgoing.js";
import type { Ports } from "../../shared/ports.js";

/** The first attempt to send an agent's message on its channel; the outbox drainer does the retries. */
export async function consume(ports: Ports, event: DomainEvent) {
  if (event.name !== "message.queued") return;
  const { conversationId, seq } = event.data;
  await deliverOutgoing(ports, { tenantId: event.tenantId, conversationId, seq });
}
