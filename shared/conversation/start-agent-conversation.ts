import { z } from "zod";
import { listChannelAccounts } from "../channels/channel-accounts.js";
import { claimCustomerKeys, customerKey } from "../customer/customer-keys.js";
import { ConflictError, NotFoundError, ValidationError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { preview } from "./info.js";
import { openChannelConversation } from "./open-channel-conversation.js";
import { AgentMessageInput, postAgentMessage } from "./post-agent-message.js";

const Phone = z
  .string()
  .trim()
  .regex(/^\+?[\d\s().-]{8,20}$/, "a phone number in international format")
  .transform((phone) => phone.replace(/\D/g, ""));

export const StartAgentConversationInput = z.discriminatedUnion("channel", [
  z.object({
    channel: z.literal("whatsapp"),
    /** The customer's WhatsApp number; his profile's phone when absent. */
    to: Phone.optional(),
    message: AgentMessageInput,
  }),
  z.object({
    channel: z.literal("email"),
    message: AgentMessageInput.refine((input) => input.email?.to && input.email.subject, {
      message: "A new e-mail needs `email.to` and `email.subject`",
      path: ["email"],
    }),
  }),
]);
export type StartAgentConversationInput = z.input<typeof StartAgentConversationInput>;

/**
 * An agent reaches a customer on another channel from the conversation he is in (seed 003):
 * a WhatsApp to the customer's phone (a template when the customer has not written in 24 h),
 * or a new e-mail with copies. The conversation is the agent's from the start, under the same
 * customer, so it shows on his one timeline. It is a case of its own beside any he has open on
 * that number: his next message joins the case an agent last wrote in, or the one whose message
 * he replies to.
 */
export async function startAgentConversation(
  ports: Ports,
  staff: StaffIdentity,
  customerId: string,
  input: StartAgentConversationInput,
) {
  const parsed = StartAgentConversationInput.parse(input);
  const { tenantId } = staff;
  const { data: customer } = await ports.db.customer.get({ tenantId, customerId }).go();
  if (!customer) throw new NotFoundError("customer");
  const accounts = await listChannelAccounts(ports, tenantId);
  const account = accounts.find((candidate) => candidate.channel === parsed.channel);
  if (!account) {
    throw new ConflictError("channel_not_configured", `The tenant has no ${parsed.channel} account`, {
      channel: parsed.channel,
    });
  }

  const address =
    parsed.channel === "whatsapp"
      ? (parsed.to ?? customer.phone?.replace(/\D/g, ""))
      : parsed.message.email?.to?.[0]?.toLowerCase();
  if (!address) {
    throw new ValidationError("The customer has no phone number: give one", { code: "address_missing" });
  }
  await claimCustomerKeys(ports, tenantId, customerId, [
    parsed.channel === "whatsapp" ? customerKey.phone(address) : customerKey.email(address),
  ]);

  const subject = parsed.message.email?.subject ?? (preview(parsed.message.text ?? "", []) || "WhatsApp");
  const conversation = await openChannelConversation(ports, {
    tenantId,
    channel: parsed.channel,
    accountId: account.accountId,
    address,
    customerId,
    ...(customer.name && { customerName: customer.name }),
    subject,
    assignee: { staffId: staff.staffId, name: staff.name },
    // Always a case of its own, beside any the customer has open: he may have two claims at once.
    threadByAddress: false,
  });
  const { message } = await postAgentMessage(ports, staff, conversation.conversationId, parsed.message);
  return { conversation, message };
}
