import { z } from "zod";
import { isConditionFailure } from "../data/condition-failed.js";
import { createEvent } from "../event.js";
import type { Identity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { loadConversation } from "./load-conversation.js";

export const MarkReadInput = z.object({ seq: z.number().int().nonnegative() });

/**
 * The reader has seen everything up to `seq`. The unread count is cleared only if nothing
 * newer has arrived meanwhile, so a message that lands during the call stays unread.
 */
export async function markRead(
  ports: Ports,
  reader: Identity,
  conversationId: string,
  input: z.input<typeof MarkReadInput>,
) {
  const { seq } = MarkReadInput.parse(input);
  const current = await loadConversation(ports, reader, conversationId);
  const counter = reader.kind === "customer" ? "customerUnread" : "agentUnread";
  if (current[counter] === 0 || seq < current.messageSeq) return current;

  try {
    const { data } = await ports.db.conversation
      .patch({ tenantId: reader.tenantId, conversationId: current.conversationId })
      .set({ [counter]: 0 })
      .where(({ messageSeq }, { eq }) => eq(messageSeq, seq))
      .go({ response: "all_new" });
    const actor =
      reader.kind === "customer"
        ? { type: "customer" as const, id: reader.customerId }
        : { type: "staff" as const, id: reader.staffId };
    await ports.events.publish([
      createEvent(ports.clock, "conversation.read", reader.tenantId, actor, {
        conversationId: data.conversationId,
        customerId: data.customerId,
        ...(data.assigneeId && { assigneeId: data.assigneeId }),
        reader: reader.kind === "customer" ? "customer" : "agent",
        seq,
      }),
    ]);
    return data;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return loadConversation(ports, reader, conversationId);
  }
}
