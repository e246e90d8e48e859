import { createHash } from "node:crypto";
import { isConditionFailure } from "../data/condition-failed.js";
import { createEvent } from "../event.js";
import type { Ports } from "../ports.js";
import { findChannelAccount } from "./channel-accounts.js";
import type { InboundMessage } from "./inbound.js";

export type Acceptance = "accepted" | "duplicate" | "unrouted";

/**
 * One sender on one of our accounts, short and fixed in length: it is an SQS FIFO message group
 * id in AWS, which takes at most 128 characters, and an e-mail address can be longer.
 */
const senderOf = (message: InboundMessage) =>
  `${message.channel}#${createHash("sha256").update(`${message.accountId}\n${message.from.address}`).digest("base64url")}`;

/** Well under EventBridge's 256 KB per entry; a long e-mail is read back from the table instead. */
const INLINE_PAYLOAD_BYTES = 32 * 1024;

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
  const payload = JSON.stringify(message);
  try {
    await ports.db.externalMessage
      .create({
        ...key,
        direction: "in",
        state: "received",
        payload,
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
        sender: senderOf(message),
        ...(payload.length <= INLINE_PAYLOAD_BYTES && { message }),
      },
    ),
  ]);
  return "accepted";
}
