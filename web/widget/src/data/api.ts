import type { ApprovalInfo } from "../../../../shared/approval/approval.js";
import type { requestUpload } from "../../../../shared/attachment/index.js";
import type { attachmentLink } from "../../../../shared/conversation/attachment-link.js";
import type { ConversationInfo, MessageInfo } from "../../../../shared/conversation/info.js";
import type { SearchKind, searchCustomerHistory } from "../../../../shared/conversation/search-history.js";
import type { DocumentInfo } from "../../../../shared/documents/case-document.js";
import type { SubmitDocumentInput } from "../../../../shared/documents/submit-document.js";
import { ApiError, authedCall } from "../../../customer/src/data/customer-api.js";

export type { ApprovalInfo, ConversationInfo, DocumentInfo, MessageInfo, SubmitDocumentInput };
export type AttachmentClaim = { attachmentId: string; name: string };
export type OutgoingMessage = { clientMessageId: string; text: string; attachments: AttachmentClaim[] };
export type Upload = Awaited<ReturnType<typeof requestUpload>>;
export type AttachmentLink = Awaited<ReturnType<typeof attachmentLink>>;
export type SearchResult = Awaited<ReturnType<typeof searchCustomerHistory>>[number];
export type { SearchKind };
export type SearchRequest = { q: string; kind?: SearchKind };
export type ConversationPage = { conversation: ConversationInfo; messages: MessageInfo[] };

/** Everything a customer's session may call; `onUnauthorized` hears about a session the server no longer accepts. */
export function createCustomerApi(token: string, onUnauthorized: () => void) {
  const authed = authedCall(token, onUnauthorized);
  const conversationPath = (conversationId: string) => `/conversations/${encodeURIComponent(conversationId)}`;

  return {
    listConversations: () => authed<{ conversations: ConversationInfo[] }>("/conversations"),

    startConversation: (message: OutgoingMessage) =>
      authed<{ conversation: ConversationInfo; message: MessageInfo }>("/conversations", {
        method: "POST",
        body: message,
      }),

    readConversation: (
      conversationId: string,
      page: { after?: number; before?: number; limit?: number } = {},
    ) => {
      const query = new URLSearchParams();
      for (const [name, value] of Object.entries(page))
        if (value !== undefined) query.set(name, String(value));
      const suffix = query.size ? `?${query}` : "";
      return authed<ConversationPage>(`${conversationPath(conversationId)}${suffix}`);
    },

    postMessage: (conversationId: string, message: OutgoingMessage) =>
      authed<{ message: MessageInfo }>(`${conversationPath(conversationId)}/messages`, {
        method: "POST",
        body: message,
      }),

    reopen: (conversationId: string) =>
      authed<{ conversation: ConversationInfo }>(`${conversationPath(conversationId)}/reopen`, {
        method: "POST",
      }),

    markRead: (conversationId: string, seq: number) =>
      authed<{ conversation: ConversationInfo }>(`${conversationPath(conversationId)}/read`, {
        method: "POST",
        body: { seq },
      }),

    requestUpload: (file: { name: string; contentType: string; size: number }) =>
      authed<Upload>("/uploads", { method: "POST", body: file }),

    attachmentLink: (conversationId: string, seq: number, attachmentId: string) =>
      authed<AttachmentLink>(
        `${conversationPath(conversationId)}/messages/${seq}/attachments/${encodeURIComponent(attachmentId)}`,
      ),

    // Approvals (issue 6): the card's state, its code, its confirmation.
    approvals: (conversationId: string) =>
      authed<{ approvals: ApprovalInfo[] }>(`${conversationPath(conversationId)}/approvals`),
    approvalStep: (conversationId: string, approvalId: string, step: "code" | "confirm", code?: string) =>
      authed<{ approval: ApprovalInfo }>(
        `${conversationPath(conversationId)}/approvals/${encodeURIComponent(approvalId)}/${step}`,
        { method: "POST", ...(code !== undefined && { body: { code } }) },
      ),

    // Documents of a case (issue 6): the requests, answering one, and a short-lived link.
    documents: (conversationId: string) =>
      authed<{ documents: DocumentInfo[] }>(`${conversationPath(conversationId)}/documents`),
    submitDocument: (conversationId: string, documentId: string, input: SubmitDocumentInput) =>
      authed<{ document: DocumentInfo; message: MessageInfo }>(
        `${conversationPath(conversationId)}/documents/${encodeURIComponent(documentId)}`,
        { method: "POST", body: input },
      ),
    documentLink: (conversationId: string, documentId: string) =>
      authed<{ url: string; name: string }>(
        `${conversationPath(conversationId)}/documents/${encodeURIComponent(documentId)}/link`,
      ),

    // Rating of a finalized case (issue 6)
    rate: (conversationId: string, rating: { score: number; comment?: string }) =>
      authed<{ rating: NonNullable<ConversationInfo["rating"]> }>(
        `${conversationPath(conversationId)}/rating`,
        {
          method: "POST",
          body: rating,
        },
      ),

    // The catalog's cards (issue 6): a button pressed or the form sent, as the answer to card `seq`.
    answerCard: (
      conversationId: string,
      seq: number,
      answer: { clientMessageId: string; choice?: string; fields?: { name: string; value: string }[] },
    ) =>
      authed<{ message: MessageInfo }>(`${conversationPath(conversationId)}/messages/${seq}/answer`, {
        method: "POST",
        body: answer,
      }),

    search: (request: SearchRequest) =>
      authed<{ results: SearchResult[] }>(`/search?${new URLSearchParams(request)}`),
  };
}

export type CustomerApi = ReturnType<typeof createCustomerApi>;

/** The presigned PUT goes straight to S3 with exactly the headers that were signed. */
export async function putFile(upload: Upload, file: Blob) {
  let response: Response;
  try {
    response = await fetch(upload.url, { method: "PUT", headers: upload.headers, body: file });
  } catch (error) {
    throw new ApiError(0, "network", error instanceof Error ? error.message : "Network error");
  }
  if (!response.ok)
    throw new ApiError(response.status, "upload_failed", `Upload refused with ${response.status}`);
}
