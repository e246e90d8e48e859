import { randomBytes, randomInt } from "node:crypto";
import { auditItem } from "../case-audit/index.js";
import type { OutgoingMessage } from "../channels/outbound.js";
import { loadConversation } from "../conversation/load-conversation.js";
import { AppError, ConflictError, RateLimitedError } from "../errors.js";
import type { CustomerIdentity, Identity } from "../identity/index.js";
import { newId } from "../ids.js";
import type { Ports } from "../ports.js";
import {
  type ApprovalItem,
  CODE_RESEND_SECONDS,
  formatAmount,
  getApproval,
  MAX_CODES_SENT,
  sendingAccount,
  timeOfDay,
  toApprovalInfo,
} from "./approval.js";
import { refuseUnlessPending } from "./approval-refusal.js";

/** Six digits from the operating system's random source. */
function newCode() {
  return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

function codeText(approval: ApprovalItem, code: string) {
  const amount = approval.amount ? ` (${formatAmount(approval.amount)})` : "";
  return [
    `Tu código para aprobar «${approval.description}»${amount} es ${code}.`,
    `Vale hasta las ${timeOfDay(approval.validUntil)}. No lo compartas con nadie: solo tú debes escribirlo en el chat.`,
  ].join("\n");
}

/** The code as a plain message on the channel the approval named: never through the conversation. */
function codeMessage(approval: ApprovalItem, accountId: string, code: string): OutgoingMessage {
  const text = codeText(approval, code);
  const base = { accountId, text, content: { kind: "text" as const }, files: [] };
  if (approval.channel === "whatsapp") {
    return { ...base, channel: "whatsapp", to: approval.destination.replace(/\D/g, "") };
  }
  const domain = accountId.split("@")[1] ?? "atiende.local";
  return {
    ...base,
    channel: "email",
    to: approval.destination,
    email: {
      from: accountId,
      to: [approval.destination],
      cc: [],
      subject: "Tu código de aprobación",
      messageId: `<${newId("message").toLowerCase()}@${domain}>`,
      references: [],
    },
  };
}

/**
 * The customer asks for the code of a pending approval: a new six-digit code replaces any
 * earlier one, stored only as its salted HMAC, and goes to his registered e-mail or phone.
 * At most one every 30 s and five per approval; wrong attempts are not reset by a new code.
 */
export async function sendApprovalCode(
  ports: Ports,
  customer: CustomerIdentity,
  conversationId: string,
  approvalId: string,
) {
  const conversation = await loadConversation(ports, customer, conversationId);
  const approval = await getApproval(ports, conversation, approvalId);
  await refuseUnlessPending(ports, customer, conversation, approval);
  const now = ports.clock.now();
  if (approval.codesSent >= MAX_CODES_SENT) {
    throw new ConflictError("approval_codes_exhausted", "No more codes can be sent for this approval");
  }
  if (approval.codeSentAt) {
    const wait = CODE_RESEND_SECONDS - Math.floor((now.getTime() - Date.parse(approval.codeSentAt)) / 1000);
    if (wait > 0) throw new RateLimitedError(wait);
  }
  return issueApprovalCode(ports, customer, approval);
}

/**
 * Stores a new code for a pending approval and sends it: the customer's request, or, in a
 * WhatsApp case where he has no button to press, the agent's request itself.
 */
export async function issueApprovalCode(ports: Ports, by: Identity, approval: ApprovalItem) {
  const now = ports.clock.now();
  const accountId = await sendingAccount(ports, approval.tenantId, approval.channel);
  const code = newCode();
  const salt = randomBytes(16).toString("base64url");
  const { tenantId, approvalId: id } = approval;
  const { canceled } = await ports.db.transaction
    .write(({ approval: approvals, caseAudit }) => [
      approvals
        .patch({ tenantId, conversationId: approval.conversationId, approvalId: id })
        .set({ codeSalt: salt, codeHash: ports.codes.hash(salt, code), codeSentAt: now.toISOString() })
        .add({ codesSent: 1 })
        .where(
          ({ state, codesSent, validUntil }, { eq, gt }) =>
            `${eq(state, "pending")} AND ${eq(codesSent, approval.codesSent)} AND ${gt(validUntil, now.toISOString())}`,
        )
        .commit(),
      caseAudit
        .create(
          auditItem(ports.clock, {
            tenantId,
            conversationId: approval.conversationId,
            action: "approval.code_sent",
            by,
            detail: {
              approvalId: id,
              channel: approval.channel,
              maskedDestination: approval.maskedDestination,
            },
          }),
        )
        .commit(),
    ])
    .go();
  // Another request sent a code at the same moment: that one is on its way.
  if (canceled) throw new RateLimitedError(CODE_RESEND_SECONDS);
  const sender = ports.channels.senders[approval.channel];
  if (!sender) throw new AppError("unavailable", 503, `No ${approval.channel} sender is configured`);
  try {
    await sender.send(codeMessage(approval, accountId, code));
  } catch (error) {
    throw new AppError(
      "approval_code_not_delivered",
      503,
      "The code could not be sent, try again shortly",
      undefined,
      {
        cause: error,
      },
    );
  }
  const sent = { ...approval, codeSentAt: now.toISOString(), codesSent: approval.codesSent + 1 };
  return toApprovalInfo(sent, now);
}
