import { recordAudit } from "../case-audit/index.js";
import { ConflictError } from "../errors.js";
import type { Identity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { loadCaseDocument } from "./case-document.js";

/**
 * How long a document's link works: long enough for the browser that asked to start the
 * download at once, too short for a forwarded or leaked link to be of use; each new click asks
 * again and leaves its own line in the trail.
 */
export const DOCUMENT_LINK_SECONDS = 60;

/**
 * A short-lived download of a case's document, only for someone on the case. The trail records
 * who asked before the link exists, so no link is ever issued unrecorded.
 */
export async function documentLink(
  ports: Pick<Ports, "db" | "files" | "clock">,
  viewer: Identity,
  conversationId: string,
  documentId: string,
) {
  const { conversation, document } = await loadCaseDocument(ports, viewer, conversationId, documentId);
  const { file } = document;
  if (!file) throw new ConflictError("document_not_received", "The customer has not sent this document yet");
  await recordAudit(ports, {
    tenantId: viewer.tenantId,
    conversationId: conversation.conversationId,
    action: "document.downloaded",
    by: viewer,
    detail: { documentId, title: document.title, name: file.name },
  });
  const url = await ports.files.presignDownload({
    key: file.key,
    fileName: file.name,
    expiresInSeconds: DOCUMENT_LINK_SECONDS,
  });
  return {
    url,
    name: file.name,
    contentType: file.contentType,
    size: file.size,
    expiresInSeconds: DOCUMENT_LINK_SECONDS,
  };
}
