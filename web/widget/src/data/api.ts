import type { requestUpload } from "../../../../shared/attachment/index.js";
import type { attachmentLink } from "../../../../shared/conversation/attachment-link.js";
import type { ConversationInfo, MessageInfo } from "../../../../shared/conversation/info.js";
import type { searchCustomerHistory } from "../../../../shared/conversation/search-history.js";
import { ApiError, authedCall } from "../../../customer/src/data/customer-api.js";

export type { ConversationInfo, MessageInfo };
export type AttachmentClaim = { attachmentId: string; name: string };
export type OutgoingMessage = { clientMessageId: string; text: string; attachments: AttachmentClaim[] };
export type Upload = Awaited<ReturnType<typeof requestUpload>>;
export type AttachmentLink = Awaited<ReturnType<typeof attachmentLink>>;
export type SearchResult = Awaited<ReturnType<typeof searchCustomerHistory>>[number];
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

    search: (q: string) => authed<{ results: SearchResult[] }>(`/search?${new URLSearchParams({ q })}`),
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
