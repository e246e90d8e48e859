import { z } from "zod";
import { auditItem } from "../case-audit/audit-trail.js";
import { ConflictError } from "../errors.js";
import { createEvent } from "../event.js";
import { oversees, type StaffIdentity } from "../identity/index.js";
import { newId } from "../ids.js";
import type { Ports } from "../ports.js";
import { findQueue, GENERAL_QUEUE_ID, type Queue } from "../queue/index.js";
import type { ConversationItem } from "./info.js";
import { ConversationClosedError, loadConversation, TakenByOtherError } from "./load-conversation.js";
import { postSystemMessage } from "./post-system-message.js";

/** Enough for any real case; keeps the notes well inside one item's size. */
export const MAX_HANDOVERS = 20;

export const TransferInput = z.object({
  /** The department to send it to: one of the tenant's queues. */
  queueId: z.string().min(1).max(60),
  /** What the next agent needs to know that the conversation does not say. */
  note: z.string().trim().min(1).max(2000),
});
export type TransferInput = z.input<typeof TransferInput>;

export type Handover = NonNullable<ConversationItem["handovers"]>[number];

/**
 * The agent who has the case (or a supervisor) sends it to another department with a handover
 * note. One conditional write, on the case still being assigned to whom it was read with, queues
 * it in the target department, clears the assignee and keeps the note; the customer is told in
 * the case, by a message whose id derives from the handover, so a retry posts it once.
 */
export async function transferConversation(
  ports: Ports,
  staff: StaffIdentity,
  conversationId: string,
  input: TransferInput,
) {
  const { queueId, note } = TransferInput.parse(input);
  const current = await loadConversation(ports, staff, conversationId);
  const target = await findQueue(ports, staff.tenantId, queueId);

  const last = current.handovers?.at(-1);
  if (
    current.status === "queued" &&
    last?.fromStaffId === staff.staffId &&
    last.toQueueId === target.queueId &&
    last.note === note
  ) {
    await tellCustomer(ports, current, last, target);
    return { conversation: current, handover: last };
  }
  if (current.status === "closed") throw new ConversationClosedError();
  if (current.status !== "assigned" || !current.assigneeId) {
    throw new ConflictError("conversation_not_assigned", "Only a taken conversation can be transferred");
  }
  if (current.assigneeId !== staff.staffId && !oversees(staff)) throw new TakenByOtherError(current);
  if ((current.handovers?.length ?? 0) >= MAX_HANDOVERS) {
    throw new ConflictError("too_many_transfers", `A case can be transferred at most ${MAX_HANDOVERS} times`);
  }

  const handover: Handover = {
    handoverId: newId("handover"),
    note,
    fromStaffId: staff.staffId,
    fromStaffName: staff.name,
    fromQueueId: current.queueId ?? GENERAL_QUEUE_ID,
    toQueueId: target.queueId,
    at: ports.clock.now().toISOString(),
  };
  const assigneeId = current.assigneeId;
  const key = { tenantId: staff.tenantId, conversationId: current.conversationId };
  const { canceled } = await ports.db.transaction
    .write(({ conversation, caseAudit }) => [
      conversation
        .patch(key)
        .set({
          status: "queued",
          inboxKey: "queued",
          queueId: target.queueId,
          handovers: [...(current.handovers ?? []), handover],
          lastActivityAt: current.lastActivityAt,
        })
        .remove(["assigneeId", "assigneeName", "assignedAt"])
        .where(({ status, assigneeId: assignee }, { eq }) =>
          [eq(status, "assigned"), eq(assignee, assigneeId)].join(" AND "),
        )
        .commit(),
      caseAudit
        .create(
          auditItem(ports.clock, {
            ...key,
            action: "case.transferred",
            by: staff,
            detail: { fromQueueId: handover.fromQueueId, toQueueId: handover.toQueueId, note },
          }),
        )
        .commit(),
    ])
    .go();
  if (canceled)
    throw new ConflictError("conversation_changed", "The conversation changed meanwhile; reload it");

  const ref = { conversationId: current.conversationId, customerId: current.customerId };
  const actor = { type: "staff" as const, id: staff.staffId };
  await ports.events.publish([
    // Everything that follows the queue (inbox lists, the back office's Chats record) sees it go back there.
    createEvent(ports.clock, "conversation.released", staff.tenantId, actor, {
      ...ref,
      previousAssigneeId: assigneeId,
    }),
    createEvent(ports.clock, "conversation.transferred", staff.tenantId, actor, {
      ...ref,
      previousAssigneeId: assigneeId,
      fromQueueId: handover.fromQueueId,
      toQueueId: handover.toQueueId,
      handoverId: handover.handoverId,
    }),
  ]);
  await tellCustomer(ports, current, handover, target);
  const transferred = await loadConversation(ports, staff, conversationId);
  return { conversation: transferred, handover };
}

/** The customer learns where his case went and that he will not have to tell it again. */
function tellCustomer(ports: Ports, conversation: ConversationItem, handover: Handover, target: Queue) {
  return postSystemMessage(ports, {
    tenantId: conversation.tenantId,
    conversationId: conversation.conversationId,
    clientMessageId: `transfer-${handover.handoverId}`,
    text: `Tu gestión pasó a ${target.es}; no tendrás que repetir nada.`,
  });
}
