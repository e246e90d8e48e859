import type { Attachment } from "../attachment/index.js";
import { auditItem } from "../case-audit/index.js";
import { ValidationError } from "../errors.js";
import type { CustomerIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { type DocumentItem, documentKey, getDocument } from "./case-document.js";

/**
 * Keeps a checked file as the answer to a request: copied encrypted under the case, then the
 * request moves to received on the condition that it is still requested, with its audit line,
 * in one transaction. The copy's key comes from the upload's random id, so a retry writes the
 * same object. Returns the request as received, or null when another file answered it first
 * (whose copy is then deleted); a retry of the same answer (`clientMessageId`) is not "another".
 */
export async function receiveDocument(
  ports: Ports,
  customer: CustomerIdentity,
  document: DocumentItem,
  upload: Pick<Attachment, "attachmentId" | "key" | "name" | "contentType" | "size">,
  clientMessageId: string,
): Promise<DocumentItem | null> {
  const { tenantId } = customer;
  const { conversationId, documentId } = document;
  const bytes = await ports.files.read(upload.key);
  if (!bytes) throw new ValidationError("The attachment was not uploaded", { code: "attachment_missing" });
  const key = documentKey(tenantId, conversationId, upload.attachmentId);
  await ports.files.put(key, bytes, upload.contentType, { encrypted: true });

  const file = { key, name: upload.name, contentType: upload.contentType, size: upload.size };
  const receivedAt = ports.clock.now().toISOString();
  const { canceled } = await ports.db.transaction
    .write(({ caseDocument, caseAudit }) => [
      caseDocument
        .patch({ tenantId, conversationId, documentId })
        .set({ state: "received", file, receivedClientId: clientMessageId, receivedAt })
        .where(({ state }, { eq }) => eq(state, "requested"))
        .commit(),
      caseAudit
        .create(
          auditItem(ports.clock, {
            tenantId,
            conversationId,
            action: "document.uploaded",
            by: customer,
            detail: {
              documentId,
              title: document.title,
              name: file.name,
              contentType: file.contentType,
              size: file.size,
            },
          }),
        )
        .commit(),
    ])
    .go();
  if (!canceled)
    return { ...document, state: "received", file, receivedClientId: clientMessageId, receivedAt };
  const current = await getDocument(ports, document, documentId);
  if (current?.receivedClientId === clientMessageId) return current;
  await ports.files.remove(key);
  return null;
}
