import { z } from "zod";
import { AttachmentClaim, verifyAttachments } from "../attachment/index.js";
import { recordAudit } from "../case-audit/index.js";
import type { MessageContent } from "../channels/inbound.js";
import { appendMessage } from "../conversation/append-message.js";
import { ClientMessageId, type ConversationItem } from "../conversation/info.js";
import { assertCustomerMayWrite } from "../conversation/load-conversation.js";
import { ConflictError, PayloadTooLargeError, UnsupportedMediaTypeError } from "../errors.js";
import type { CustomerIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { type DocumentItem, loadCaseDocument, toDocumentInfo } from "./case-document.js";
import { receiveDocument } from "./receive-document.js";

export const SubmitDocumentInput = z.object({
  clientMessageId: ClientMessageId,
  /** An upload the customer made through `/uploads`, as for a message's attachment. */
  attachment: AttachmentClaim,
});
export type SubmitDocumentInput = z.input<typeof SubmitDocumentInput>;

const alreadyReceived = () =>
  new ConflictError("document_already_received", "This document was already sent; ask the agent for another");

/**
 * The customer answers a request of his case with a file he uploaded: checked by its first
 * bytes and size, kept with the case (`receiveDocument`), and a message tells the thread. A
 * retry with the same client message id is the same submit.
 */
export async function submitDocument(
  ports: Ports,
  customer: CustomerIdentity,
  conversationId: string,
  documentId: string,
  input: SubmitDocumentInput,
) {
  const { clientMessageId, attachment } = SubmitDocumentInput.parse(input);
  const { conversation, document } = await loadCaseDocument(ports, customer, conversationId, documentId);
  if (document.state === "received") {
    if (document.receivedClientId !== clientMessageId) throw alreadyReceived();
    return announce(ports, customer, conversation, document, clientMessageId);
  }
  assertCustomerMayWrite(customer, conversation);
  const upload = await checkedUpload(ports, customer, document, attachment);
  const received = await receiveDocument(ports, customer, document, upload, clientMessageId);
  await ports.files.remove(upload.key);
  if (!received) throw alreadyReceived();
  return announce(ports, customer, conversation, received, clientMessageId);
}

/**
 * The upload, if it really is an image or PDF within the limit. A refusal is written to the
 * case's trail; the upload is already deleted then, so nothing of it stays.
 */
async function checkedUpload(
  ports: Ports,
  customer: CustomerIdentity,
  document: DocumentItem,
  attachment: AttachmentClaim,
) {
  try {
    const [upload] = await verifyAttachments(
      ports,
      { tenantId: customer.tenantId, ownerId: customer.customerId },
      [attachment],
    );
    return upload!;
  } catch (error) {
    if (error instanceof UnsupportedMediaTypeError || error instanceof PayloadTooLargeError) {
      await recordAudit(ports, {
        tenantId: customer.tenantId,
        conversationId: document.conversationId,
        action: "document.rejected",
        by: customer,
        detail: { documentId: document.documentId, name: attachment.name, reason: error.code },
      });
    }
    throw error;
  }
}

/** The customer's line in the thread saying he sent it; its client id makes a retry store it once. */
async function announce(
  ports: Ports,
  customer: CustomerIdentity,
  conversation: ConversationItem,
  document: DocumentItem,
  clientMessageId: string,
) {
  const name = document.file?.name ?? "";
  const content: Extract<MessageContent, { kind: "document_received" }> = {
    kind: "document_received",
    requestId: document.documentId,
    title: document.title,
    name,
  };
  const { message, duplicate } = await appendMessage(ports, {
    author: {
      tenantId: customer.tenantId,
      kind: "customer",
      authorId: customer.customerId,
      actor: { type: "customer", id: customer.customerId },
    },
    viewer: customer,
    conversationId: conversation.conversationId,
    check: (current) => assertCustomerMayWrite(customer, current),
    clientMessageId,
    text: `📄 ${document.title}: ${name}`,
    attachments: [],
    details: { content },
  });
  return { document: toDocumentInfo(document), message, duplicate };
}
