import { isConditionFailure } from "../data/condition-failed.js";
import { createEvent } from "../event.js";
import type { Ports } from "../ports.js";
import { findChannelAccount } from "./channel-accounts.js";
import type { InboundMessage } from "./inbound.js";

export type Acceptance = "accepted" | "duplicate" | "unrouted";

/**
 * Stores a channel's message the moment it arrives, keyed by the provider's id, before the
 * webhook is answered: once this returns, the message cannot be lost, and a redelivery (Meta
 * retries for days, sometimes twice at once) is recognised. Turning it into a conversation
 * message, media and all, happens after, from the event. A message still `received` is
 * announced again on redelivery, so a processing that failed gets another chance.
 */
export async function acceptInboundMessage(
  ports: Pick<Ports, "db" | "events" | "clock">,
  message: InboundMessage,
): Promise<Acceptance> {
  const account = await findChannelAccount(ports, message.channel, message.accountId);
  if (!account) return "unrouted";
  const { tenantId } = account;
  const key = { tenantId, channel: message.channel, externalId: message.externalId };
  try {
    await ports.db.externalMessage
      .create({
        ...key,
        direction: "in",
        state: "received",
        payload: JSON.stringify(message),
        receivedAt: ports.clock.now().toISOString(),
      })
      .go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { data: stored } = await ports.db.externalMessage.get(key).go();
    if (stored?.state !== "received") return "duplicate";
  }
  await ports.events.publish([
    createEvent(
      ports.clock,
      "channel.message_accepted",
      tenantId,
      { type: "system", id: message.channel },
      {
        channel: message.channel,
        externalId: message.externalId,
      },
    ),
  ]);
  return "accepted";
}
