import type { ExternalChannel } from "../channels/inbound.js";
import { createEvent } from "../event.js";
import { newId } from "../ids.js";
import type { Ports } from "../ports.js";
import type { ConversationItem } from "./info.js";

export type ChannelConversationRequest = {
  tenantId: string;
  channel: ExternalChannel;
  accountId: string;
  /** The customer's address on the channel: where replies go. */
  address: string;
  customerId: string;
  customerName?: string;
  subject: string;
  /** An agent who starts the conversation himself has it from the first message. */
  assignee?: { staffId: string; name: string };
  /**
   * Join the conversation open with the address, if any. Not for e-mail, which threads by its
   * headers, nor for an agent's outreach, which is a case of its own beside any open one.
   */
  threadByAddress: boolean;
};

const MAX_ATTEMPTS = 5;

/**
 * The open conversation with this address on this channel, or a new one. The thread item is
 * claimed in the same transaction that creates the conversation, on the condition that it
 * still points where it did, so two first messages at once open one conversation.
 */
export async function openChannelConversation(
  ports: Pick<Ports, "db" | "events" | "clock">,
  request: ChannelConversationRequest,
): Promise<ConversationItem> {
  const { tenantId, channel, accountId, address } = request;
  const threadKey = { tenantId, channel, accountId, address };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { data: thread } = await ports.db.channelThread.get(threadKey).go();
    const { data: current } = thread
      ? await ports.db.conversation.get({ tenantId, conversationId: thread.conversationId }).go()
      : { data: undefined };
    if (current && current.status !== "closed" && request.threadByAddress) return current;
    const conversation = newConversation(ports, request, current?.lastCustomerMessageAt);
    const { canceled } = await ports.db.transaction
      .write(({ channelThread, conversation: conversations }) => [
        thread
          ? channelThread
              .patch(threadKey)
              .set({ conversationId: conversation.conversationId })
              .where(({ conversationId }, { eq }) => eq(conversationId, thread.conversationId))
              .commit()
          : channelThread.create({ ...threadKey, conversationId: conversation.conversationId }).commit(),
        conversations.create(conversation).commit(),
      ])
      .go();
    if (canceled) continue;
    await announce(ports, request, conversation);
    return conversation;
  }
  throw new Error(`Could not open a ${channel} conversation for ${address}`);
}

/**
 * `customerWroteAt` is when the customer last wrote from the address in its previous case: the
 * channel's reply window is the number's, not the case's, so an agent's new case beside an open
 * one starts inside the window the customer opened there.
 */
function newConversation(
  ports: Pick<Ports, "clock">,
  request: ChannelConversationRequest,
  customerWroteAt: string | undefined,
): ConversationItem {
  const now = ports.clock.now().toISOString();
  const { assignee } = request;
  return {
    tenantId: request.tenantId,
    conversationId: newId("conversation"),
    customerId: request.customerId,
    ...(request.customerName && { customerName: request.customerName }),
    channel: request.channel,
    channelAccountId: request.accountId,
    contactAddress: request.address,
    ...(request.channel === "email" && { emailSubject: request.subject }),
    ...(assignee
      ? {
          status: "assigned" as const,
          inboxKey: `agent#${assignee.staffId}`,
          assigneeId: assignee.staffId,
          assigneeName: assignee.name,
          assignedAt: now,
        }
      : { status: "queued" as const, inboxKey: "queued" }),
    // Opened by the customer's message: his reply window is open from this moment, even to an
    // agent who takes the conversation before the message itself is in.
    ...(assignee
      ? customerWroteAt && { lastCustomerMessageAt: customerWroteAt }
      : { lastCustomerMessageAt: now }),
    subject: request.subject,
    lastMessagePreview: request.subject,
    lastMessageAuthor: assignee ? "agent" : "customer",
    messageSeq: 0,
    recentClientMessageIds: [],
    customerUnread: 0,
    agentUnread: 0,
    createdAt: now,
    lastActivityAt: now,
  };
}

async function announce(
  ports: Pick<Ports, "events" | "clock">,
  request: ChannelConversationRequest,
  conversation: ConversationItem,
) {
  const { tenantId, customerId, assignee } = request;
  const ref = { conversationId: conversation.conversationId, customerId };
  const actor = assignee
    ? { type: "staff" as const, id: assignee.staffId }
    : { type: "customer" as const, id: customerId };
  await ports.events.publish([
    createEvent(ports.clock, "conversation.started", tenantId, actor, {
      ...ref,
      channel: request.channel,
      subject: conversation.subject,
    }),
    ...(assignee
      ? [
          createEvent(ports.clock, "conversation.assigned", tenantId, actor, {
            ...ref,
            assigneeId: assignee.staffId,
            assigneeName: assignee.name,
          }),
        ]
      : []),
  ]);
}
