import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  Match,
  onCleanup,
  Show,
  Switch,
} from "solid-js";
import { ApiError } from "../data/api-error";
import { downloadAttachment, MAX_ATTACHMENTS_PER_MESSAGE, uploadFile } from "../data/attachments";
import type { ConversationInfo, DomainEvent, InboxView, Me, MessageInfo } from "../data/console-types";
import { createConversationStore } from "../data/conversation-store";
import { createCustomerHistory } from "../data/customer-history";
import { describeError } from "../data/describe-error";
import { createDraft, type Draft } from "../data/draft-store";
import { createInboxStore } from "../data/inbox-store";
import { type ConnectionState, connectLive } from "../data/live-socket";
import { hasOlder, lastSeq } from "../data/message-log";
import { useI18n } from "../providers/i18n-provider";
import { useNotices } from "../providers/notices-provider";
import { useSession } from "../providers/session-provider";
import { Composer } from "../ui/composer";
import { ConsoleHeader } from "../ui/console-header";
import { ConversationPane, type Permissions } from "../ui/conversation-pane";
import { CustomerPanel } from "../ui/customer-panel";
import { FinalizeDialog } from "../ui/finalize-dialog";
import { InboxPanel } from "../ui/inbox-panel";
import { NoticesRegion } from "../ui/notices-region";

/** Waiting times in the inbox move on this often. */
const CLOCK_TICK_MS = 30_000;
const NO_PERMISSIONS: Permissions = { take: false, release: false, finalize: false, write: false };

/** The open conversation lives in the address (`#cnv_…`), so a reload or a shared link opens it again. */
const idFromHash = () => /^#(cnv_[0-9A-Z]{26})$/.exec(location.hash)?.[1];

/** Signed in: who we are and the tenant's settings first, then the workspace. */
export function ConsolePage() {
  const { t } = useI18n();
  const session = useSession();
  const [me, { refetch }] = createResource(() => session.api.me());
  return (
    <Switch fallback={<p class="page-message">{t("console.loading")}</p>}>
      <Match when={me.error as unknown}>
        {(error) => (
          <main class="page-message">
            <p role="alert">{describeError(error(), t)}</p>
            <button type="button" onClick={() => void refetch()}>
              {t("console.retry")}
            </button>{" "}
            <button type="button" onClick={() => session.signOut()}>
              {t("header.signOut")}
            </button>
          </main>
        )}
      </Match>
      <Match when={me()}>{(loaded) => <Workspace me={loaded()} />}</Match>
    </Switch>
  );
}

function Workspace(props: { me: Me }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const notices = useNotices();
  const { api } = session;
  const { staff, tenant } = props.me;
  const oversees = staff.role !== "agent";
  const report = (error: unknown) => notices.notify(() => describeError(error, t));

  const inbox = createInboxStore(api, { staffId: staff.staffId }, report);
  const open = createConversationStore(api, report);
  const customer = createCustomerHistory(api, () => open.conversation()?.customerId, report);
  const [view, setView] = createSignal<InboxView>("queue");
  const [connection, setConnection] = createSignal<ConnectionState>("connecting");
  const [returnTo, setReturnTo] = createSignal<string>();
  const [focusSeq, setFocusSeq] = createSignal<number>();
  const [busy, setBusy] = createSignal(false);
  const [finalizing, setFinalizing] = createSignal(false);
  const [finalizeProblem, setFinalizeProblem] = createSignal<string | null>(null);
  const [now, setNow] = createSignal(Date.now());
  const [visible, setVisible] = createSignal(document.visibilityState === "visible");

  const clock = setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
  const onVisibility = () => setVisible(document.visibilityState === "visible");
  document.addEventListener("visibilitychange", onVisibility);
  onCleanup(() => {
    clearInterval(clock);
    document.removeEventListener("visibilitychange", onVisibility);
  });

  const dispositionLabel = (code: string) =>
    tenant.dispositions.find((d) => d.code === code)?.[lang()] ?? code;
  const openId = createMemo(() => open.conversation()?.conversationId);

  let shownId: string | undefined;
  async function show(id: string | undefined, options: { returnTo?: string; seq?: number } = {}) {
    setReturnTo(options.returnTo);
    setFocusSeq(undefined);
    setFinalizing(false);
    if (id && location.hash !== `#${id}`) history.pushState(null, "", `#${id}`);
    if (id !== shownId) {
      // What went wrong belonged to the conversation being left.
      notices.clear();
      shownId = id;
      if (id) await open.open(id);
      else open.close();
    }
    if (id && options.seq !== undefined) {
      await open.loadThrough(options.seq);
      setFocusSeq(options.seq);
    }
  }
  const onPopState = () => void show(idFromHash());
  window.addEventListener("popstate", onPopState);
  onCleanup(() => window.removeEventListener("popstate", onPopState));

  inbox.refresh();
  void show(idFromHash());

  // Staying on a view means watching it: the closed list is fetched the first time it is shown.
  createEffect(() => inbox.watch(view()));

  let reconnecting = false;
  const socket = connectLive({
    token: session.idToken,
    onState: setConnection,
    onEvent(event: DomainEvent) {
      inbox.apply(event);
      open.apply(event);
      // A conversation of this customer began, changed hands or closed: his history shows its new state.
      const changesHistory = event.name.startsWith("conversation.") && event.name !== "conversation.read";
      if (changesHistory && event.data.customerId === open.conversation()?.customerId) customer.refetch();
    },
    onOpen() {
      // The first connection follows the first fetch; after a drop, whatever changed meanwhile is fetched again.
      if (reconnecting) {
        inbox.refresh();
        void open.refresh();
      }
      reconnecting = true;
      const id = openId();
      return id ? [{ conversationId: id, afterSeq: lastSeq(open.messages()) }] : [];
    },
  });
  onCleanup(() => socket.close());

  const permissions = createMemo((): Permissions => {
    const c = open.conversation();
    if (!c || returnTo()) return NO_PERMISSIONS;
    const handles = c.status === "assigned" && (c.assigneeId === staff.staffId || oversees);
    return {
      take: c.status === "queued",
      release: handles,
      finalize: handles || (c.status === "queued" && oversees),
      write: handles,
    };
  });

  // Reading a conversation one handles clears its unread count, once everything up to the last message is loaded.
  let markedRead = "";
  createEffect(() => {
    const c = open.conversation();
    if (
      !c ||
      returnTo() ||
      !visible() ||
      c.unread === 0 ||
      c.status !== "assigned" ||
      c.assigneeId !== staff.staffId
    ) {
      return;
    }
    if (lastSeq(open.messages()) < c.messageSeq) return;
    const key = `${c.conversationId}:${c.messageSeq}`;
    if (key === markedRead) return;
    markedRead = key;
    void open
      .act((id) => api.markRead(id, c.messageSeq))
      .then((latest) => latest && inbox.place(latest))
      .catch(report);
  });

  // The button just pressed goes away with the state it acted on; focus moves to what comes next, not to <body>.
  const moveFocus = (id: "composer-text" | "conversation-heading") =>
    requestAnimationFrame(() =>
      (document.getElementById(id) ?? document.getElementById("conversation-heading"))?.focus(),
    );

  async function act(
    run: (id: string) => Promise<ConversationInfo>,
    after: (latest: ConversationInfo) => void,
  ) {
    setBusy(true);
    try {
      const latest = await open.act(run);
      if (latest) {
        inbox.place(latest);
        after(latest);
      }
    } catch (error) {
      report(error);
      void open.refresh();
    } finally {
      setBusy(false);
    }
  }

  async function finalize(code: string) {
    setBusy(true);
    setFinalizeProblem(null);
    try {
      const latest = await open.act((id) => api.finalize(id, code));
      if (latest) inbox.place(latest);
      setFinalizing(false);
      moveFocus("conversation-heading");
      customer.refetch();
    } catch (error) {
      if (error instanceof ApiError && error.code === "conversation_changed") {
        // The agent decides again with the new message in front of him.
        await open.refresh();
        setFinalizeProblem(t("finalize.changed", { preview: open.conversation()?.lastMessagePreview ?? "" }));
      } else {
        setFinalizeProblem(describeError(error, t));
      }
    } finally {
      setBusy(false);
    }
  }

  // One draft per conversation, so switching away and back keeps what was being written.
  const drafts = new Map<string, Draft>();
  const draftFor = (conversationId: string) => {
    let draft = drafts.get(conversationId);
    if (!draft) {
      draft = createDraft({
        upload: (file) => uploadFile(api, file),
        async send(message) {
          await open.send(message);
          const latest = open.conversation();
          if (latest) inbox.place(latest);
        },
        problem(problem) {
          if ("file" in problem) {
            const key = problem.file === "too_many" ? "errors.too_many" : (`errors.${problem.file}` as const);
            notices.notify(() => t(key, { name: problem.name, max: MAX_ATTACHMENTS_PER_MESSAGE }));
          } else notices.notify(() => describeError(problem.error, t, { name: problem.name ?? "" }));
        },
      });
      drafts.set(conversationId, draft);
    }
    return draft;
  };

  const download = (message: MessageInfo, attachmentId: string) =>
    void downloadAttachment(api, message.conversationId, message.seq, attachmentId).catch(report);
  const imageUrl = (message: MessageInfo, attachmentId: string) =>
    api.attachmentLink(message.conversationId, message.seq, attachmentId).then((link) => link.url);

  // The customer's other conversations open read-only, with a way back to the one being handled.
  const openFromHistory = (id: string, seq?: number) => {
    const origin = returnTo() ?? openId();
    void show(id, { seq, returnTo: id === origin ? undefined : origin });
  };

  return (
    <div class="console">
      <ConsoleHeader
        tenantName={tenant.name}
        staff={staff}
        connection={connection()}
        onSignOut={() => session.signOut()}
      />
      <NoticesRegion notices={notices.notices()} onDismiss={notices.dismiss} />
      <div class="workspace">
        <InboxPanel
          lists={inbox.lists()}
          view={view()}
          loaded={inbox.isLoaded(view())}
          hasMore={inbox.hasMore}
          loadingMore={inbox.isLoadingMore(view())}
          onLoadMore={() => void inbox.loadMore(view())}
          selectedId={openId()}
          now={now()}
          dispositionLabel={dispositionLabel}
          onView={setView}
          onSelect={(id) => void show(id)}
        />
        <main class="conversation" aria-labelledby={open.conversation() ? "conversation-heading" : undefined}>
          <Show
            when={openId()}
            keyed
            fallback={
              <p class="page-message">
                {open.loading() ? t("conversation.loading") : t("conversation.none")}
              </p>
            }
          >
            {(id) => (
              <ConversationPane
                conversation={open.conversation()!}
                messages={open.messages()}
                hasOlder={hasOlder(open.messages())}
                staffId={staff.staffId}
                permissions={permissions()}
                busy={busy()}
                readOnly={returnTo() !== undefined}
                focusSeq={focusSeq()}
                now={now()}
                dispositionLabel={dispositionLabel}
                onTake={() =>
                  void act(api.take, () => {
                    setView("mine");
                    moveFocus("composer-text");
                  })
                }
                onRelease={() => void act(api.release, () => moveFocus("conversation-heading"))}
                onFinalize={() => {
                  setFinalizeProblem(null);
                  setFinalizing(true);
                }}
                onBack={() => void show(returnTo())}
                onLoadOlder={() => void open.loadOlder()}
                onDownload={download}
                imageUrl={imageUrl}
              >
                <Composer draft={draftFor(id)} />
              </ConversationPane>
            )}
          </Show>
        </main>
        <Show when={open.conversation()}>
          {(conversation) => (
            <CustomerPanel
              customerName={conversation().customerName}
              earlier={customer
                .conversations()
                .filter((c) => c.conversationId !== conversation().conversationId)}
              search={customer.search()}
              searching={customer.searching()}
              now={now()}
              dispositionLabel={dispositionLabel}
              onOpen={(id) => openFromHistory(id)}
              onSearch={(query) => void customer.find(query)}
              onOpenHit={(hit) => openFromHistory(hit.conversationId, hit.seq)}
            />
          )}
        </Show>
      </div>
      <FinalizeDialog
        open={finalizing()}
        dispositions={tenant.dispositions}
        busy={busy()}
        problem={finalizeProblem()}
        onConfirm={(code) => void finalize(code)}
        onCancel={() => setFinalizing(false)}
      />
    </div>
  );
}
