import type { AgentProfile, AgentProfiles } from "./agent-profiles";
import { errorFromResponse, networkError } from "./api-error";
import type { ApprovalInfo, RequestApprovalInput } from "./approvals";
import type { AutoReplySettings, SavedAutoReplies } from "./auto-replies";
import type { AuditEntry, DocumentInfo, DocumentLink, RequestDocumentInput } from "./case-documents";
import type { ActivitySlice, CaseOverview, HandleTime, Queue, TransferInput } from "./case-summary";
import type {
  CaseTeam,
  ConsultEntry,
  ConsultInfo,
  CustomerNote,
  NoteInfo,
  SimilarCase,
} from "./case-team-types";
import type { CardDraft, CatalogCard } from "./catalog";
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
import type { ContactReasonsFormat, ContactReasonsQuery, ContactReport } from "./contact-reasons";
import type {
  MoveBranch,
  SavedTree,
  ScriptTree,
  ScriptTreeVersion,
  TreeVersionDetail,
  TreeVersions,
} from "./scripts";

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
/** What staff write on a case's team side, with their own id for it so a retry stores it once. */
type TeamInput = { clientId: string; text: string };

/**
 * The console's calls to `/api/agent` and `/api/care`, with the bearer token and one refresh on
 * `token_expired`.
 */
export function createAgentApi(tokens: TokenSource) {
  async function call(
    method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
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
  const catalog = async <T>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown) =>
    (await (await call(method, `/api/admin/catalog${path}`, body)).json()) as T;
  const scripts = async <T>(method: "GET" | "POST" | "PUT", path: string, body?: unknown) =>
    (await (await call(method, `/api/admin/scripts${path}`, body)).json()) as T;
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
    reopen: (id: string) =>
      request<One>("POST", `${conversationPath(id)}/reopen`).then((r) => r.conversation),
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
    // ---- Documents of a case and its audit trail (issue 6) ----
    documents: (id: string) =>
      request<{ documents: DocumentInfo[] }>("GET", `${conversationPath(id)}/documents`).then(
        (r) => r.documents,
      ),
    requestDocument: (id: string, input: RequestDocumentInput) =>
      request<{ document: DocumentInfo }>("POST", `${conversationPath(id)}/documents/requests`, input),
    documentLink: (id: string, documentId: string) =>
      request<DocumentLink>(
        "GET",
        `${conversationPath(id)}/documents/${encodeURIComponent(documentId)}/link`,
      ),
    caseAudit: (id: string) =>
      request<{ entries: AuditEntry[] }>("GET", `${conversationPath(id)}/audit`).then((r) => r.entries),
    // ---- Approvals asked of the customer (issue 6) ----
    approvals: (id: string) =>
      request<{ approvals: ApprovalInfo[] }>("GET", `${conversationPath(id)}/approvals`).then(
        (r) => r.approvals,
      ),
    requestApproval: (id: string, input: RequestApprovalInput) =>
      request<{ approval: ApprovalInfo }>("POST", `${conversationPath(id)}/approvals`, input),
    cancelApproval: (id: string, approvalId: string) =>
      request<{ approval: ApprovalInfo }>(
        "POST",
        `${conversationPath(id)}/approvals/${encodeURIComponent(approvalId)}/cancel`,
      ),
    // ---- The team's side of a case (issue 6): private notes, consults, similar cases ----
    caseTeam: (id: string) => request<CaseTeam>("GET", `${conversationPath(id)}/notes`),
    addNote: (id: string, input: TeamInput) =>
      request<{ note: NoteInfo }>("POST", `${conversationPath(id)}/notes`, input).then((r) => r.note),
    askSupervisor: (id: string, input: TeamInput) =>
      request<ConsultEntry>("POST", `${conversationPath(id)}/consult`, input),
    answerConsult: (id: string, input: TeamInput) =>
      request<ConsultEntry>("POST", `${conversationPath(id)}/consult/answer`, input),
    resolveConsult: (id: string, input: TeamInput) =>
      request<ConsultEntry>("POST", `${conversationPath(id)}/consult/resolve`, input),
    pendingConsults: () =>
      request<{ consults: ConsultInfo[] }>("GET", "/consults?state=open").then((r) => r.consults),
    similarCases: (id: string) =>
      request<{ cases: SimilarCase[] }>("GET", `${conversationPath(id)}/similar`).then((r) => r.cases),
    customerNotes: (customerId: string) =>
      request<{ notes: CustomerNote[] }>("GET", `${customerPath(customerId)}/notes`).then((r) => r.notes),
    // ---- Transfer to another department, the case summary and handle time (issue 6) ----
    queues: () => request<{ queues: Queue[] }>("GET", "/queues").then((r) => r.queues),
    transfer: (id: string, input: TransferInput) =>
      request<One>("POST", `${conversationPath(id)}/transfer`, input).then((r) => r.conversation),
    caseOverview: (id: string) => request<CaseOverview>("GET", `${conversationPath(id)}/summary`),
    reportActivity: (id: string, slices: ActivitySlice[]) =>
      request<{ handleTime: HandleTime }>("POST", `${conversationPath(id)}/activity`, { slices }).then(
        (r) => r.handleTime,
      ),
    // ---- The admin's automatic replies (issue 6) ----
    autoReplies: async () =>
      (await (await call("GET", "/api/admin/auto-replies")).json()) as SavedAutoReplies,
    saveAutoReplies: async (input: { settings: AutoReplySettings; revision: number }) =>
      (await (await call("PUT", "/api/admin/auto-replies", input)).json()) as SavedAutoReplies,
    // ---- The admin's departments, and the supervisors' handle-time export (issue 6) ----
    adminQueues: async () =>
      ((await (await call("GET", "/api/admin/queues")).json()) as { queues: Queue[] }).queues,
    saveQueues: async (queues: Queue[]) =>
      ((await (await call("PUT", "/api/admin/queues", { queues })).json()) as { queues: Queue[] }).queues,
    /** Active time per case and agent, or per agent, between two days (both included), as the server's CSV file. */
    handleTimeExport: async (range: { from: string; to: string; by: "case" | "agent" }) =>
      (await call("GET", `/api/agent/handle-time/export${query(range)}`)).blob(),
    // ---- The agent's guided contact (issue 7): typed per call in data/guided-contact.ts ----
    guided: <T>(contactId: string, path = "", body?: unknown) =>
      request<T>(
        body === undefined ? "GET" : "POST",
        `/guided/${encodeURIComponent(contactId)}${path}`,
        body,
      ),
    // ---- Reports on why customers call (issue 7): supervisors and admins ----
    contactReasons: (q: ContactReasonsQuery) => request<ContactReport>("GET", `/reports/contacts${query(q)}`),
    contactReasonsFile: async (q: ContactReasonsQuery, format: ContactReasonsFormat) =>
      (await call("GET", `/api/agent/reports/contacts.${format}${query(q)}`)).blob(),
    // ---- The catalog of interactive material (issue 6): agents search and send, admins curate ----
    searchCards: (q: string, topic?: string) =>
      request<{ cards: CatalogCard[] }>("GET", `/catalog${query({ q, topic })}`).then((r) => r.cards),
    sendCard: (id: string, input: { cardId: string; clientMessageId: string }) =>
      request<{ message: MessageInfo }>("POST", `${conversationPath(id)}/cards`, input).then(
        (r) => r.message,
      ),
    adminCards: () => catalog<{ cards: CatalogCard[] }>("GET", "").then((r) => r.cards),
    createCard: (input: CardDraft & { clientRequestId: string }) =>
      catalog<{ card: CatalogCard }>("POST", "", input).then((r) => r.card),
    updateCard: (cardId: string, input: CardDraft & { revision: number }) =>
      catalog<{ card: CatalogCard }>("PUT", `/${encodeURIComponent(cardId)}`, input).then((r) => r.card),
    archiveCard: (cardId: string) =>
      catalog<{ card: CatalogCard }>("DELETE", `/${encodeURIComponent(cardId)}`).then((r) => r.card),
    requestCardUpload: (file: { name: string; contentType: string; size: number }) =>
      catalog<Upload>("POST", "/uploads", file),
    // ---- Kardex profiles: the tipos each agent attends (issue 7) ----
    agentProfiles: async () =>
      (await (await call("GET", "/api/admin/agent-profiles")).json()) as AgentProfiles,
    saveAgentProfile: async (staffId: string, tipos: string[]) =>
      (await (
        await call("PUT", `/api/admin/agent-profiles/${encodeURIComponent(staffId)}`, { tipos })
      ).json()) as AgentProfile,
    // ---- The guided scripts' tree (issue 7): admins edit a draft and publish versions ----
    scriptTrees: () => scripts<TreeVersions>("GET", ""),
    scriptTree: (version: number) => scripts<TreeVersionDetail>("GET", `/${version}`),
    saveScriptTree: (input: { tree: ScriptTree; revision: number }) =>
      scripts<SavedTree>("PUT", "/draft", input),
    moveScriptBranch: (input: { move: MoveBranch; revision: number }) =>
      scripts<SavedTree>("POST", "/draft/move", input),
    importScriptTree: (input: { file: string; revision: number }) =>
      scripts<SavedTree>("POST", "/import", input),
    publishScriptTree: (version: number, revision: number) =>
      scripts<ScriptTreeVersion>("POST", `/${version}/publish`, { revision }),
    exportScriptTree: async (version: number) =>
      (await call("GET", `/api/admin/scripts/${version}/export`)).blob(),
  };
}

export type AgentApi = ReturnType<typeof createAgentApi>;
