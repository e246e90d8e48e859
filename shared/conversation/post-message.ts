import { verifyAttachments } from "../attachment/index.js";
import type { CustomerIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { appendMessage } from "./append-message.js";
import { MessageInput } from "./info.js";
import { assertCustomerMayWrite } from "./load-conversation.js";

/** The customer writes in one of his open conversations. */
export async function postCustomerMessage(
  ports: Ports,
  customer: CustomerIdentity,
  conversationId: string,
  input: MessageInput,
) {
  const { clientMessageId, text, attachments: claims } = MessageInput.parse(input);
  const attachments = await verifyAttachments(
    ports,
    { tenantId: customer.tenantId, ownerId: customer.customerId },
    claims,
  );
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
