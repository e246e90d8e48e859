import { NotFoundError } from "../errors.js";
import type { Identity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import type { MessageItem } from "./info.js";
import { loadConversation } from "./load-conversation.js";

/**
 * Whether this customer message's file answered a document request (sent on WhatsApp, say): it is
 * then a case document, which staff open through the document's link, the one that checks who is
 * on the case and writes the audit trail.
 */
async function answeredRequest(ports: Pick<Ports, "db">, message: MessageItem) {
  if (message.author !== "customer") return false;
  const { data } = await ports.db.caseDocument.query
    .byCase({ tenantId: message.tenantId, conversationId: message.conversationId })
    .go({ pages: "all" });
  return data.some((document) => document.receivedClientId === message.clientMessageId);
}

/**
 * A short-lived download link for one attachment, only for someone who may see the
 * conversation it was sent in.
 */
export async function attachmentLink(
  ports: Pick<Ports, "db" | "files">,
  viewer: Identity,
  conversationId: string,
  seq: number,
  attachmentId: string,
) {
  const conversation = await loadConversation(ports, viewer, conversationId);
  const { data: message } = await ports.db.message
    .get({ tenantId: viewer.tenantId, conversationId: conversation.conversationId, seq })
    .go();
  const attachment = message?.attachments.find((a) => a.attachmentId === attachmentId);
  if (!attachment || (viewer.kind === "staff" && (await answeredRequest(ports, message!))))
    throw new NotFoundError("attachment");
  const url = await ports.files.presignDownload({ key: attachment.key, fileName: attachment.name });
  return { url, name: attachment.name, contentType: attachment.contentType, size: attachment.size };
}
