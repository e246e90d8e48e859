import { z } from "zod";
import { auditItem } from "../case-audit/index.js";
import { ApprovalRequestContent } from "../channels/inbound.js";
import { ClientMessageId, type ConversationItem } from "../conversation/info.js";
import { assertMayWrite, loadConversation } from "../conversation/load-conversation.js";
import { postRequestCard } from "../conversation/post-agent-message.js";
import { ConflictError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import { newId } from "../ids.js";
import type { Ports } from "../ports.js";
import {
  Amount,
  type ApprovalItem,
  approvalDetail,
  CodeChannel,
  formatAmount,
  maskDestination,
  Operation,
  sendingAccount,
  timeOfDay,
  toApprovalInfo,
  whatHashOf,
} from "./approval.js";
import { issueApprovalCode } from "./send-approval-code.js";

export const RequestApprovalInput = z.object({
  clientMessageId: ClientMessageId,
  operation: Operation,
  description: z.string().trim().min(1).max(500),
  amount: Amount.optional(),
  /** Where the code goes; by default the registered e-mail, else the registered phone. */
  channel: CodeChannel.optional(),
  validForMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
});
export type RequestApprovalInput = z.input<typeof RequestApprovalInput>;

type ApprovalCard = z.infer<typeof ApprovalRequestContent>;

const OPERATION_NAMES = {
  refund: "Devolución",
  insurance: "Contratación de seguro",
  payment: "Activación de pago",
  other: "Operación",
} as const;

/**
 * What the customer reads where the card cannot be drawn (WhatsApp, Messenger, previews). On
 * WhatsApp the code is sent with the request and he answers with it.
 */
function requestText(card: ApprovalCard, minutes: number, channel: ConversationItem["channel"]) {
  const amount = card.amount ? ` · ${formatAmount(card.amount)}` : "";
  return [
    `✅ Solicitud de aprobación — ${OPERATION_NAMES[card.operation]}: ${card.description}${amount}`,
    channel === "whatsapp"
      ? `Responde a este mensaje con el código de 6 dígitos que te enviamos a ${card.maskedDestination}; válido hasta las ${timeOfDay(card.expiresAt)}.`
      : `Te enviaremos un código de un solo uso a ${card.maskedDestination} para confirmarla; caduca en ${minutes} min.`,
  ].join("\n");
}

/**
 * Where the customer's code can go: his registered e-mail or phone, and our account that sends
 * there. A customer with neither cannot approve anything.
 */
export async function codeRoute(
  ports: Pick<Ports, "db">,
  conversation: ConversationItem,
  wanted?: CodeChannel,
) {
  const { data: customer } = await ports.db.customer
    .get({ tenantId: conversation.tenantId, customerId: conversation.customerId })
    .go();
  const destinations = { email: customer?.email, whatsapp: customer?.phone };
  const channel = wanted ?? (destinations.email ? "email" : "whatsapp");
  const destination = destinations[channel];
  if (!destination) {
    throw new ConflictError(
      "no_verified_contact",
      "The customer has no registered e-mail or phone to send a code to",
      {
        channel,
      },
    );
  }
  return { channel, destination, accountId: await sendingAccount(ports, conversation.tenantId, channel) };
}

/**
 * The agent on a case asks its customer to approve an operation. The card goes into the
 * conversation first and carries the approval's id, so a retry with the same client message id
 * finds the card and completes that approval; the approval and its audit line are then stored in
 * one transaction.
 */
export async function requestApproval(
  ports: Ports,
  staff: StaffIdentity,
  conversationId: string,
  input: RequestApprovalInput,
) {
  const parsed = RequestApprovalInput.parse(input);
  const conversation = await loadConversation(ports, staff, conversationId);
  assertMayWrite(staff, conversation);
  if (conversation.channel === "email") {
    throw new ConflictError(
      "approval_channel_unsupported",
      "Ask for approvals in a chat or WhatsApp conversation",
    );
  }
  const route = await codeRoute(ports, conversation, parsed.channel);
  const expiresAt = new Date(ports.clock.now().getTime() + parsed.validForMinutes * 60_000).toISOString();
  const card: ApprovalCard = {
    kind: "approval_request",
    approvalId: newId("approval"),
    operation: parsed.operation,
    description: parsed.description,
    ...(parsed.amount && { amount: parsed.amount }),
    expiresAt,
    channel: route.channel,
    maskedDestination: maskDestination(route.channel, route.destination),
  };
  const { message, card: stored } = await postRequestCard(
    ports,
    staff,
    conversationId,
    ApprovalRequestContent,
    {
      clientMessageId: parsed.clientMessageId,
      text: requestText(card, parsed.validForMinutes, conversation.channel),
      card,
    },
  );
  const approval: ApprovalItem = {
    tenantId: staff.tenantId,
    conversationId: conversation.conversationId,
    approvalId: stored.approvalId,
    customerId: conversation.customerId,
    operation: stored.operation,
    description: stored.description,
    ...(stored.amount && { amount: stored.amount }),
    whatHash: whatHashOf(stored),
    channel: stored.channel,
    destination: route.destination,
    maskedDestination: stored.maskedDestination,
    state: "pending",
    validUntil: stored.expiresAt,
    attempts: 0,
    codesSent: 0,
    requestedById: staff.staffId,
    requestedByName: staff.name,
    requestedAt: message.createdAt,
    requestSeq: message.seq,
  };
  const { canceled } = await ports.db.transaction
    .write(({ approval: approvals, caseAudit }) => [
      approvals.create(approval).commit(),
      caseAudit
        .create(
          auditItem(ports.clock, {
            tenantId: staff.tenantId,
            conversationId: conversation.conversationId,
            action: "approval.requested",
            by: staff,
            detail: {
              ...approvalDetail(approval),
              channel: approval.channel,
              maskedDestination: approval.maskedDestination,
              expiresAt: approval.validUntil,
            },
          }),
        )
        .commit(),
    ])
    .go();
  const result = canceled
    ? (
        await ports.db.approval
          .get({
            tenantId: staff.tenantId,
            conversationId: conversation.conversationId,
            approvalId: approval.approvalId,
          })
          .go({ consistent: true })
      ).data
    : approval;
  if (!result)
    throw new ConflictError("approval_request_failed", "The approval could not be stored, try again");
  // On WhatsApp the customer has no button to ask for the code: it goes with the request. A
  // retry of a request whose code did not go out sends it then.
  if (conversation.channel === "whatsapp" && result.state === "pending" && !result.codeSentAt) {
    return { approval: await issueApprovalCode(ports, staff, result), duplicate: canceled };
  }
  return { approval: toApprovalInfo(result, ports.clock.now()), duplicate: canceled };
}
