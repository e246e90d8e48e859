import type { AuditEntry } from "../../../../shared/case-audit/index.js";
import type { DocumentInfo } from "../../../../shared/documents/case-document.js";
import type { RequestDocumentInput } from "../../../../shared/documents/request-document.js";
import type { MessageInfo } from "./console-types";

export type { AuditEntry, DocumentInfo, RequestDocumentInput };
export type DocumentLink = { url: string; name: string; contentType: string; size: number };

/**
 * How many of the thread's messages are about documents: when it changes (a request sent, the
 * customer's file arrived) the case's documents and trail are read again.
 */
export const documentActivity = (messages: readonly MessageInfo[]) =>
  messages.filter((m) => m.content?.kind === "document_request" || m.content?.kind === "document_received")
    .length;

/** Starts the download of a link storage serves as an attachment, without leaving the console. */
export function openLink(url: string) {
  const link = document.createElement("a");
  link.href = url;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  link.click();
}
