import { isConditionFailure } from "../data/condition-failed.js";
import { ConflictError } from "../errors.js";
import { createEvent } from "../event.js";
import { oversees, type StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { loadConversation, TakenByOtherError } from "./load-conversation.js";

/** The agent gives the conversation back to the queue for someone else (a supervisor may do it for him). */
export async function releaseConversation(ports: Ports, staff: StaffIdentity, conversationId: string) {
  const current = await loadConversation(ports, staff, conversationId);
  if (current.status === "queued") return current;
  if (current.status !== "assigned" || !current.assigneeId) {
    throw new ConflictError("conversation_not_assigned", "Only a taken conversation can be released");
  }
  if (current.assigneeId !== staff.staffId && !oversees(staff)) throw new TakenByOtherError(current);

  try {
    const { data } = await ports.db.conversation
      .patch({ tenantId: staff.tenantId, conversationId: current.conversationId })
      .set({ status: "queued", inboxKey: "queued", lastActivityAt: current.lastActivityAt })
      .remove(["assigneeId", "assigneeName", "assignedAt"])
      .where(
        ({ status, assigneeId }, { eq }) =>
          `${eq(status, "assigned")} AND ${eq(assigneeId, current.assigneeId!)}`,
      )
      .go({ response: "all_new" });
    await ports.events.publish([
      createEvent(
        ports.clock,
        "conversation.released",
        staff.tenantId,
        { type: "staff", id: staff.staffId },
        {
          conversationId: data.conversationId,
          customerId: data.customerId,
          previousAssigneeId: current.assigneeId,
        },
      ),
    ]);
    return data;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    throw new ConflictError("conversation_changed", "The conversation changed meanwhile; reload it");
  }
}
