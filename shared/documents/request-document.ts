import { z } from "zod";
import { auditItem } from "../case-audit/index.js";
import { DocumentRequestContent, type MessageContent } from "../channels/inbound.js";
import { ClientMessageId } from "../conversation/info.js";
import { loadConversation } from "../conversation/load-conversation.js";
import { postRequestCard } from "../conversation/post-agent-message.js";
import { ConflictError, ValidationError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import { newId } from "../ids.js";
import type { Ports } from "../ports.js";
import { type DocumentItem, getDocument, toDocumentInfo } from "./case-document.js";

export const RequestDocumentInput = z.object({
  clientMessageId: ClientMessageId,
  title: z.string().trim().min(1).max(100),
  note: z.string().trim().max(500).optional(),
});
export type RequestDocumentInput = z.input<typeof RequestDocumentInput>;

/** What the customer reads on a channel that cannot draw the card (WhatsApp, Messenger). */
function requestText(title: string, note: string | undefined) {
  return [`📄 ${title}`, note, "Responde con una foto o un PDF."].filter(Boolean).join("\n");
}

/**
 * The agent on a case asks its customer for a document: a request card in the conversation,
 * then the request itself with its audit line in one transaction. The card goes first and
 * carries the request's id, so a retry with the same client message id finds the card and
 * completes that request instead of asking twice.
 */
export async function requestDocument(
  ports: Ports,
  staff: StaffIdentity,
  conversationId: string,
  input: RequestDocumentInput,
) {
  const { clientMessageId, title, note } = RequestDocumentInput.parse(input);
  const conversation = await loadConversation(ports, staff, conversationId);
  if (conversation.channel === "email") {
    throw new ValidationError("Ask for documents in a chat, WhatsApp or Messenger conversation", {
      code: "content_not_supported",
    });
  }
  const card: Extract<MessageContent, { kind: "document_request" }> = {
    kind: "document_request",
    requestId: newId("document"),
    title,
    ...(note && { note }),
  };
  const { message, card: stored } = await postRequestCard(
    ports,
    staff,
    conversationId,
    DocumentRequestContent,
    {
      clientMessageId,
      text: requestText(title, note),
      card,
    },
  );
  const request: DocumentItem = {
    tenantId: staff.tenantId,
    conversationId: conversation.conversationId,
    documentId: stored.requestId,
    title: stored.title,
    ...(stored.note && { note: stored.note }),
    state: "requested",
    requestedById: staff.staffId,
    requestedByName: staff.name,
    requestedAt: message.createdAt,
  };
  const { canceled } = await ports.db.transaction
    .write(({ caseDocument, caseAudit }) => [
      caseDocument.create(request).commit(),
      caseAudit
        .create(
          auditItem(ports.clock, {
            tenantId: staff.tenantId,
            conversationId: conversation.conversationId,
            action: "document.requested",
            by: staff,
            detail: { documentId: request.documentId, title: request.title },
          }),
        )
        .commit(),
    ])
    .go();
  const document = canceled ? await getDocument(ports, conversation, request.documentId) : request;
  if (!document)
    throw new ConflictError("document_request_failed", "The request could not be stored, try again");
  return { document: toDocumentInfo(document), seq: message.seq, duplicate: canceled };
}
