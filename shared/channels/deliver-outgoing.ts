import type { ConversationItem, MessageItem } from "../conversation/info.js";
import { isConditionFailure } from "../data/condition-failed.js";
import type { Ports } from "../ports.js";
import { setDeliveryState } from "./delivery-state.js";
import type { ExternalChannel, MessageContent } from "./inbound.js";
import { messagingWindow } from "./messaging-window.js";
import { ChannelSendError, type OutgoingMessage } from "./outbound.js";

/** Waits between attempts while a channel is down: quick at first, then spread over a day. */
export const RETRY_SECONDS = [5, 30, 120, 600, 1800, 3600, 7200, 14_400, 28_800, 43_200];
/** An attempt holds its entry this long, so the drainer and the first attempt never send it twice at once. */
const LEASE_SECONDS = 60;

type MessageRef = { tenantId: string; conversationId: string; seq: number };

const later = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();

/**
 * One attempt to hand a queued message to its channel. Success records the provider's id (where
 * receipts will find it) and `sent`; a final refusal marks it `failed` with the reason; trouble
 * worth retrying puts the attempt off by the next step of RETRY_SECONDS, until they run out.
 */
export async function deliverOutgoing(ports: Ports, ref: MessageRef) {
  const now = ports.clock.now();
  const { data: entry } = await ports.db.outbox.get(ref).go();
  if (!entry || entry.nextAttemptAt > now.toISOString()) return "not_due";
  try {
    await ports.db.outbox
      .patch(ref)
      .set({ nextAttemptAt: later(now, LEASE_SECONDS) })
      .where(({ nextAttemptAt }, { eq }) => eq(nextAttemptAt, entry.nextAttemptAt))
      .go();
  } catch (error) {
    if (isConditionFailure(error)) return "busy";
    throw error;
  }

  const [{ data: message }, { data: conversation }] = await Promise.all([
    ports.db.message.get(ref).go(),
    ports.db.conversation.get({ tenantId: ref.tenantId, conversationId: ref.conversationId }).go(),
  ]);
  if (!message || !conversation || message.delivery?.state !== "queued" || conversation.channel === "web") {
    await ports.db.outbox.delete(ref).go();
    return "gone";
  }

  const sent = await send(ports, conversation, message);
  if (!(sent instanceof ChannelSendError)) {
    // Only the send is a channel's failure: trouble recording it is ours, and the event is retried.
    await recordSent(ports, conversation.channel, message, sent.externalId);
    await ports.db.outbox.delete(ref).go();
    return "sent";
  }
  const reason = `${sent.code}: ${sent.message}`;
  const attempts = entry.attempts + 1;
  const wait = RETRY_SECONDS[attempts - 1];
  if (!sent.transient || wait === undefined) {
    await setDeliveryState(ports, ref, "failed", reason);
    await ports.db.outbox.delete(ref).go();
    return "failed";
  }
  await ports.db.outbox
    .patch(ref)
    .set({ nextAttemptAt: later(now, wait), attempts, lastError: reason })
    .go();
  await setDeliveryState(ports, ref, "queued", reason);
  return "retrying";
}

/** The provider's answer, or why it did not take the message; an unexpected error counts as transient. */
async function send(ports: Ports, conversation: ConversationItem, message: MessageItem) {
  try {
    const sender = conversation.channel === "web" ? undefined : ports.channels.senders[conversation.channel];
    if (!sender) {
      throw new ChannelSendError(
        false,
        "channel_not_configured",
        `No ${conversation.channel} sender is configured`,
      );
    }
    return await sender.send(await toOutgoing(ports, conversation, message));
  } catch (error) {
    return error instanceof ChannelSendError
      ? error
      : new ChannelSendError(true, "channel_error", String(error));
  }
}

/** Every queued message whose next attempt is due, oldest first, attempted once. Run on a schedule. */
export async function drainOutbox(ports: Ports, limit = 50) {
  const { data } = await ports.db.outbox.query
    .due({ queue: "due" })
    .lte({ nextAttemptAt: ports.clock.now().toISOString() })
    .go({ limit });
  const outcomes = await Promise.all(
    data.map(({ tenantId, conversationId, seq }) =>
      deliverOutgoing(ports, { tenantId, conversationId, seq }),
    ),
  );
  return outcomes.filter((outcome) => outcome === "sent").length;
}

async function toOutgoing(
  ports: Ports,
  conversation: ConversationItem,
  message: MessageItem,
): Promise<OutgoingMessage> {
  const { channel, channelAccountId, contactAddress } = conversation;
  if (channel === "web" || !channelAccountId || !contactAddress) {
    throw new ChannelSendError(false, "no_address", "The conversation has no address on its channel");
  }
  const files = await Promise.all(
    message.attachments.map(async (file) => ({
      name: file.name,
      contentType: file.contentType,
      size: file.size,
      url: await ports.files.presignDownload({ key: file.key, fileName: file.name }),
    })),
  );
  const repliedTo = message.replyToSeq
    ? (
        await ports.db.message
          .get({
            tenantId: message.tenantId,
            conversationId: message.conversationId,
            seq: message.replyToSeq,
          })
          .go()
      ).data?.externalId
    : undefined;
  const window =
    channel === "messenger"
      ? messagingWindow(channel, conversation.lastCustomerMessageAt, ports.clock.now())
      : undefined;
  return {
    channel,
    accountId: channelAccountId,
    to: contactAddress,
    text: message.text,
    content: (message.content as MessageContent | undefined) ?? { kind: "text" },
    files,
    ...(repliedTo && { replyToExternalId: repliedTo }),
    ...(window?.state === "human_agent" && { humanAgentTag: true }),
    ...(message.email && {
      email: {
        from: message.email.from,
        to: message.email.to,
        cc: message.email.cc,
        subject: message.email.subject,
        messageId: message.email.messageId,
        ...(message.email.inReplyTo && { inReplyTo: message.email.inReplyTo }),
        references: message.email.references ?? [],
      },
    }),
  };
}

/**
 * The provider's id is written where receipts look for our messages. A receipt that came in
 * before this (Meta is quick) left its state there, and it is applied now.
 */
async function recordSent(ports: Ports, channel: ExternalChannel, message: MessageItem, externalId: string) {
  const ref = { tenantId: message.tenantId, conversationId: message.conversationId, seq: message.seq };
  const { data: record } = await ports.db.externalMessage
    .upsert({
      tenantId: message.tenantId,
      channel,
      externalId,
      direction: "out",
      conversationId: message.conversationId,
      seq: message.seq,
    })
    .ifNotExists({ receivedAt: ports.clock.now().toISOString() })
    .go({ response: "all_new" });
  // SES replaces the Message-ID we wrote: the customer's reply will name SES's, so the thread must too.
  const email = message.email &&
    message.email.messageId !== externalId && { ...message.email, messageId: externalId };
  await ports.db.message
    .patch(ref)
    .set({ externalId, ...(channel === "email" && email && { email }) })
    .go();
  await setDeliveryState(ports, ref, record.deliveryState ?? "sent", record.deliveryReason);
}
