import { createSignal, type JSX, lazy, Show, Suspense } from "solid-js";
import type { ConversationInfo, LoggedMessage, MessageInfo } from "../data/console-types";
import { useI18n } from "../providers/i18n-provider";
import { CaseRating } from "./case-rating";
import { ChannelTag } from "./channel-tag";
import { MessageList } from "./message-list";

/** The agent's guided script on his conversation (issue 7): its chunk loads when he opens "Guion". */
const GuidedContactPanel = lazy(() => import("./guided-contact-panel"));

export type Permissions = {
  take: boolean;
  release: boolean;
  finalize: boolean;
  write: boolean;
  /** A closed case, from the inbox or the customer's history: reopening makes it the viewer's. */
  reopen: boolean;
};

type Props = {
  conversation: ConversationInfo;
  messages: readonly LoggedMessage[];
  hasOlder: boolean;
  staffId: string;
  permissions: Permissions;
  busy: boolean;
  /** Opened from the customer's timeline, with a way back to the conversation being handled. */
  fromTimeline: boolean;
  /** Opened from the timeline and not the viewer's to handle: shown, never acted on. */
  readOnly: boolean;
  focusSeq: number | undefined;
  now: number;
  dispositionLabel(code: string): string;
  onTake(): void;
  onRelease(): void;
  /** Loads the conversation again: seed 002's ACTUALIZAR, for when the live updates seem to lag. */
  onRefresh(): void;
  onFinalize(): void;
  onReopen(): void;
  onBack(): void;
  onLoadOlder(): void;
  onDownload(message: MessageInfo, attachmentId: string): void;
  fileUrl(message: MessageInfo, attachmentId: string): Promise<string>;
  /** Answering a particular message, when the viewer may write. */
  onReply?: (message: MessageInfo) => void;
  /** The composer, when the viewer may write. */
  children?: JSX.Element;
  /** The team's side of the case (notes, consult to a supervisor, similar cases), beside the chat. */
  team?: JSX.Element;
  /** Sending the case to another department, when the viewer may (issue 6). */
  onTransfer?: () => void;
  /** "Resumen del caso" with the handle time, at the top of the case (issue 6). */
  summary?: JSX.Element;
};

export function ConversationPane(props: Props) {
  const { t } = useI18n();
  const c = () => props.conversation;
  const status = () => {
    const { status, assigneeId, assigneeName, disposition } = c();
    if (status === "queued") return t("conversation.queued");
    if (status === "closed")
      return t("conversation.closed", { disposition: props.dispositionLabel(disposition ?? "") });
    return assigneeId === props.staffId
      ? t("conversation.assignedToYou")
      : t("conversation.assignedTo", { name: assigneeName ?? "" });
  };
  const note = () => {
    if (c().status === "closed") return t("conversation.isClosed");
    if (c().status === "queued") return t("conversation.takeToReply");
    return t("conversation.takenBy", { name: c().assigneeName ?? "" });
  };
  const [guiding, setGuiding] = createSignal(false);
  const attending = () => c().status === "assigned" && c().assigneeId === props.staffId && !props.readOnly;
  const anyAction = () => {
    const p = props.permissions;
    return p.take || p.release || p.finalize || p.reopen || props.onTransfer !== undefined;
  };

  return (
    <>
      <Show when={props.fromTimeline}>
        <div class="read-only-banner">
          <p>{props.readOnly ? t("conversation.readOnly") : t("conversation.fromTimeline")}</p>
          <button type="button" onClick={() => props.onBack()}>
            {t("conversation.back")}
          </button>
        </div>
      </Show>
      <header class="conversation-header">
        <div class="conversation-title">
          <h2 id="conversation-heading" tabIndex={-1}>
            {c().customerName ?? t("customer.unnamed")}
          </h2>
          <p class="conversation-channel">
            <ChannelTag channel={c().channel} />
            <Show when={c().contactAddress}>
              {(address) => <span class="contact-address">{address()}</span>}
            </Show>
          </p>
          <p class="conversation-subject">{c().subject}</p>
          <p class="conversation-status">{status()}</p>
          <Show when={c().rating}>
            {(rating) => (
              <p class="conversation-rating">
                <CaseRating rating={rating()} />
              </p>
            )}
          </Show>
        </div>
        <Show when={anyAction()}>
          <div class="conversation-actions">
            <Show when={props.permissions.take}>
              <button type="button" class="primary" disabled={props.busy} onClick={() => props.onTake()}>
                {t("conversation.take")}
              </button>
            </Show>
            <Show when={props.permissions.release}>
              <button type="button" disabled={props.busy} onClick={() => props.onRelease()}>
                {t("conversation.release")}
              </button>
              <button type="button" disabled={props.busy} onClick={() => props.onRefresh()}>
                {t("conversation.refresh")}
              </button>
            </Show>
            <Show when={props.onTransfer}>
              {(transfer) => (
                <button type="button" disabled={props.busy} onClick={() => transfer()()}>
                  {t("transfer.open")}
                </button>
              )}
            </Show>
            <Show when={props.permissions.finalize}>
              <button type="button" disabled={props.busy} onClick={() => props.onFinalize()}>
                {t("conversation.finalize")}
              </button>
            </Show>
            <Show when={props.permissions.reopen}>
              <button type="button" class="primary" disabled={props.busy} onClick={() => props.onReopen()}>
                {t("conversation.reopen")}
              </button>
            </Show>
          </div>
        </Show>
      </header>
      {props.summary}
      <Show when={attending()}>
        <details
          class="conversation-guide"
          onToggle={(event) => event.currentTarget.open && setGuiding(true)}
        >
          <summary>{t("guided.section")}</summary>
          <Show when={guiding()}>
            <Suspense>
              <GuidedContactPanel contactId={c().conversationId} />
            </Suspense>
          </Show>
        </details>
      </Show>
      {props.team}
      <MessageList
        messages={props.messages}
        customerName={c().customerName}
        hasOlder={props.hasOlder}
        focusSeq={props.focusSeq}
        now={props.now}
        onLoadOlder={props.onLoadOlder}
        onDownload={props.onDownload}
        fileUrl={props.fileUrl}
        onReply={props.permissions.write ? props.onReply : undefined}
      />
      <Show
        when={props.permissions.write}
        fallback={
          <Show when={!props.readOnly}>
            <p class="composer-note">{note()}</p>
          </Show>
        }
      >
        {props.children}
      </Show>
    </>
  );
}
