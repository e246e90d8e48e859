import { createHash } from "node:crypto";
import { answerApprovalFromChannel } from "../approval/answer-approval-from-channel.js";
import type { Attachment } from "../attachment/index.js";
import { appendMessage, type ChannelDetails } from "../conversation/append-message.js";
import { preview } from "../conversation/info.js";
import { assertCustomerMayWrite, ConversationClosedError } from "../conversation/load-conversation.js";
import { openChannelConversation } from "../conversation/open-channel-conversation.js";
import { resolveChannelCustomer } from "../customer/resolve-channel-customer.js";
import { answerFromChannel } from "../documents/answer-from-channel.js";
import { NotFoundError } from "../errors.js";
import { newId } from "../ids.js";
import type { Ports } from "../ports.js";
import { storeRatingChoice } from "../rating/rating-choice.js";
import { type InboundMedia, InboundMessage } from "./inbound.js";
import { MediaUnavailableError } from "./media-unavailable.js";

/** WhatsApp's limits: 100 MB for documents, and nothing of ours is bigger. */
const MAX_MEDIA_BYTES = 100 * 1024 * 1024;

/** A client message id from the provider's id: the same delivery always appends the same message. */
function clientIdOf(externalId: string) {
  return `ext_${createHash("sha256").update(externalId).digest("base64url").slice(0, 40)}`;
}

/**
 * Turns an accepted channel message into a message of the customer's conversation: finds or
 * creates the customer by phone, account or address, finds the open conversation (by the
 * e-mail thread, or by the address) or opens one, fetches the media into our store, and
 * appends. Safe to run twice, even at once: every step is keyed by the provider's id.
 */
export async function storeInboundMessage(
  ports: Ports,
  ref: { tenantId: string; channel: InboundMessage["channel"]; externalId: string },
  carried?: InboundMessage,
) {
  const message = carried ?? (await acceptedMessage(ports, ref));
  if (!message) return;
  const { tenantId } = ref;

  const current = await continuedConversation(ports, tenantId, message);
  // A first message without a name (Messenger's): the channel is asked who it is, once.
  const name =
    message.from.name ??
    (current
      ? undefined
      : await ports.channels.names.nameOf(message.channel, message.accountId, message.from.address));
  const from = { ...message.from, ...(name && { name }) };
  const customerId = await resolveChannelCustomer(ports, tenantId, message.channel, from);
  const { attachments, missingMedia } = await fetchMedia(ports, tenantId, message);
  const details = await detailsOf(ports, tenantId, message, missingMedia);
  const append = (conversationId: string) =>
    appendMessage(ports, {
      author: {
        tenantId,
        kind: "customer",
        authorId: customerId,
        ...(name && { authorName: name }),
        actor: { type: "customer", id: customerId },
      },
      viewer: { kind: "customer", tenantId, customerId },
      conversationId,
      check: (current) => assertCustomerMayWrite({ kind: "customer", tenantId, customerId }, current),
      clientMessageId: clientIdOf(message.externalId),
      text: message.text,
      attachments,
      details,
    });

  // A pick from a rating list (issue 6) answers the closed case that asked, not the one open now.
  const rated = await storeRatingChoice(ports, {
    tenantId,
    customerId,
    ...(name && { authorName: name }),
    clientMessageId: clientIdOf(message.externalId),
    text: message.text,
    details,
  });
  if (rated) {
    await ports.db.externalMessage
      .patch(ref)
      .set({ state: "stored", conversationId: rated.message.conversationId, seq: rated.message.seq })
      .go();
    return;
  }
  // Six digits answering an approval's request confirm it, and join the case masked.
  const confirming = await answerApprovalFromChannel(ports, ref, {
    customerId,
    ...(name && { authorName: name }),
    conversationId: current,
    clientMessageId: clientIdOf(message.externalId),
    text: message.text,
    details,
  });
  if (confirming) return;

  // The conversation this continues, written to straight away: most messages join an open one.
  const continued = current ? await append(current).catch(unlessEnded) : undefined;
  const stored =
    continued ??
    (await append(
      (
        await openChannelConversation(ports, {
          tenantId,
          channel: message.channel,
          accountId: message.accountId,
          address: message.from.address,
          customerId,
          ...(name && { customerName: name }),
          subject:
            message.content.kind === "email"
              ? message.content.subject || "(sin asunto)"
              : preview(message.text, []) || "…",
          threadByAddress: message.channel !== "email",
        })
      ).conversationId,
    ));
  // A photo or PDF sent while the case waits for a document answers it (issue 6); before the
  // message counts as stored, so a failure here is retried with it.
  await answerFromChannel(ports, stored.message);

  await ports.db.externalMessage
    .patch(ref)
    .set({ state: "stored", conversationId: stored.message.conversationId, seq: stored.message.seq })
    .go();
}

/** The message as accepted, unless it is in a conversation already. */
async function acceptedMessage(
  ports: Pick<Ports, "db">,
  ref: { tenantId: string; channel: InboundMessage["channel"]; externalId: string },
) {
  const { data: accepted } = await ports.db.externalMessage.get(ref).go();
  if (!accepted?.payload || accepted.state === "stored") return undefined;
  return InboundMessage.parse(JSON.parse(accepted.payload));
}

/**
 * The conversation a message continues: for e-mail the one its In-Reply-To or References name;
 * for the others the case of the message it replies to (a customer with two cases open on
 * WhatsApp answers one by replying to its message), else the case the address's thread points
 * at: the one an agent last wrote in. Not cached in process: the thread moves between open
 * cases as agents write, and a stale copy would file a message in the wrong one.
 */
async function continuedConversation(ports: Pick<Ports, "db">, tenantId: string, message: InboundMessage) {
  if (message.channel !== "email") {
    const replied = message.replyToExternalId
      ? await ports.db.externalMessage
          .get({ tenantId, channel: message.channel, externalId: message.replyToExternalId })
          .go()
      : undefined;
    if (replied?.data?.conversationId) return replied.data.conversationId;
    const { data: thread } = await ports.db.channelThread
      .get({
        tenantId,
        channel: message.channel,
        accountId: message.accountId,
        address: message.from.address,
      })
      .go();
    return thread?.conversationId;
  }
  for (const ref of [...(message.threadRefs ?? [])].reverse()) {
    const { data: earlier } = await ports.db.externalMessage
      .get({ tenantId, channel: message.channel, externalId: ref })
      .go();
    if (earlier?.conversationId) return earlier.conversationId;
  }
  return undefined;
}

/** A conversation closed (or no longer the sender's): the message opens a new one instead. */
function unlessEnded(error: unknown): undefined {
  if (error instanceof ConversationClosedError || error instanceof NotFoundError) return undefined;
  throw error;
}

async function detailsOf(
  ports: Pick<Ports, "db">,
  tenantId: string,
  message: InboundMessage,
  missingMedia: { name: string; reason: string }[],
): Promise<ChannelDetails> {
  // A reaction points at the message it reacts to the way a reply does.
  const target =
    message.replyToExternalId ??
    (message.content.kind === "reaction" ? message.content.targetExternalId : undefined);
  const replyTo = target
    ? (await ports.db.externalMessage.get({ tenantId, channel: message.channel, externalId: target }).go())
        .data
    : undefined;
  const email =
    message.content.kind === "email"
      ? {
          subject: message.content.subject,
          from: message.content.from,
          to: message.content.to,
          cc: message.content.cc,
          messageId: message.externalId,
          references: message.threadRefs ?? [],
        }
      : undefined;
  return {
    content: message.content,
    externalId: message.externalId,
    ...(replyTo?.seq && { replyToSeq: replyTo.seq }),
    ...(message.forwarded && { forwarded: true }),
    ...(missingMedia.length > 0 && { missingMedia }),
    ...(email && { email }),
  };
}

/**
 * Copies every announced file into our store at once: WhatsApp's ids expire, and a customer's
 * photo must not depend on Meta keeping it. A file that can never come (a refused address, an
 * expired id) is recorded as missing; any other trouble is thrown, so the delivery is retried.
 */
async function fetchMedia(ports: Ports, tenantId: string, message: InboundMessage) {
  const attachments: Attachment[] = [];
  const missingMedia: { name: string; reason: string }[] = [];
  for (const [index, media] of message.media.entries()) {
    const name = media.fileName ?? defaultName(media, index);
    if (media.source.from === "stored") {
      attachments.push({
        attachmentId: newId("attachment"),
        key: media.source.key,
        name,
        contentType: media.mimeType ?? "application/octet-stream",
        size: media.source.size,
      });
      continue;
    }
    try {
      const file = await ports.channels.media.fetch(media.source, MAX_MEDIA_BYTES);
      // The key follows from the provider's id: a retried fetch overwrites, never piles up.
      const key = `tenants/${tenantId}/channels/${message.channel}/${createHash("sha256").update(`${message.externalId}#${index}`).digest("hex")}`;
      const contentType = media.mimeType ?? file.contentType;
      await ports.files.put(key, file.bytes, contentType);
      attachments.push({
        attachmentId: `att_${createHash("sha256").update(key).digest("hex").slice(0, 26).toUpperCase()}`,
        key,
        name,
        contentType,
        size: file.bytes.byteLength,
      });
    } catch (error) {
      if (!(error instanceof MediaUnavailableError)) throw error;
      missingMedia.push({ name, reason: error.reason });
    }
  }
  return { attachments, missingMedia };
}

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "audio/ogg": "ogg",
  "audio/mpeg": "mp3",
  "video/mp4": "mp4",
  "application/pdf": "pdf",
};

function defaultName(media: InboundMedia, index: number) {
  const extension = media.mimeType ? EXTENSIONS[media.mimeType.split(";")[0]!.trim()] : undefined;
  return `archivo-${index + 1}${extension ? `.${extension}` : ""}`;
}
