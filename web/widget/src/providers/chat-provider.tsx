import {
  batch,
  createContext,
  createEffect,
  createMemo,
  createSignal,
  type JSX,
  onCleanup,
  useContext,
} from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import type { ConversationEvent, PushedEvent } from "../../../../events/catalog.js";
import { ApiError } from "../../../customer/src/data/customer-api.js";
import { type ConversationInfo, type MessageInfo, putFile, type SearchRequest } from "../data/api.js";
import {
  applyEvent,
  isAhead,
  mergeConversations,
  messageOf,
  previewOf,
  upsertConversation,
  withMessage,
} from "../data/conversation-summary.js";
import { uploadName } from "../data/file-check.js";
import { connectLive, type LiveStatus, liveUrl } from "../data/live-socket.js";
import {
  addOutgoing,
  applyMessage,
  EMPTY_THREAD,
  forgetUploads,
  lastSeq,
  markUploaded,
  mergePage,
  type Outgoing,
  type OutgoingFile,
  removeOutgoing,
  type Thread,
  updateOutgoing,
} from "../data/message-store.js";
import { sendDocument } from "../data/send-document.js";
import { useFrame } from "./frame-provider.js";
import { useI18n } from "./i18n-provider.js";
import type { ReadySession } from "./session-provider.js";

/** Where messages for a conversation that does not exist yet wait. */
export const NEW_CONVERSATION = "new";

const PAGE_SIZE = 50;
const CATCH_UP_PAGE = 200;

/** Refusals after which an uploaded file may be gone (the server deletes what fails its checks): upload again. */
const REUPLOAD_AFTER = new Set([400, 413, 415]);
const mustReupload = (error: unknown) => error instanceof ApiError && REUPLOAD_AFTER.has(error.status);

function createChat(ready: ReadySession) {
  const { api, session } = ready;
  const frame = useFrame();
  const { t } = useI18n();

  // A store reconciled by id, so a refreshed list updates rows in place instead of rebuilding
  // them (a rebuilt row would lose the keyboard focus and any click under way).
  const [store, setStore] = createStore<{ conversations: ConversationInfo[] }>({ conversations: [] });
  const conversations = () => store.conversations;
  const setConversations = (change: (list: readonly ConversationInfo[]) => readonly ConversationInfo[]) =>
    setStore("conversations", reconcile([...change(store.conversations)], { key: "conversationId" }));
  const [listStatus, setListStatus] = createSignal<"loading" | "ready" | "error">("loading");
  const [threads, setThreads] = createSignal<Record<string, Thread>>({});
  const [live, setLive] = createSignal<LiveStatus>("connecting");
  const [announcement, setAnnouncement] = createSignal("");
  const [viewing, setViewing] = createSignal<string>();
  const [approvalStates, setApprovalStates] = createSignal<Record<string, string>>({});

  const conversation = (id: string) => conversations().find((item) => item.conversationId === id);
  const thread = (id: string): Thread | undefined => threads()[id];
  const setThread = (id: string, change: (current: Thread) => Thread) =>
    setThreads((all) => ({ ...all, [id]: change(all[id] ?? EMPTY_THREAD) }));
  const patchConversation = (id: string, change: (current: ConversationInfo) => ConversationInfo) =>
    setConversations((list) => list.map((item) => (item.conversationId === id ? change(item) : item)));
  /** A row from the server replaces ours unless ours is ahead of it (`isAhead`). */
  const acceptConversation = (fresh: ConversationInfo) =>
    setConversations((list) => {
      const held = list.find((item) => item.conversationId === fresh.conversationId);
      return held && isAhead(held, fresh) ? list : upsertConversation(list, fresh);
    });

  /** Clearing first makes a screen reader announce a text even when it repeats the last one. */
  function announce(text: string) {
    setAnnouncement("");
    queueMicrotask(() => setAnnouncement(text));
  }

  async function refreshConversations() {
    try {
      const { conversations: list } = await api.listConversations();
      setConversations((held) => mergeConversations(held, list));
      setListStatus("ready");
    } catch {
      if (listStatus() === "loading") setListStatus("error");
    }
  }

  const catchingUp = new Map<string, Promise<void>>();
  /** Fetches everything after the last message held; one fetch per conversation at a time. */
  function catchUp(id: string): Promise<void> {
    const running = catchingUp.get(id);
    if (running) return running;
    const work = (async () => {
      for (;;) {
        const page = await api.readConversation(id, {
          after: lastSeq(thread(id) ?? EMPTY_THREAD),
          limit: CATCH_UP_PAGE,
        });
        batch(() => {
          acceptConversation(page.conversation);
          setThread(id, (current) => mergePage(current, page.messages));
        });
        if (page.messages.length < CATCH_UP_PAGE) return;
      }
    })().finally(() => catchingUp.delete(id));
    catchingUp.set(id, work);
    return work;
  }

  const loaded = (id: string) => (thread(id)?.messages.length ?? 0) > 0;

  /** Loads the latest page the first time, and what arrived since on later visits. */
  async function openConversation(id: string) {
    if (loaded(id)) return catchUp(id);
    const page = await api.readConversation(id);
    batch(() => {
      acceptConversation(page.conversation);
      setThread(id, (current) => mergePage(current, page.messages));
    });
  }

  async function loadEarlier(id: string, limit = PAGE_SIZE) {
    const first = thread(id)?.messages[0]?.seq;
    if (!first || first <= 1) return;
    const page = await api.readConversation(id, { before: first, limit });
    setThread(id, (current) => mergePage(current, page.messages));
  }

  /** Makes sure an old message (a search result) is loaded, keeping the held range without holes. */
  async function reveal(id: string, seq: number) {
    while ((thread(id)?.messages[0]?.seq ?? 1) > seq) await loadEarlier(id, CATCH_UP_PAGE);
  }

  /** One confirmed message, from the live socket or as the answer to our own post. */
  function receive(id: string, message: MessageInfo) {
    if (conversation(id)) patchConversation(id, (current) => withMessage(current, message));
    else void refreshConversations();
    const held = thread(id);
    if (!held) return;
    const { thread: next, outcome } = applyMessage(held, message);
    if (outcome === "gap") void catchUp(id).catch(() => undefined);
    else setThread(id, () => next);
  }

  function onEvent(event: ConversationEvent) {
    // An approval asked in one of his conversations was decided (issue 6): its card follows.
    const pushed = event as ConversationEvent | PushedEvent<"approval.decided">;
    if (pushed.name === "approval.decided") {
      setApprovalStates((known) => ({ ...known, [pushed.data.approvalId]: pushed.data.state }));
      return;
    }
    const id = event.data.conversationId;
    const held = conversation(id);
    // A copy: the store's row is updated in place, and the announcements compare with before.
    const before = held && { ...held };
    if (event.name === "message.received" || event.name === "message.sent") {
      const message = messageOf(event);
      receive(id, message);
      if (message.author === "agent" && (!before || message.seq > before.messageSeq)) {
        announce(t("announceReply", { name: message.authorName ?? t("agent"), text: previewOf(message) }));
      }
      return;
    }
    if (!before) {
      void refreshConversations();
      return;
    }
    patchConversation(id, (current) => applyEvent(current, event));
    if (event.name === "conversation.assigned" && before.assigneeName !== event.data.assigneeName) {
      announce(t("announceAssigned", { name: event.data.assigneeName }));
    }
    if (event.name === "conversation.closed" && before.status !== "closed") {
      announce(t("announceClosed", { subject: before.subject }));
    }
  }

  function outgoingOf(key: string, clientMessageId: string) {
    return thread(key)?.outgoing.find((item) => item.clientMessageId === clientMessageId);
  }

  async function uploadAll(key: string, item: Outgoing) {
    const claims = [];
    for (const [index, file] of item.files.entries()) {
      let attachmentId = file.attachmentId;
      if (!attachmentId) {
        const { name, contentType, size } = file;
        const upload = await api.requestUpload({ name, contentType, size });
        await putFile(upload, file.file);
        attachmentId = upload.attachmentId;
        setThread(key, (current) => markUploaded(current, item.clientMessageId, index, upload.attachmentId));
      }
      claims.push({ attachmentId, name: file.name });
    }
    return claims;
  }

  /**
   * Sends (or sends again) one outgoing message with its `clientMessageId`, so a retry after a
   * lost answer cannot store it twice. Resolves to the conversation it ended up in, if it did.
   */
  async function deliver(key: string, clientMessageId: string): Promise<string | undefined> {
    const item = outgoingOf(key, clientMessageId);
    if (!item) return undefined;
    setThread(key, (current) =>
      updateOutgoing(current, clientMessageId, { state: "sending", error: undefined }),
    );
    try {
      const attachments = await uploadAll(key, item);
      const body = { clientMessageId, text: item.text, attachments };
      if (key === NEW_CONVERSATION) {
        const started = await api.startConversation(body);
        const id = started.conversation.conversationId;
        batch(() => {
          acceptConversation(started.conversation);
          setThread(id, (current) => mergePage(current, [started.message]));
          setThread(NEW_CONVERSATION, (current) => removeOutgoing(current, clientMessageId));
        });
        return id;
      }
      const { message } = await api.postMessage(key, body);
      receive(key, message);
      return key;
    } catch (error) {
      const code = error instanceof ApiError ? error.code : "network";
      batch(() => {
        setThread(key, (current) => {
          const failed = updateOutgoing(current, clientMessageId, { state: "failed", error: code });
          return mustReupload(error) ? forgetUploads(failed, clientMessageId) : failed;
        });
        if (code === "conversation_closed")
          patchConversation(key, (current) => ({ ...current, status: "closed" }));
      });
      if (code === "conversation_closed") void refreshConversations();
      return undefined;
    }
  }

  function sendFiles(key: string, text: string, files: readonly OutgoingFile[]) {
    const item: Outgoing = {
      clientMessageId: crypto.randomUUID(),
      text,
      files,
      createdAt: new Date().toISOString(),
      state: "sending",
    };
    setThread(key, (current) => addOutgoing(current, item));
    return deliver(key, item.clientMessageId);
  }

  function send(key: string, text: string, files: readonly File[]) {
    const picked = files.map((file) => ({
      file,
      name: uploadName(file.name),
      contentType: file.type,
      size: file.size,
    }));
    return sendFiles(key, text, picked);
  }

  /**
   * A message refused by a closed conversation starts a new one instead. It is a new message
   * there, with a new id; files already uploaded are claimed again rather than sent twice.
   */
  function sendInNewConversation(fromId: string, clientMessageId: string) {
    const item = outgoingOf(fromId, clientMessageId);
    if (!item) return Promise.resolve(undefined);
    setThread(fromId, (current) => removeOutgoing(current, clientMessageId));
    return sendFiles(NEW_CONVERSATION, item.text, item.files);
  }

  const markedUpTo = new Map<string, number>();
  createEffect(() => {
    const id = viewing();
    if (!id || !frame.visible()) return;
    const current = conversation(id);
    if (!current || current.unread === 0 || markedUpTo.get(id) === current.messageSeq) return;
    const seq = current.messageSeq;
    markedUpTo.set(id, seq);
    api.markRead(id, seq).then(
      ({ conversation: fresh }) => acceptConversation(fresh),
      () => markedUpTo.delete(id),
    );
  });

  const totalUnread = createMemo(() => conversations().reduce((sum, item) => sum + item.unread, 0));
  createEffect(() => frame.reportUnread(totalUnread()));

  void refreshConversations();
  const connection = connectLive({
    url: liveUrl(location.origin, session.token),
    resumePoints: () =>
      Object.entries(threads())
        .filter(([id, held]) => id !== NEW_CONVERSATION && held.messages.length > 0)
        .map(([conversationId, held]) => ({ conversationId, afterSeq: lastSeq(held) })),
    onEvent,
    // Rows may have changed while the socket was down (closed, assigned): the list says how they are now.
    onResumed: () => void refreshConversations(),
    onStatus: setLive,
  });
  onCleanup(() => connection.close());

  return {
    tenantName: ready.tenantName,
    conversations,
    listStatus,
    conversation,
    thread,
    loaded,
    live,
    announcement,
    totalUnread,
    setViewing,
    refreshConversations,
    openConversation,
    loadEarlier: (id: string) => loadEarlier(id),
    reveal,
    send,
    retry: deliver,
    discard: (key: string, clientMessageId: string) =>
      setThread(key, (current) => removeOutgoing(current, clientMessageId)),
    sendInNewConversation,
    /** Opens a closed case again, with everything in it: the row shows it open at once. */
    reopen: async (id: string) => {
      const { conversation: reopened } = await api.reopen(id);
      patchConversation(id, () => reopened);
    },
    attachmentLink: api.attachmentLink,
    approvals: api.approvals,
    approvalState: (approvalId: string) => approvalStates()[approvalId],
    approvalStep: api.approvalStep,
    // Documents of a case (issue 6)
    documents: api.documents,
    sendDocument: (conversationId: string, documentId: string, file: File) =>
      sendDocument(api, conversationId, documentId, file),
    documentLink: api.documentLink,
    /** Rates a finalized case (issue 6): its row shows the rating at once. */
    rate: async (id: string, input: { score: number; comment?: string }) => {
      const { rating } = await api.rate(id, input);
      patchConversation(id, (current) => ({ ...current, rating }));
    },
    search: async (request: SearchRequest) => (await api.search(request)).results,
    answerCard: api.answerCard,
  };
}

export type Chat = ReturnType<typeof createChat>;
const ChatContext = createContext<Chat>();

export function ChatProvider(props: { ready: ReadySession; children: JSX.Element }) {
  return <ChatContext.Provider value={createChat(props.ready)}>{props.children}</ChatContext.Provider>;
}

export function useChat() {
  const context = useContext(ChatContext);
  if (!context) throw new Error("useChat must be used inside <ChatProvider>");
  return context;
}
