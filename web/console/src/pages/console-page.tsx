import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  lazy,
  Match,
  onCleanup,
  Show,
  Suspense,
  Switch,
} from "solid-js";
import { trackActivity } from "../data/activity-tracker";
import { ApiError } from "../data/api-error";
import { applyApprovalEvent, isApprovalEvent } from "../data/approvals";
import { downloadAttachment, uploadFile } from "../data/attachments";
import { type CareEvent, isCareEvent } from "../data/care-store";
import { createCaseOverviewStore } from "../data/case-overview-store";
import { hasHistory, queueLabel, type TransferInput } from "../data/case-summary";
import { createCaseTeamStore } from "../data/case-team-store";
import { isTeamEvent } from "../data/case-team-types";
import type {
  Channel,
  ConversationInfo,
  InboxView,
  Me,
  MessageInfo,
  PushedEvent,
  Section,
  StartAgentConversationInput,
} from "../data/console-types";
import { createConversationStore } from "../data/conversation-store";
import { createCustomerHistory } from "../data/customer-history";
import { createCustomerProfile } from "../data/customer-profile";
import { describeError } from "../data/describe-error";
import { createDraft, type Draft } from "../data/draft-store";
import { findConversation } from "../data/inbox-lists";
import { createInboxStore } from "../data/inbox-store";
import { type ConnectionState, connectLive } from "../data/live-socket";
import { messageBySeq, messageSnippet } from "../data/message-content";
import { hasOlder, lastSeq } from "../data/message-log";
import { replyMode } from "../data/messaging-window";
import { replySubject } from "../data/outgoing";
import { useI18n } from "../providers/i18n-provider";
import { useNotices } from "../providers/notices-provider";
import { useSession } from "../providers/session-provider";
import { CaseSummaryPanel } from "../ui/case-summary-panel";
import { Composer } from "../ui/composer";
import { ConsoleHeader } from "../ui/console-header";
import { ConversationPane, type Permissions } from "../ui/conversation-pane";
import { CustomerPanel } from "../ui/customer-panel";
import { CustomerTeamNotes } from "../ui/customer-team-notes";
import { FinalizeDialog } from "../ui/finalize-dialog";
import { InboxPanel } from "../ui/inbox-panel";
import { NoticesRegion } from "../ui/notices-region";
import type { OutreachKind } from "../ui/outreach-dialog";
import { PendingConsults } from "../ui/pending-consults";
import { TransferDialog } from "../ui/transfer-dialog";

/** Only needed once an agent writes on another channel: kept out of the first load. */
const OutreachDialog = lazy(() => import("../ui/outreach-dialog"));
// The catalog of interactive material (issue 6): the agent's picker, and the admins' section.
const CardPicker = lazy(() => import("../ui/card-picker"));
const CatalogPage = lazy(() => import("./catalog-page"));
/** The admin's script tree editor (issue 7), loaded when an admin opens the section. */
const ScriptsPage = lazy(() => import("./scripts-page"));
/** "Atención al cliente", loaded when first opened. */
const CarePage = lazy(() => import("./care-page"));
/** The admin's automatic replies (issue 6), loaded when an admin opens the section. */
const AutoRepliesPage = lazy(() => import("./auto-replies-page"));
// The admin's departments and the supervisors' handle-time export (issue 6), loaded when opened.
const DepartmentsPage = lazy(() => import("./departments-page"));
const HandleTimePage = lazy(() => import("./handle-time-page"));
/** The supervisors' reports on why customers call (issue 7), with Chart.js: loaded when opened. */
const ContactReasonsPage = lazy(() => import("./contact-reasons-page"));
// The admin's Kardex profiles (issue 7), loaded when opened.
const AgentProfilesPage = lazy(() => import("./agent-profiles-page"));
/** The team's side of a case (notes, consults, similar cases), loaded with the first case opened. */
const CaseTeamPanel = lazy(() => import("../ui/case-team-panel"));
/** The case's documents and audit trail, loaded with the first case opened. */
const CaseDocumentsSection = lazy(() => import("./case-documents-section"));
/** The case's approvals (issue 6), loaded with the first case opened. */
const CaseApprovalsSection = lazy(() => import("./case-approvals-section"));

/** Waiting times in the inbox move on this often. */
const CLOCK_TICK_MS = 30_000;
const NO_PERMISSIONS: Permissions = {
  take: false,
  release: false,
  finalize: false,
  write: false,
  reopen: false,
};

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
      <Match when={me()}>
        {(loaded) =>
          loaded().staff.role === "central_office" ? (
            <CentralOfficeDesk me={loaded()} />
          ) : (
            <Workspace me={loaded()} />
          )
        }
      </Match>
    </Switch>
  );
}

function Workspace(props: { me: Me }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const notices = useNotices();
  const { api } = session;
  const { staff, tenant } = props.me;
  const oversees = staff.role === "supervisor" || staff.role === "admin";
  const report = (error: unknown) => notices.notify(() => describeError(error, t));

  const inbox = createInboxStore(api, { staffId: staff.staffId }, report);
  const open = createConversationStore(api, report);
  const customerId = () => open.conversation()?.customerId;
  const customer = createCustomerHistory(api, customerId, report);
  const profile = createCustomerProfile(api, customerId, report);
  const team = createCaseTeamStore(
    api,
    {
      staffId: staff.staffId,
      oversees,
      conversationId: () => open.conversation()?.conversationId,
      customerId,
    },
    report,
  );
  // Older servers answer without them; the console then simply offers no template and no outside channel.
  const templates = tenant.templates ?? [];
  const outsideChannels = new Set((tenant.channels ?? []).map((account) => account.channel));
  const [view, setView] = createSignal<InboxView>("queue");
  const [section, setSection] = createSignal<Section>("conversations");
  const [careEvent, setCareEvent] = createSignal<CareEvent>();
  const [connection, setConnection] = createSignal<ConnectionState>("connecting");
  const [returnTo, setReturnTo] = createSignal<string>();
  const [focusSeq, setFocusSeq] = createSignal<number>();
  const [busy, setBusy] = createSignal(false);
  const [finalizing, setFinalizing] = createSignal(false);
  const [finalizeProblem, setFinalizeProblem] = createSignal<string | null>(null);
  const [now, setNow] = createSignal(Date.now());
  const [visible, setVisible] = createSignal(document.visibilityState === "visible");
  const [outreach, setOutreach] = createSignal<OutreachKind | null>(null);
  const [pickingCardFor, setPickingCardFor] = createSignal<string | null>(null);
  // ---- Transfer to another department, the case summary and handle time (issue 6) ----
  const cases = createCaseOverviewStore(api, () => open.conversation(), report);
  const [transferring, setTransferring] = createSignal(false);
  const [transferProblem, setTransferProblem] = createSignal<string | null>(null);
  const [started, setStarted] = createSignal<{
    customerId: string;
    conversationId: string;
    channel: Channel;
  } | null>(null);

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
    onEvent(event: PushedEvent) {
      if (isCareEvent(event)) {
        setCareEvent(event);
        return;
      }
      if (isApprovalEvent(event)) {
        applyApprovalEvent(event);
        return;
      }
      if (isTeamEvent(event)) {
        team.apply(event);
        return;
      }
      if (event.name === "conversation.transferred") {
        // The released event that comes with it moved the case to the queue; this names its department.
        const moved = findConversation(inbox.lists(), event.data.conversationId);
        if (moved) inbox.place({ ...moved, queueId: event.data.toQueueId });
        if (event.data.conversationId === openId()) void open.refresh();
        return;
      }
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
        void open.refresh({ deliveries: true });
      }
      reconnecting = true;
      const id = openId();
      return id ? [{ conversationId: id, afterSeq: lastSeq(open.messages()) }] : [];
    },
  });
  onCleanup(() => socket.close());

  // Opened from the customer's timeline: his other conversations are read, not acted on, unless
  // it is one the viewer has himself (one he just started on another channel).
  const readOnly = createMemo(() => {
    const c = open.conversation();
    if (returnTo() === undefined) return false;
    return !(c && c.status === "assigned" && c.assigneeId === staff.staffId);
  });

  const permissions = createMemo((): Permissions => {
    const c = open.conversation();
    // A closed case can be reopened from wherever it is read, the customer's history included.
    if (c?.status === "closed") return { ...NO_PERMISSIONS, reopen: true };
    if (!c || readOnly()) return NO_PERMISSIONS;
    const handles = c.status === "assigned" && (c.assigneeId === staff.staffId || oversees);
    return {
      take: c.status === "queued",
      release: handles,
      finalize: handles || (c.status === "queued" && oversees),
      write: handles,
      reopen: false,
    };
  });

  // Active time on the case on screen, reported as the agent works on it.
  trackActivity({
    caseId: () =>
      section() === "conversations" && !readOnly() ? open.conversation()?.conversationId : undefined,
    report: (id, slices) =>
      api.reportActivity(id, slices).then((handleTime) => cases.setHandleTime(id, handleTime)),
  });

  async function transfer(input: TransferInput) {
    setBusy(true);
    setTransferProblem(null);
    try {
      const latest = await open.act((id) => api.transfer(id, input));
      if (latest) inbox.place(latest);
      setTransferring(false);
      notices.notify(() => t("transfer.done", { queue: queueLabel(cases.queues(), input.queueId, lang()) }));
      moveFocus("conversation-heading");
    } catch (error) {
      setTransferProblem(describeError(error, t));
    } finally {
      setBusy(false);
    }
  }

  // Reading a conversation one handles clears its unread count, once everything up to the last message is loaded.
  let markedRead = "";
  createEffect(() => {
    const c = open.conversation();
    if (
      !c ||
      readOnly() ||
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
  const draftFor = (conversation: ConversationInfo) => {
    const { conversationId, channel } = conversation;
    let draft = drafts.get(conversationId);
    if (!draft) {
      draft = createDraft({
        channel,
        // An e-mail reply goes to the customer, "Re:" the thread, unless the agent says otherwise.
        ...(channel === "email" && {
          email: {
            to: conversation.contactAddress ?? "",
            cc: "",
            subject: replySubject(conversation.emailSubject ?? conversation.subject),
          },
        }),
        upload: (file) => uploadFile(api, file),
        async send(message) {
          await open.send(message);
          const latest = open.conversation();
          if (latest) inbox.place(latest);
        },
        problem(problem) {
          if ("file" in problem) {
            const { file, name, max } = problem;
            if (file === "one_file")
              notices.notify(() => t("composer.oneFile", { channel: t(`channel.${channel}`) }));
            else if (file === "too_many") notices.notify(() => t("errors.too_many", { name, max }));
            else notices.notify(() => t(`errors.${file}`, { name, max }));
            return;
          }
          notices.notify(() => describeError(problem.error, t, { name: problem.name ?? "" }));
          // The window closed meanwhile: the conversation's new state brings the template picker.
          if (problem.error instanceof ApiError && problem.error.code === "window_closed")
            void open.refresh();
        },
      });
      drafts.set(conversationId, draft);
    }
    return draft;
  };

  const download = (message: MessageInfo, attachmentId: string) =>
    void downloadAttachment(api, message.conversationId, message.seq, attachmentId).catch(report);
  const fileUrl = (message: MessageInfo, attachmentId: string) =>
    api.attachmentLink(message.conversationId, message.seq, attachmentId).then((link) => link.url);

  const replyingTo = (draft: Draft) => {
    const seq = draft.replyToSeq();
    const quoted = seq === undefined ? undefined : messageBySeq(open.messages(), seq);
    if (seq === undefined) return undefined;
    if (!quoted) return t("content.replyToUnknown", { seq });
    const snippet = messageSnippet(quoted);
    return "text" in snippet ? snippet.text : t(snippet.key, snippet.params);
  };

  /** Writes to the customer on another channel; the problem to show, or null once it started. */
  async function startOutreach(input: StartAgentConversationInput): Promise<string | null> {
    const id = customerId();
    if (!id) return t("errors.generic");
    try {
      const { conversation } = await api.startConversation(id, input);
      inbox.place(conversation);
      customer.refetch();
      setStarted({
        customerId: id,
        conversationId: conversation.conversationId,
        channel: conversation.channel,
      });
      return null;
    } catch (error) {
      return describeError(error, t);
    }
  }

  async function saveProfile(fields: Parameters<typeof profile.save>[0]): Promise<string | null> {
    try {
      await profile.save(fields);
      return null;
    } catch (error) {
      return describeError(error, t);
    }
  }

  // The customer's other conversations open from his timeline, with a way back to the one being handled.
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
        section={section()}
        onSection={setSection}
        onSignOut={() => session.signOut()}
        team={
          <PendingConsults
            show={oversees}
            pending={team.pending()}
            announcement={team.announcement()}
            now={now()}
            onOpen={(id) => {
              setSection("conversations");
              void show(id).then(() => team.openTab("consult"));
            }}
          />
        }
      />
      <NoticesRegion notices={notices.notices()} onDismiss={notices.dismiss} />
      <Show when={section() === "catalog"}>
        <Suspense>
          <CatalogPage api={api} />
        </Suspense>
      </Show>
      <Show when={section() === "scripts" && staff.role === "admin"}>
        <Suspense>
          <ScriptsPage api={api} />
        </Suspense>
      </Show>
      <Show when={section() === "care"}>
        <Suspense>
          <CarePage
            api={api}
            staff={staff}
            event={careEvent}
            templates={templates}
            channels={outsideChannels}
            onOpenChat={(id) => {
              setSection("conversations");
              void show(id);
            }}
          />
        </Suspense>
      </Show>
      <Show when={section() === "auto_replies" && staff.role === "admin"}>
        <Suspense>
          <AutoRepliesPage api={api} />
        </Suspense>
      </Show>
      <Show when={section() === "departments" && staff.role === "admin"}>
        <Suspense>
          <DepartmentsPage api={api} />
        </Suspense>
      </Show>
      <Show when={section() === "profiles" && staff.role === "admin"}>
        <Suspense>
          <AgentProfilesPage api={api} />
        </Suspense>
      </Show>
      <Show when={section() === "handle_time" && oversees}>
        <Suspense>
          <HandleTimePage api={api} />
        </Suspense>
      </Show>
      <Show when={section() === "reasons" && oversees}>
        <Suspense>
          <ContactReasonsPage api={api} />
        </Suspense>
      </Show>
      <div class="workspace" hidden={section() !== "conversations"}>
        <InboxPanel
          queues={cases.queues()}
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
            {(_id) => (
              <ConversationPane
                conversation={open.conversation()!}
                messages={open.messages()}
                hasOlder={hasOlder(open.messages())}
                staffId={staff.staffId}
                permissions={permissions()}
                busy={busy()}
                fromTimeline={returnTo() !== undefined}
                readOnly={readOnly()}
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
                onTransfer={
                  permissions().release
                    ? () => {
                        setTransferProblem(null);
                        setTransferring(true);
                      }
                    : undefined
                }
                summary={
                  <Show when={cases.overview()}>
                    {(overview) => (
                      <CaseSummaryPanel
                        overview={overview()}
                        expanded={hasHistory(overview().summary, staff.staffId)}
                        now={now()}
                        dispositionLabel={dispositionLabel}
                      />
                    )}
                  </Show>
                }
                onReopen={() =>
                  void act(api.reopen, () => {
                    setView("mine");
                    moveFocus("composer-text");
                  })
                }
                onRefresh={() => void open.refresh({ deliveries: true })}
                onFinalize={() => {
                  setFinalizeProblem(null);
                  setFinalizing(true);
                }}
                onBack={() => void show(returnTo())}
                onLoadOlder={() => void open.loadOlder()}
                onDownload={download}
                fileUrl={fileUrl}
                team={
                  <Suspense>
                    <CaseTeamPanel
                      api={api}
                      store={team}
                      oversees={oversees}
                      now={now()}
                      dispositionLabel={dispositionLabel}
                      onOpenCase={(id) => openFromHistory(id)}
                    />
                  </Suspense>
                }
                onReply={
                  // A template answers nothing in particular: quoting is for the free composer.
                  ["free", "human_agent"].includes(replyMode(open.conversation()!, now()).mode)
                    ? (message) => {
                        draftFor(open.conversation()!).setReplyToSeq(message.seq);
                        moveFocus("composer-text");
                      }
                    : undefined
                }
              >
                <Composer
                  draft={draftFor(open.conversation()!)}
                  mode={replyMode(open.conversation()!, now())}
                  templates={templates}
                  replyingTo={replyingTo(draftFor(open.conversation()!))}
                  now={now()}
                  onMaterial={() => setPickingCardFor(open.conversation()!.conversationId)}
                />
              </ConversationPane>
            )}
          </Show>
        </main>
        <Show when={open.conversation()}>
          {(conversation) => (
            <CustomerPanel
              customerName={conversation().customerName}
              profile={profile.profile()}
              profileSaving={profile.saving()}
              onSaveProfile={saveProfile}
              timeline={customer.conversations()}
              currentId={conversation().conversationId}
              canWrite={{ whatsapp: outsideChannels.has("whatsapp"), email: outsideChannels.has("email") }}
              onWriteWhatsApp={() => setOutreach("whatsapp")}
              onWriteEmail={() => setOutreach("email")}
              started={started()?.customerId === conversation().customerId ? started() : null}
              search={customer.search()}
              searching={customer.searching()}
              now={now()}
              dispositionLabel={dispositionLabel}
              onOpen={(id) => openFromHistory(id)}
              onSearch={(query) => void customer.find(query)}
              onOpenHit={(hit) => openFromHistory(hit.conversationId, hit.seq)}
              team={
                <CustomerTeamNotes
                  timeline={customer.conversations()}
                  notes={team.customerNotes()}
                  currentId={conversation().conversationId}
                  now={now()}
                  onOpen={(id) => openFromHistory(id)}
                />
              }
              documents={
                <Suspense>
                  <CaseDocumentsSection
                    conversationId={conversation().conversationId}
                    messages={open.messages()}
                    canRequest={permissions().write}
                    now={now()}
                  />
                </Suspense>
              }
              approvals={
                <Suspense>
                  <CaseApprovalsSection
                    conversationId={conversation().conversationId}
                    messages={open.messages()}
                    profile={profile.profile()}
                    canRequest={permissions().write}
                  />
                </Suspense>
              }
            />
          )}
        </Show>
      </div>
      <TransferDialog
        open={transferring()}
        queues={cases.queues()}
        currentQueueId={open.conversation()?.queueId ?? "general"}
        busy={busy()}
        problem={transferProblem()}
        onConfirm={(input) => void transfer(input)}
        onCancel={() => setTransferring(false)}
      />
      <FinalizeDialog
        open={finalizing()}
        dispositions={tenant.dispositions}
        busy={busy()}
        problem={finalizeProblem()}
        onConfirm={(code) => void finalize(code)}
        onCancel={() => setFinalizing(false)}
      />
      <Show when={outreach()} keyed>
        {(kind) => (
          <Suspense>
            <OutreachDialog
              kind={kind}
              profile={profile.profile()}
              templates={templates}
              upload={(file) => uploadFile(api, file)}
              onSubmit={startOutreach}
              onClose={() => setOutreach(null)}
            />
          </Suspense>
        )}
      </Show>
      <Show when={pickingCardFor()} keyed>
        {(conversationId) => (
          <Suspense>
            <CardPicker api={api} conversationId={conversationId} onClose={() => setPickingCardFor(null)} />
          </Suspense>
        )}
      </Show>
    </div>
  );
}

/**
 * The central office's console: the back office only, where it confirms or turns down the
 * services agents generate, told of each new one live.
 */
function CentralOfficeDesk(props: { me: Me }) {
  const session = useSession();
  const notices = useNotices();
  const [connection, setConnection] = createSignal<ConnectionState>("connecting");
  const [careEvent, setCareEvent] = createSignal<CareEvent>();
  const socket = connectLive({
    token: session.idToken,
    onState: setConnection,
    onEvent(event: PushedEvent) {
      if (isCareEvent(event)) setCareEvent(event);
    },
    onOpen: () => [],
  });
  onCleanup(() => socket.close());
  return (
    <div class="console">
      <ConsoleHeader
        tenantName={props.me.tenant.name}
        staff={props.me.staff}
        connection={connection()}
        onSignOut={() => session.signOut()}
      />
      <NoticesRegion notices={notices.notices()} onDismiss={notices.dismiss} />
      <Suspense>
        <CarePage
          api={session.api}
          staff={props.me.staff}
          event={careEvent}
          templates={[]}
          channels={new Set()}
          onOpenChat={() => undefined}
        />
      </Suspense>
    </div>
  );
}
