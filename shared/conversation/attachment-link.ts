import { NotFoundError } from "../errors.js";
import type { Identity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { loadConversation } from "./load-conversation.js";

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
  if (!attachment) throw new NotFoundError("attachment");
  const url = await ports.files.presignDownload({ key: attachment.key, fileName: attachment.name });
  return { url, name: attachment.name, contentType: attachment.contentType, size: attachment.size };
}
