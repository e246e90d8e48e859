import { errorFromResponse, networkError } from "./api-error";
import type {
  AgentMessageInput,
  AttachmentLink,
  CareQuery,
  CareRecordInfo,
  ConversationInfo,
  CustomerProfile,
  GenerateServiceInput,
  InboxView,
  Me,
  MessageInfo,
  SearchHit,
  ServiceDecision,
  StartAgentConversationInput,
  UpdateCustomerInput,
  Upload,
} from "./console-types";

/** How the API client reaches the session: the current token, one refresh, and giving up. */
export type TokenSource = {
  idToken(): string | undefined;
  /** Gets a fresh ID token; false when the session cannot be renewed. */
  refresh(): Promise<boolean>;
  expired(): void;
};

type Page = { conversation: ConversationInfo; messages: MessageInfo[] };
type OneRecord = { record: CareRecordInfo };
/** A page of a back-office tab; `nextCursor` is there when more follow. */
export type CarePage = { records: CareRecordInfo[]; nextCursor?: string };
const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
type One = { conversation: ConversationInfo };
/** A page of an inbox view; `nextCursor` is there when more follow. */
export type InboxPage = { conversations: ConversationInfo[]; nextCursor?: string };
export type PageQuery = { after?: number; before?: number; limit?: number };

/**
 * The console's calls to `/api/agent` and `/api/care`, with the bearer token and one refresh on
 * `token_expired`.
 */
export function createAgentApi(tokens: TokenSource) {
  async function call(
    method: "GET" | "POST" | "PATCH",
    url: string,
    body?: unknown,
    retried = false,
  ): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${tokens.idToken() ?? ""}`,
          ...(body !== undefined && { "content-type": "application/json" }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch {
      throw networkError();
    }
    if (response.ok) return response;
    const error = await errorFromResponse(response);
    if (error.status === 401) {
      if (!retried && error.code === "token_expired" && (await tokens.refresh())) {
        return call(method, url, body, true);
      }
      tokens.expired();
    }
    throw error;
  }
  const request = async <T>(method: "GET" | "POST" | "PATCH", path: string, body?: unknown) =>
    (await (await call(method, `/api/agent${path}`, body)).json()) as T;
  const care = async <T>(method: "GET" | "POST", path: string, body?: unknown) =>
    (await (await call(method, `/api/care${path}`, body)).json()) as T;
  const recordPath = (id: string) => `/records/${encodeURIComponent(id)}`;

  const conversationPath = (id: string) => `/conversations/${encodeURIComponent(id)}`;
  const customerPath = (id: string) => `/customers/${encodeURIComponent(id)}`;
  const query = (params: Record<string, string | number | undefined>) => {
    const entries = Object.entries(params).filter(([, value]) => value !== undefined);
    return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : "";
  };

  return {
    me: () => request<Me>("GET", "/me"),
    inbox: (view: InboxView, page: { after?: string; limit?: number } = {}) =>
      request<InboxPage>("GET", `/inbox${query({ view, ...page })}`),
    conversation: (id: string, page: PageQuery = {}) =>
      request<Page>("GET", `${conversationPath(id)}${query(page)}`),
    take: (id: string) => request<One>("POST", `${conversationPath(id)}/take`).then((r) => r.conversation),
    release: (id: string) =>
      request<One>("POST", `${conversationPath(id)}/release`).then((r) => r.conversation),
    finalize: (id: string, disposition: string) =>
      request<One>("POST", `${conversationPath(id)}/finalize`, { disposition }).then((r) => r.conversation),
    send: (id: string, message: AgentMessageInput) =>
      request<{ message: MessageInfo }>("POST", `${conversationPath(id)}/messages`, message).then(
        (r) => r.message,
      ),
    markRead: (id: string, seq: number) =>
      request<One>("POST", `${conversationPath(id)}/read`, { seq }).then((r) => r.conversation),
    customerConversations: (customerId: string) =>
      request<{ conversations: ConversationInfo[] }>("GET", `${customerPath(customerId)}/conversations`).then(
        (r) => r.conversations,
      ),
    /** Writes to the customer on another channel, in a new conversation of the agent's own. */
    startConversation: (customerId: string, input: StartAgentConversationInput) =>
      request<{ conversation: ConversationInfo; message: MessageInfo }>(
        "POST",
        `${customerPath(customerId)}/conversations`,
        input,
      ),
    customer: (customerId: string) =>
      request<{ customer: CustomerProfile }>("GET", customerPath(customerId)).then((r) => r.customer),
    updateCustomer: (customerId: string, changes: UpdateCustomerInput) =>
      request<{ customer: CustomerProfile }>("PATCH", customerPath(customerId), changes).then(
        (r) => r.customer,
      ),
    search: (customerId: string, q: string) =>
      request<{ results: SearchHit[] }>(
        "GET",
        `${customerPath(customerId)}/search?${new URLSearchParams({ q })}`,
      ).then((r) => r.results),
    requestUpload: (file: { name: string; contentType: string; size: number }) =>
      request<Upload>("POST", "/uploads", file),
    careRecords: (filters: CareQuery) => care<CarePage>("GET", `/records${query(filters)}`),
    closeRecord: (id: string) => care<OneRecord>("POST", `${recordPath(id)}/close`).then((r) => r.record),
    generateService: (id: string, input: GenerateServiceInput) =>
      care<OneRecord>("POST", `${recordPath(id)}/service`, input).then((r) => r.record),
    decideService: (id: string, decision: ServiceDecision) =>
      care<OneRecord>("POST", `/services/${encodeURIComponent(id)}/${decision}`).then((r) => r.record),
    /** The filtered tab as the server writes it: tab-separated text to copy, or a PDF to print. */
    exportRecords: async (filters: CareQuery, format: "tsv" | "pdf", lang: string) =>
      (
        await call("GET", `/api/care/records/export${query({ ...filters, format, lang, tz: timeZone() })}`)
      ).blob(),
    attachmentLink: (conversationId: string, seq: number, attachmentId: string) =>
      request<AttachmentLink>(
        "GET",
        `${conversationPath(conversationId)}/messages/${seq}/attachments/${encodeURIComponent(attachmentId)}`,
      ),
  };
}

export type AgentApi = ReturnType<typeof createAgentApi>;
