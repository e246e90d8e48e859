import { ConflictError } from "../errors.js";
import { createEvent } from "../event.js";
import type { Identity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import type { ConversationItem } from "./info.js";
import { loadConversation } from "./load-conversation.js";
import { postSystemMessage } from "./post-system-message.js";

/**
 * A closed case opens again from the history, with everything in it, so nobody asks again what
 * is already there. The customer's reopen puts it back in the queue; an agent's is his at once.
 * On WhatsApp and Messenger the customer's next message joins it. Reopening an open case does
 * nothing; one closed again after a reopen can be reopened again.
 */
export async function reopenConversation(ports: Ports, viewer: Identity, conversationId: string) {
  const current = await loadConversation(ports, viewer, conversationId);
  if (current.status !== "closed" || !current.closedAt) return current;
  const reopenedAt = ports.clock.now().toISOString();
  const owner =
    viewer.kind === "staff"
      ? {
          status: "assigned" as const,
          inboxKey: `agent#${viewer.staffId}`,
          assigneeId: viewer.staffId,
          assigneeName: viewer.name,
          assignedAt: reopenedAt,
        }
      : { status: "queued" as const, inboxKey: "queued" };
  const { tenantId } = viewer;
  const key = { tenantId, conversationId: current.conversationId };
  const { canceled } = await ports.db.transaction
    .write(({ conversation, channelThread }) => [
      conversation
        .patch(key)
        .set({ ...owner, reopenedAt, lastActivityAt: reopenedAt })
        .remove([
          "closedAt",
          "disposition",
          ...(viewer.kind === "customer" ? (["assigneeId", "assigneeName", "assignedAt"] as const) : []),
        ])
        .where(
          ({ status, closedAt }, { eq }) => `${eq(status, "closed")} AND ${eq(closedAt, current.closedAt!)}`,
        )
        .commit(),
      ...threadOf(current).map((thread) => channelThread.put(thread).commit()),
    ])
    .go();
  if (canceled) {
    const now = await loadConversation(ports, viewer, conversationId);
    if (now.status !== "closed") return now;
    throw new ConflictError("conversation_changed", "The conversation changed meanwhile; reload it");
  }
  const actor =
    viewer.kind === "staff"
      ? { type: "staff" as const, id: viewer.staffId }
      : { type: "customer" as const, id: viewer.customerId };
  await ports.events.publish([
    createEvent(ports.clock, "conversation.reopened", tenantId, actor, {
      conversationId: current.conversationId,
      customerId: current.customerId,
      status: owner.status,
      ...(viewer.kind === "staff" && { assigneeId: viewer.staffId, assigneeName: viewer.name }),
      reopenedAt,
    }),
  ]);
  // Said in the case itself, so whoever reads it later sees when it came back and how it had ended.
  await postSystemMessage(ports, {
    tenantId,
    conversationId: current.conversationId,
    clientMessageId: `reopen_${Date.parse(current.closedAt)}`,
    text: current.disposition
      ? `Gestión reabierta (se había cerrado como «${current.disposition}»)`
      : "Gestión reabierta",
    content: { kind: "system", event: "reopened" },
  });
  return loadConversation(ports, viewer, conversationId);
}

/** On WhatsApp and Messenger the address's thread points at the case its next message joins. */
function threadOf(conversation: ConversationItem) {
  const { tenantId, channel, channelAccountId, contactAddress, conversationId } = conversation;
  if ((channel !== "whatsapp" && channel !== "messenger") || !channelAccountId || !contactAddress) return [];
  return [{ tenantId, channel, accountId: channelAccountId, address: contactAddress, conversationId }];
}
