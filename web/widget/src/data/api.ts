import type { requestUpload } from "../../../../shared/attachment/index.js";
import type { attachmentLink } from "../../../../shared/conversation/attachment-link.js";
import type { ConversationInfo, MessageInfo } from "../../../../shared/conversation/info.js";
import type { searchCustomerHistory } from "../../../../shared/conversation/search-history.js";
import type { StartCustomerSessionInput } from "../../../../shared/customer/start-customer-session.js";

export type { ConversationInfo, MessageInfo };
export type Session = { token: string; customerId: string; tenantId: string; identified: boolean };
export type AttachmentClaim = { attachmentId: string; name: string };
export type OutgoingMessage = { clientMessageId: string; text: string; attachments: AttachmentClaim[] };
export type Upload = Awaited<ReturnType<typeof requestUpload>>;
export type AttachmentLink = Awaited<ReturnType<typeof attachmentLink>>;
export type SearchResult = Awaited<ReturnType<typeof searchCustomerHistory>>[number];
export type ConversationPage = { conversation: ConversationInfo; messages: MessageInfo[] };

const BASE = "/api/customer";

/** Any failed call: the server's error code, or `network` when the request never got an answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** One call to the customer API; the portal makes its own calls through it too. */
export async function call<T>(
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, {
      method: init.method ?? "GET",
      headers,
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
  } catch (error) {
    throw new ApiError(0, "network", error instanceof Error ? error.message : "Network error");
  }
  const payload = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (
      payload as { error?: { code?: string; message?: string; details?: Record<string, unknown> } }
    )?.error;
    throw new ApiError(
      response.status,
      error?.code ?? "http_error",
      error?.message ?? response.statusText,
      error?.details,
    );
  }
  return payload as T;
}

export function getTenant(tenantId: string) {
  return call<{ tenantId: string; name: string }>(`/tenants/${encodeURIComponent(tenantId)}`);
}

export function startSession(input: StartCustomerSessionInput) {
  return call<Session>("/sessions", { method: "POST", body: input });
}

/** Everything a customer's session may call; `onUnauthorized` hears about a session the server no longer accepts. */
export function createCustomerApi(token: string, onUnauthorized: () => void) {
  const authed = async <T>(path: string, init: { method?: string; body?: unknown } = {}) => {
    try {
      return await call<T>(path, { ...init, token });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onUnauthorized();
      throw error;
    }
  };
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
