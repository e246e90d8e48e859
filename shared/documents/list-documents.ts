import type { Identity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { loadCase, mayHandle, toDocumentInfo } from "./case-document.js";

/**
 * A case's requests and documents, oldest first, as far as the caller is on the case: all of
 * them for its customer, its agent and supervisors; for another staff member only those he
 * asked for himself.
 */
export async function listDocuments(ports: Pick<Ports, "db">, viewer: Identity, conversationId: string) {
  const conversation = await loadCase(ports, viewer, conversationId);
  const { data } = await ports.db.caseDocument.query
    .byCase({ tenantId: viewer.tenantId, conversationId: conversation.conversationId })
    .go({ pages: "all" });
  return data.filter((document) => mayHandle(viewer, conversation, document)).map(toDocumentInfo);
}
