import { auditItem } from "../case-audit/index.js";
import type { ConversationItem } from "../conversation/info.js";
import { ConflictError } from "../errors.js";
import type { Identity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { type ApprovalItem, actorOf, approvalDecided, isOverdue } from "./approval.js";

/**
 * Refuses to act on an approval that is no longer pending. One found overdue is written down as
 * expired first, conditionally, so its `approval.expired` line and event appear exactly once.
 */
export async function refuseUnlessPending(
  ports: Ports,
  by: Identity,
  conversation: ConversationItem,
  approval: ApprovalItem,
) {
  const now = ports.clock.now();
  if (isOverdue(approval, now)) {
    await recordExpiry(ports, by, conversation, approval, now);
    throw new ConflictError("approval_expired", "The time to approve this operation is over", {
      expiresAt: approval.validUntil,
    });
  }
  switch (approval.state) {
    case "pending":
      return;
    case "expired":
      throw new ConflictError("approval_expired", "The time to approve this operation is over", {
        expiresAt: approval.validUntil,
      });
    case "locked":
      throw new ConflictError("approval_locked", "Too many wrong codes: this approval is locked");
    case "cancelled":
      throw new ConflictError("approval_cancelled", "The agent cancelled this approval");
    case "approved":
      throw new ConflictError("approval_already_approved", "This operation is already approved");
  }
}

async function recordExpiry(
  ports: Ports,
  by: Identity,
  conversation: ConversationItem,
  approval: ApprovalItem,
  now: Date,
) {
  const { tenantId, conversationId, approvalId } = approval;
  const { canceled } = await ports.db.transaction
    .write(({ approval: approvals, caseAudit }) => [
      approvals
        .patch({ tenantId, conversationId, approvalId })
        .set({ state: "expired", decidedAt: now.toISOString() })
        .where(({ state }, { eq }) => eq(state, "pending"))
        .commit(),
      caseAudit
        .create(
          auditItem(ports.clock, {
            tenantId,
            conversationId,
            action: "approval.expired",
            by: "system",
            detail: { approvalId, expiresAt: approval.validUntil },
          }),
        )
        .commit(),
    ])
    .go();
  if (canceled) return;
  await ports.events.publish([
    approvalDecided(ports.clock, actorOf(by), approval, "expired", conversation.assigneeId),
  ]);
}
