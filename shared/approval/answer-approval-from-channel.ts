import type { InboundMessage } from "../channels/inbound.js";
import { appendMessage, type ChannelDetails } from "../conversation/append-message.js";
import { assertCustomerMayWrite, loadConversation } from "../conversation/load-conversation.js";
import { postSystemMessage } from "../conversation/post-system-message.js";
import { AppError, NotFoundError } from "../errors.js";
import type { Ports } from "../ports.js";
import { type ApprovalItem, MAX_CODE_ATTEMPTS } from "./approval.js";
import { confirmApproval } from "./confirm-approval.js";

/** What the case keeps of a message that carried a code: never the digits. */
export const MASKED_CODE = "••••••";

const CODE = /^\d{6}$/;

/** What the customer is told when his code did not approve anything. */
const REPLIES: Record<string, (details: Record<string, unknown>) => string> = {
  approval_code_wrong: ({ attemptsLeft }) =>
    attemptsLeft === 1
      ? "Código incorrecto, te queda 1 intento."
      : `Código incorrecto, te quedan ${String(attemptsLeft ?? MAX_CODE_ATTEMPTS)} intentos.`,
  approval_locked: () =>
    "Demasiados códigos incorrectos: la aprobación quedó bloqueada. Tu agente puede pedirla de nuevo.",
  approval_expired: () =>
    "El código caducó y la aprobación ya no es válida. Tu agente puede pedirla de nuevo.",
  approval_cancelled: () => "Esta solicitud de aprobación fue cancelada.",
};

type CodeMessage = {
  customerId: string;
  authorName?: string;
  /** The case the message continues, if any. */
  conversationId: string | undefined;
  clientMessageId: string;
  text: string;
  details: ChannelDetails;
};

/**
 * A WhatsApp customer answers an approval's request with his six digits ("123 456" too): in a
 * case whose latest approval had a code sent, the message is a confirmation attempt, under the
 * widget's rules. The message joins the case with its digits masked, the outcome is answered in
 * the case (the approval's own "Operación aprobada", or why not), and the accepted payload is
 * dropped. Once an approval is approved and its time is over, six digits are ordinary words.
 * Returns whether the message was such an answer; safe to run again for the same message.
 */
export async function answerApprovalFromChannel(
  ports: Ports,
  ref: { tenantId: string; channel: InboundMessage["channel"]; externalId: string },
  message: CodeMessage,
) {
  const code = message.text.replace(/\s/g, "");
  if (ref.channel !== "whatsapp" || message.details.content?.kind !== "text" || !CODE.test(code)) {
    return false;
  }
  if (!message.conversationId) return false;
  const { tenantId } = ref;
  const customer = { kind: "customer" as const, tenantId, customerId: message.customerId };
  const conversation = await loadConversation(ports, customer, message.conversationId).catch((error) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  if (!conversation || conversation.status === "closed") return false;
  const approval = await answeredApproval(ports, conversation, ports.clock.now());
  if (!approval) return false;

  const stored = await appendMessage(ports, {
    author: {
      tenantId,
      kind: "customer",
      authorId: message.customerId,
      ...(message.authorName && { authorName: message.authorName }),
      actor: { type: "customer", id: message.customerId },
    },
    viewer: customer,
    conversationId: conversation.conversationId,
    check: (current) => assertCustomerMayWrite(customer, current),
    clientMessageId: message.clientMessageId,
    text: MASKED_CODE,
    attachments: [],
    details: message.details,
  });
  try {
    await confirmApproval(
      ports,
      customer,
      conversation.conversationId,
      approval.approvalId,
      { code },
      message.clientMessageId,
    );
  } catch (error) {
    const reply = error instanceof AppError ? REPLIES[error.code] : undefined;
    if (!reply || !(error instanceof AppError)) throw error;
    await postSystemMessage(ports, {
      tenantId,
      conversationId: conversation.conversationId,
      clientMessageId: `approval-reply_${message.clientMessageId}`,
      text: reply((error.details ?? {}) as Record<string, unknown>),
    });
  }
  await ports.db.externalMessage
    .patch(ref)
    .set({ state: "stored", conversationId: conversation.conversationId, seq: stored.message.seq })
    .remove(["payload"])
    .go();
  return true;
}

/** The case's latest approval whose code went out, while six digits may still be meant for it. */
async function answeredApproval(
  ports: Pick<Ports, "db">,
  conversation: { tenantId: string; conversationId: string },
  now: Date,
): Promise<ApprovalItem | undefined> {
  const { data } = await ports.db.approval.query
    .byCase({ tenantId: conversation.tenantId, conversationId: conversation.conversationId })
    .go({ pages: "all" });
  const latest = data
    .filter((approval) => approval.codeHash)
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt))
    .at(-1);
  if (!latest) return undefined;
  if (latest.state === "approved" && now.toISOString() >= latest.validUntil) return undefined;
  return latest;
}
