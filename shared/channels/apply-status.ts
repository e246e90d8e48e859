import { unlessConditionFails } from "../data/condition-failed.js";
import type { Ports } from "../ports.js";
import { findChannelAccount } from "./channel-accounts.js";
import { DELIVERY_RANK, setDeliveryState } from "./delivery-state.js";
import type { StatusUpdate } from "./inbound.js";

/** How far back a watermark receipt (Messenger's "everything up to then") looks for our messages. */
const WATERMARK_MESSAGES = 50;

/**
 * A channel's receipt for one of our messages: the furthest state seen is kept by the provider's
 * id, so a receipt that outruns our own record of the send is not lost, and one that arrives
 * late (a `delivered` after its `read`) changes nothing.
 */
export async function applyStatus(ports: Pick<Ports, "db" | "events" | "clock">, update: StatusUpdate) {
  const account = await findChannelAccount(ports, update.channel, update.accountId);
  if (!account) return "unrouted";
  const { tenantId } = account;
  if (!update.externalId) return applyWatermark(ports, tenantId, update);

  const rank = DELIVERY_RANK[update.state];
  const reason = update.error ? `${update.error.code}: ${update.error.message}` : undefined;
  const written = await unlessConditionFails(
    ports.db.externalMessage
      .upsert({
        tenantId,
        channel: update.channel,
        externalId: update.externalId,
        direction: "out",
        deliveryState: update.state,
        deliveryRank: rank,
        ...(reason && { deliveryReason: reason }),
      })
      .ifNotExists({ receivedAt: ports.clock.now().toISOString() })
      .where(
        ({ deliveryRank }, { notExists, lt }) => `${notExists(deliveryRank)} OR ${lt(deliveryRank, rank)}`,
      )
      .go({ response: "all_new" }),
  );
  if (!written) return "stale";
  const record = written.data;
  if (record.conversationId === undefined || record.seq === undefined) return "early";
  await setDeliveryState(
    ports,
    { tenantId, conversationId: record.conversationId, seq: record.seq },
    update.state,
    reason,
  );
  return "applied";
}

/** Messenger says "delivered / read up to this time" for a person: our recent messages to him sent by then. */
async function applyWatermark(
  ports: Pick<Ports, "db" | "events" | "clock">,
  tenantId: string,
  update: StatusUpdate,
) {
  const { data: thread } = await ports.db.channelThread
    .get({ tenantId, channel: update.channel, accountId: update.accountId, address: update.recipient })
    .go();
  if (!thread) return "unknown_recipient";
  const { data: messages } = await ports.db.message.query
    .byConversation({ tenantId, conversationId: thread.conversationId })
    .go({ order: "desc", limit: WATERMARK_MESSAGES });
  const rank = DELIVERY_RANK[update.state];
  const covered = messages.filter(
    (message) =>
      message.author === "agent" &&
      message.delivery &&
      message.delivery.rank < rank &&
      message.delivery.state !== "queued" &&
      message.createdAt <= update.at,
  );
  for (const message of covered) {
    await setDeliveryState(
      ports,
      { tenantId, conversationId: message.conversationId, seq: message.seq },
      update.state,
    );
  }
  return "applied";
}
