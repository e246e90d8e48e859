import type { DomainEvent } from "../../events/catalog.js";
import { storeInboundMessage } from "../../shared/channels/store-inbound-message.js";
import type { Ports } from "../../shared/ports.js";

/** A message accepted from a channel joins its customer's conversation (see events/rules.ts). */
export async function consume(ports: Ports, event: DomainEvent) {
  if (event.name !== "channel.message_accepted") return;
  const { channel, externalId, message } = event.data;
  await storeInboundMessage(ports, { tenantId: event.tenantId, channel, externalId }, message);
}
