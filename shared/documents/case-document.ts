import type { EntityItem } from "electrodb";
import { z } from "zod";
import type { ConversationItem } from "../conversation/info.js";
import { loadConversation } from "../conversation/load-conversation.js";
import type { Db } from "../data/db.js";
import { AppError, NotFoundError } from "../errors.js";
import { type Identity, oversees } from "../identity/index.js";
import { isId } from "../ids.js";
import type { Ports } from "../ports.js";

export type DocumentItem = EntityItem<Db["caseDocument"]>;

export const DocumentState = z.enum(["requested", "received"]);

/** A document of a case as the console and the widget see it: never the object key. */
export const DocumentInfo = z.object({
  documentId: z.string(),
  title: z.string(),
  note: z.string().optional(),
  state: DocumentState,
  requestedByName: z.string(),
  requestedAt: z.string(),
  receivedAt: z.string().optional(),
  file: z.object({ name: z.string(), contentType: z.string(), size: z.number() }).optional(),
});
export type DocumentInfo = z.infer<typeof DocumentInfo>;

export function toDocumentInfo(item: DocumentItem): DocumentInfo {
  const { documentId, title, note, state, requestedByName, requestedAt, receivedAt, file } = item;
  return {
    documentId,
    title,
    ...(note && { note }),
    state,
    requestedByName,
    requestedAt,
    ...(receivedAt && { receivedAt }),
    ...(file && { file: { name: file.name, contentType: file.contentType, size: file.size } }),
  };
}

/**
 * Documents live under their case, away from the uploads of a person, so that only the
 * document routes (which check who is on the case) ever presign them. The name part is the
 * upload's random id: a retried submit writes the same object, and no key can be guessed.
 */
export function documentKey(tenantId: string, conversationId: string, attachmentId: string) {
  return `tenants/${tenantId}/cases/${conversationId}/documents/${attachmentId}`;
}

/**
 * Who is on the case for its documents: its customer, the agent who has it, supervisors and
 * admins, and the staff member who asked for that document. Other staff of the tenant may read
 * the conversation but not the files in it.
 */
export function mayHandle(viewer: Identity, conversation: ConversationItem, document?: DocumentItem) {
  if (viewer.kind === "customer") return conversation.customerId === viewer.customerId;
  return (
    oversees(viewer) ||
    conversation.assigneeId === viewer.staffId ||
    (document !== undefined && document.requestedById === viewer.staffId)
  );
}

/** The conversation, if the caller may see it; anything else answers as a document that does not exist. */
export async function loadCase(ports: Pick<Ports, "db">, viewer: Identity, conversationId: string) {
  try {
    return await loadConversation(ports, viewer, conversationId);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) throw new NotFoundError("document");
    throw error;
  }
}

/**
 * One document of a case for someone on it. Another agent's, customer's or tenant's request is
 * `document_not_found`, exactly like one that does not exist.
 */
export async function loadCaseDocument(
  ports: Pick<Ports, "db">,
  viewer: Identity,
  conversationId: string,
  documentId: string,
) {
  const conversation = await loadCase(ports, viewer, conversationId);
  const document = await getDocument(ports, conversation, documentId);
  if (!document || !mayHandle(viewer, conversation, document)) throw new NotFoundError("document");
  return { conversation, document };
}

export async function getDocument(
  ports: Pick<Ports, "db">,
  conversation: Pick<ConversationItem, "tenantId" | "conversationId">,
  documentId: string,
) {
  if (!isId("document", documentId)) return null;
  const { tenantId, conversationId } = conversation;
  const { data } = await ports.db.caseDocument.get({ tenantId, conversationId, documentId }).go();
  return data;
}
