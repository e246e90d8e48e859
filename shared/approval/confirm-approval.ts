import { z } from "zod";
import { auditItem } from "../case-audit/index.js";
import { appendMessage } from "../conversation/append-message.js";
import type { ConversationItem } from "../conversation/info.js";
import { loadConversation } from "../conversation/load-conversation.js";
import { AppError, ConflictError } from "../errors.js";
import type { CustomerIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import {
  type ApprovalItem,
  actorOf,
  approvalDecided,
  approvalDetail,
  formatAmount,
  getApproval,
  MAX_CODE_ATTEMPTS,
  toApprovalInfo,
} from "./approval.js";
import { refuseUnlessPending } from "./approval-refusal.js";

export const ConfirmApprovalInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "the six digits of the code"),
});
export type ConfirmApprovalInput = z.input<typeof ConfirmApprovalInput>;

function wrongCode(attemptsLeft: number) {
  return new AppError("approval_code_wrong", 400, "That code is not right", { attemptsLeft });
}

/** Concurrent confirmations of one approval settle within a few rounds. */
const MAX_ROUNDS = 5;

/** The trail's lines for a wrong code; the attempt that locks the approval writes the lock too. */
function failureLines(ports: Ports, customer: CustomerIdentity, approval: ApprovalItem, attempts: number) {
  const base = { tenantId: approval.tenantId, conversationId: approval.conversationId, by: customer };
  const detail = { approvalId: approval.approvalId, attempts };
  return [
    auditItem(ports.clock, { ...base, action: "approval.code_failed", detail }),
    ...(attempts >= MAX_CODE_ATTEMPTS
      ? [auditItem(ports.clock, { ...base, action: "approval.locked", detail })]
      : []),
  ];
}

/**
 * The customer enters his code. Each write is conditional on the approval as read (still
 * pending, same attempts, same code, in time), so two confirmations at once count once. A wrong
 * code costs an attempt and the third locks the approval; the right one approves it, writes
 * exactly what was approved to the trail and says so in the conversation. Confirming an approved
 * approval again answers with it and writes nothing. `attemptId` names a channel message that
 * carried the code: the same message delivered again answers as the first time, at no cost.
 */
export async function confirmApproval(
  ports: Ports,
  customer: CustomerIdentity,
  conversationId: string,
  approvalId: string,
  input: ConfirmApprovalInput,
  attemptId?: string,
) {
  const { code } = ConfirmApprovalInput.parse(input);
  const conversation = await loadConversation(ports, customer, conversationId);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const approval = await getApproval(ports, conversation, approvalId);
    if (approval.state === "approved") return announced(ports, conversation, approval);
    await refuseUnlessPending(ports, customer, conversation, approval);
    if (!approval.codeHash) throw new ConflictError("approval_code_not_sent", "Ask for the code first");
    const key = { tenantId: approval.tenantId, conversationId: approval.conversationId, approvalId };
    const now = ports.clock.now().toISOString();
    if (attemptId && approval.lastAttemptId === attemptId) {
      throw wrongCode(MAX_CODE_ATTEMPTS - approval.attempts);
    }

    if (!ports.codes.matches(approval.codeSalt ?? "", code, approval.codeHash)) {
      const attempts = approval.attempts + 1;
      const locks = attempts >= MAX_CODE_ATTEMPTS;
      const { canceled } = await ports.db.transaction
        .write(({ approval: approvals, caseAudit }) => [
          approvals
            .patch(key)
            .set({
              attempts,
              ...(attemptId && { lastAttemptId: attemptId }),
              ...(locks && { state: "locked" as const, decidedAt: now }),
            })
            // The code as read too: a wrong guess at an older code says nothing of a new one.
            .where(
              ({ state, attempts: stored, codeHash }, { eq }) =>
                `${eq(state, "pending")} AND ${eq(stored, approval.attempts)} AND ${eq(codeHash, approval.codeHash)}`,
            )
            .commit(),
          ...failureLines(ports, customer, approval, attempts).map((line) => caseAudit.create(line).commit()),
        ])
        .go();
      if (canceled) continue;
      if (locks) {
        await ports.events.publish([
          approvalDecided(ports.clock, actorOf(customer), approval, "locked", conversation.assigneeId),
        ]);
        throw new ConflictError("approval_locked", "Too many wrong codes: this approval is locked");
      }
      throw wrongCode(MAX_CODE_ATTEMPTS - attempts);
    }

    const { canceled } = await ports.db.transaction
      .write(({ approval: approvals, caseAudit }) => [
        approvals
          .patch(key)
          .set({ state: "approved", decidedAt: now, decidedBy: customer.customerId })
          .where(
            ({ state, attempts, codeHash, validUntil }, { eq, gt }) =>
              `${eq(state, "pending")} AND ${eq(attempts, approval.attempts)} AND ${eq(codeHash, approval.codeHash)} AND ${gt(validUntil, now)}`,
          )
          .commit(),
        caseAudit
          .create(
            auditItem(ports.clock, {
              tenantId: approval.tenantId,
              conversationId: approval.conversationId,
              action: "approval.approved",
              by: customer,
              detail: { ...approvalDetail(approval), approvedAt: now, approvedBy: customer.customerId },
            }),
          )
          .commit(),
      ])
      .go();
    if (canceled) continue;
    const approved: ApprovalItem = {
      ...approval,
      state: "approved",
      decidedAt: now,
      decidedBy: customer.customerId,
    };
    await ports.events.publish([
      approvalDecided(ports.clock, actorOf(customer), approved, "approved", conversation.assigneeId),
    ]);
    return announced(ports, conversation, approved);
  }
  throw new AppError("approval_busy", 503, "The approval is busy, try again");
}

/**
 * Says in the conversation that the operation was approved, once: the system message's client
 * id derives from the approval, and the approval remembers the message once it is in.
 */
async function announced(ports: Ports, conversation: ConversationItem, approval: ApprovalItem) {
  if (approval.decisionSeq === undefined && conversation.status !== "closed") {
    const amount = approval.amount ? ` · ${formatAmount(approval.amount)}` : "";
    const { message } = await appendMessage(ports, {
      author: {
        tenantId: approval.tenantId,
        kind: "system",
        authorId: "approvals",
        actor: { type: "system", id: "approvals" },
      },
      viewer: { kind: "customer", tenantId: approval.tenantId, customerId: approval.customerId },
      conversationId: approval.conversationId,
      check: () => {},
      clientMessageId: `approved_${approval.approvalId}`,
      text: `Operación aprobada: ${approval.description}${amount}`,
      attachments: [],
    });
    await ports.db.approval
      .patch({
        tenantId: approval.tenantId,
        conversationId: approval.conversationId,
        approvalId: approval.approvalId,
      })
      .set({ decisionSeq: message.seq })
      .go();
    return toApprovalInfo({ ...approval, decisionSeq: message.seq }, ports.clock.now());
  }
  return toApprovalInfo(approval, ports.clock.now());
}
