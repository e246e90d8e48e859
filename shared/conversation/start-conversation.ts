import { verifyAttachments } from "../attachment/index.js";
import { currentBotFlow } from "../chatbot/bot-flows.js";
import { botMessages, lastMessageOf, statusAfter, turnEvents } from "../chatbot/bot-turn.js";
import { startBot } from "../chatbot/engine.js";
import { AppError } from "../errors.js";
import { createEvent } from "../event.js";
import type { CustomerIdentity } from "../identity/index.js";
import { newId } from "../ids.js";
import type { Ports } from "../ports.js";
import { MessageInput, preview, toMessagePayload } from "./info.js";

/**
 * A customer opens a conversation with its first message; it waits in the tenant's queue, or,
 * when the tenant has published a chatbot flow, the bot attends it first and its opening is
 * stored with the message. The first message's client id makes the whole start idempotent.
 */
export async function startConversation(ports: Ports, customer: CustomerIdentity, input: MessageInput) {
  const { clientMessageId, text, attachments: claims } = MessageInput.parse(input);
  const { tenantId, customerId } = customer;
  const attachments = await verifyAttachments(ports, { tenantId, ownerId: customerId }, claims);
  const [{ data: profile }, bot] = await Promise.all([
    ports.db.customer.get({ tenantId, customerId }).go(),
    currentBotFlow(ports, tenantId),
  ]);

  const now = ports.clock.now().toISOString();
  const conversationId = newId("conversation");
  const subject = preview(
    text,
    attachments.map((a) => a.name),
  );
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
  const ref = { tenantId, conversationId, customerId };
  const opening = bot && startBot(bot.flow, bot.version);
  // The opening answers the first message: a redelivery of it must not make the bot say it again.
  const botState = opening && { ...opening.nextState, answeredSeq: 1 };
  const botReplies = opening ? botMessages(ports, ref, bot.flow, opening, message, 2) : [];
  const conversation = {
    ...ref,
    ...(profile?.name && { customerName: profile.name }),
    channel: "web" as const,
    ...(opening ? statusAfter(opening) : { status: "queued" as const, inboxKey: "queued" }),
    subject,
    lastMessagePreview: subject,
    lastMessageAuthor: "customer" as const,
    ...(botReplies.length > 0 && lastMessageOf(botReplies)),
    messageSeq: 1 + botReplies.length,
    recentClientMessageIds: [
      { clientMessageId, seq: 1 },
      ...botReplies.map((reply) => ({ clientMessageId: reply.clientMessageId, seq: reply.seq })),
    ],
    customerUnread: botReplies.length,
    agentUnread: 1,
    ...(botState && { bot: botState }),
    createdAt: now,
    lastActivityAt: now,
  };

  const { canceled } = await ports.db.transaction
    .write(({ clientMessage, conversation: conversations, message: messages }) => [
      clientMessage
        .create({ tenantId, authorId: customerId, clientMessageId, conversationId, seq: 1, createdAt: now })
        .commit(),
      conversations.create(conversation).commit(),
      messages.create(message).commit(),
      ...botReplies.map((reply) => messages.create(reply).commit()),
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
    botState
      ? createEvent(ports.clock, "chatbot.started", tenantId, actor, {
          conversationId,
          customerId,
          channel: "web",
          subject,
          flowVersion: botState.flowVersion,
        })
      : createEvent(ports.clock, "conversation.started", tenantId, actor, {
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
    ...(botState ? turnEvents(ports, conversation, botState, botReplies) : []),
  ]);
  return { conversation, message, duplicate: false };
}
