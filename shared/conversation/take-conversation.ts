import { isConditionFailure } from "../data/condition-failed.js";
import { createEvent } from "../event.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { assertAttends } from "../scripts/agent-profiles.js";
import {
  AttendedByBotError,
  ConversationClosedError,
  loadConversation,
  TakenByOtherError,
} from "./load-conversation.js";

/**
 * The agent takes a queued conversation, or a web chat the chatbot ended leaving the customer's
 * data (seed 002: he answers by those means); never one the bot still attends. The write is
 * conditional on the conversation still being as it was, so when many agents click at once
 * exactly one wins; the others learn who. Taking one's own conversation again is a no-op. An
 * agent whose Kardex profile lacks the conversation's tipo is refused (`outside_profile`).
 */
export async function takeConversation(ports: Ports, staff: StaffIdentity, conversationId: string) {
  const current = await loadConversation(ports, staff, conversationId);
  if (current.status === "assigned" && current.assigneeId === staff.staffId) return current;
  if (current.status === "closed") throw new ConversationClosedError();
  if (current.status === "bot" && current.bot?.outcome !== "end") throw new AttendedByBotError();
  if (current.status === "assigned") throw new TakenByOtherError(current);
  if (current.tipo) await assertAttends(ports, staff, current.tipo);

  const now = ports.clock.now().toISOString();
  try {
    const { data } = await ports.db.conversation
      .patch({ tenantId: staff.tenantId, conversationId: current.conversationId })
      .set({
        status: "assigned",
        assigneeId: staff.staffId,
        assigneeName: staff.name,
        inboxKey: `agent#${staff.staffId}`,
        lastActivityAt: current.lastActivityAt,
        assignedAt: now,
      })
      .where(({ status }, { eq }) => eq(status, current.status))
      .go({ response: "all_new" });
    await ports.events.publish([
      createEvent(
        ports.clock,
        "conversation.assigned",
        staff.tenantId,
        { type: "staff", id: staff.staffId },
        {
          conversationId: data.conversationId,
          customerId: data.customerId,
          assigneeId: staff.staffId,
          assigneeName: staff.name,
        },
      ),
    ]);
    return data;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const winner = await loadConversation(ports, staff, conversationId);
    if (winner.assigneeId === staff.staffId) return winner;
    if (winner.status === "closed") throw new ConversationClosedError();
    throw new TakenByOtherError(winner);
  }
}
