import { verifyAttachments } from "../attachment/index.js";
import { AppError } from "../errors.js";
import { createEvent } from "../event.js";
import type { CustomerIdentity } from "../identity/index.js";
import { newId } from "../ids.js";
import type { Ports } from "../ports.js";
import { MessageInput, preview, toMessagePayload } from "./info.js";

/**
 * A customer opens a conversation with its first message; it waits in the tenant's queue.
 * The first message's client id makes the whole start idempotent.
 */
export async function startConversation(ports: Ports, customer: CustomerIdentity, input: MessageInput) {
  const { clientMessageId, text, attachments: claims } = MessageInput.parse(input);
  const { tenantId, customerId } = customer;
  const attachments = await verifyAttachments(ports, { tenantId, ownerId: customerId }, claims);
  const { data: profile } = await ports.db.customer.get({ tenantId, customerId }).go();

  const now = ports.clock.now().toISOString();
  const conversationId = newId("conversation");
  const subject = preview(
    text,
    attachments.map((a) => a.name),
  );
  const conversation = {
    tenantId,
    conversationId,
    customerId,
    ...(profile?.name && { customerName: profile.name }),
    channel: "web" as const,
    status: "queued" as const,
    inboxKey: "queued",
    subject,
    lastMessagePreview: subject,
    lastMessageAuthor: "customer" as const,
    messageSeq: 1,
    recentClientMessageIds: [{ clientMessageId, seq: 1 }],
    customerUnread: 0,
    agentUnread: 1,
    createdAt: now,
    lastActivityAt: now,
  };
  const message = {
    tenantId,
    conversationId,
    seq: 1,
    messageId: newId("message"),
    clientMessageId,
    customerId,
    author: "customer" as const,
    authorId: customerId,
    text,
    attachments,
    createdAt: now,
  };

  const { canceled } = await ports.db.transaction
    .write(({ clientMessage, conversation: conversations, message: messages }) => [
      clientMessage
        .create({ tenantId, authorId: customerId, clientMessageId, conversationId, seq: 1, createdAt: now })
        .commit(),
      conversations.create(conversation).commit(),
      messages.create(message).commit(),
    ])
    .go();

  if (canceled) {
    const { data: marker } = await ports.db.clientMessage
      .get({ tenantId, authorId: customerId, clientMessageId })
      .go();
    if (!marker) throw new AppError("conversation_busy", 503, "Could not start the conversation, try again");
    const { data: existing } = await ports.db.conversation
      .get({ tenantId, conversationId: marker.conversationId })
      .go();
    const { data: first } = await ports.db.message
      .get({ tenantId, conversationId: marker.conversationId, seq: marker.seq })
      .go();
    if (!existing || !first)
      throw new AppError("conversation_busy", 503, "Could not start the conversation, try again");
    return { conversation: existing, message: first, duplicate: true };
  }

  const actor = { type: "customer" as const, id: customerId };
  await ports.events.publish([
    createEvent(ports.clock, "conversation.started", tenantId, actor, {
      conversationId,
      customerId,
      channel: "web",
      subject,
    }),
    createEvent(ports.clock, "message.received", tenantId, actor, {
      conversationId,
      customerId,
      message: toMessagePayload(message),
    }),
  ]);
  return { conversation, message, duplicate: false };
}
