import type { CustomerIdentity, StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { appendMessage } from "./append-message.js";
import { MessageInput } from "./info.js";
import { assertCustomerMayWrite, assertMayWrite } from "./load-conversation.js";

/** The customer writes in one of his open conversations. */
export async function postCustomerMessage(
  ports: Ports,
  customer: CustomerIdentity,
  conversationId: string,
  input: MessageInput,
) {
  const { clientMessageId, text, attachments } = MessageInput.parse(input);
  return appendMessage(ports, {
    author: {
      tenantId: customer.tenantId,
      kind: "customer",
      authorId: customer.customerId,
      actor: { type: "customer", id: customer.customerId },
    },
    viewer: customer,
    conversationId,
    check: (conversation) => assertCustomerMayWrite(customer, conversation),
    clientMessageId,
    text,
    attachments,
  });
}

/** The agent who has the conversation replies in it. */
export async function postAgentMessage(
  ports: Ports,
  staff: StaffIdentity,
  conversationId: string,
  input: MessageInput,
) {
  const { clientMessageId, text, attachments } = MessageInput.parse(input);
  return appendMessage(ports, {
    author: {
      tenantId: staff.tenantId,
      kind: "agent",
      authorId: staff.staffId,
      authorName: staff.name,
      actor: { type: "staff", id: staff.staffId },
    },
    viewer: staff,
    conversationId,
    check: (conversation) => assertMayWrite(staff, conversation),
    clientMessageId,
    text,
    attachments,
  });
}
