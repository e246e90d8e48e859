import { auditItem } from "../case-audit/index.js";
import { assertMayWrite, loadConversation } from "../conversation/load-conversation.js";
import { ConflictError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { actorOf, approvalDecided, approvalDetail, getApproval, toApprovalInfo } from "./approval.js";
import { refuseUnlessPending } from "./approval-refusal.js";

/**
 * The agent on the case withdraws a pending approval: the customer's code no longer works.
 * Conditional on it still being pending, so a cancel racing the customer's confirmation has one
 * winner; cancelling again answers with the cancelled approval.
 */
export async function cancelApproval(
  ports: Ports,
  staff: StaffIdentity,
  conversationId: string,
  approvalId: string,
) {
  const conversation = await loadConversation(ports, staff, conversationId);
  assertMayWrite(staff, conversation);
  const approval = await getApproval(ports, conversation, approvalId);
  if (approval.state === "cancelled") return toApprovalInfo(approval, ports.clock.now());
  await refuseUnlessPending(ports, staff, conversation, approval);
  const now = ports.clock.now().toISOString();
  const { tenantId } = approval;
  const { canceled } = await ports.db.transaction
    .write(({ approval: approvals, caseAudit }) => [
      approvals
        .patch({ tenantId, conversationId: approval.conversationId, approvalId })
        .set({ state: "cancelled", decidedAt: now, decidedBy: staff.name })
        .where(({ state }, { eq }) => eq(state, "pending"))
        .commit(),
      caseAudit
        .create(
          auditItem(ports.clock, {
            tenantId,
            conversationId: approval.conversationId,
            action: "approval.cancelled",
            by: staff,
            detail: approvalDetail(approval),
          }),
        )
        .commit(),
    ])
    .go();
  if (canceled) {
    const current = await getApproval(ports, conversation, approvalId);
    if (current.state === "cancelled") return toApprovalInfo(current, ports.clock.now());
    throw new ConflictError("approval_already_decided", "The approval was decided meanwhile", {
      state: current.state,
    });
  }
  const cancelled = { ...approval, state: "cancelled" as const, decidedAt: now, decidedBy: staff.name };
  await ports.events.publish([
    approvalDecided(ports.clock, actorOf(staff), cancelled, "cancelled", conversation.assigneeId),
  ]);
  return toApprovalInfo(cancelled, ports.clock.now());
}
