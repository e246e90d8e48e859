import { createSignal, Match, Show, Switch } from "solid-js";
import type { AttachmentLink, ConversationInfo } from "../data/api.js";
import { hasEarlier, type Thread } from "../data/message-store.js";
import { useI18n } from "../providers/i18n-provider.js";
import { Composer } from "./composer.js";
import { ConversationStatus } from "./conversation-status.js";
import { MessageList } from "./message-list.js";
import { PaneHead } from "./pane-head.js";

type Props = {
  conversation: ConversationInfo | undefined;
  thread: Thread | undefined;
  status: "loading" | "ready" | "error";
  unreadFrom: number | undefined;
  focusSeq: number | undefined;
  /**
   * Where the keyboard lands: on the title when chosen from the list (which a narrow screen
   * just hid), on the found message for a search result, in the composer after a first message.
   */
  focus: "title" | "message" | "composer";
  onBack: () => void;
  onReload: () => void;
  onLoadEarlier: () => Promise<void>;
  onSend: (text: string, files: File[]) => void;
  onRetry: (clientMessageId: string) => void;
  onDiscard: (clientMessageId: string) => void;
  onSendInNew: (clientMessageId: string) => void;
  onNewConversation: () => void;
  onReopen: () => Promise<void>;
  link: (seq: number, attachmentId: string) => Promise<AttachmentLink>;
};

export function ConversationView(props: Props) {
  const { t } = useI18n();
  const closed = () => props.conversation?.status === "closed";
  const [reopening, setReopening] = createSignal(false);
  const [reopenFailed, setReopenFailed] = createSignal(false);
  return (
    <section class="conversation" aria-labelledby="conversation-title">
      <PaneHead
        titleId="conversation-title"
        title={props.conversation?.subject ?? ""}
        onBack={props.onBack}
        focusTitle={props.focus === "title"}
      >
        <Show when={props.conversation}>
          {(conversation) => <ConversationStatus conversation={conversation()} />}
        </Show>
      </PaneHead>
      <Switch>
        <Match when={props.status === "loading"}>
          <p class="messages muted" role="status">
            {t("loading")}
          </p>
        </Match>
        <Match when={props.status === "error"}>
          <div class="messages">
            <p role="alert">{t("failedToLoad")}</p>
            <button type="button" onClick={() => props.onReload()}>
              {t("tryAgain")}
            </button>
          </div>
        </Match>
        <Match when={props.thread}>
          {(thread) => (
            <MessageList
              messages={thread().messages}
              outgoing={thread().outgoing}
              hasEarlier={hasEarlier(thread())}
              unreadFrom={props.unreadFrom}
              focusSeq={props.focusSeq}
              onLoadEarlier={props.onLoadEarlier}
              link={props.link}
              onRetry={props.onRetry}
              onDiscard={props.onDiscard}
              onSendInNew={props.onSendInNew}
            />
          )}
        </Match>
      </Switch>
      <Show
        when={closed()}
        fallback={<Composer onSend={props.onSend} autofocus={props.focus === "composer"} />}
      >
        <div class="closed-notice">
          <p>{t("conversationClosed")}</p>
          <p class="muted" role="status">
            {reopenFailed() ? t("reopenFailed") : ""}
          </p>
          <div class="closed-actions">
            <button
              type="button"
              class="primary"
              disabled={reopening()}
              onClick={async () => {
                setReopening(true);
                setReopenFailed(false);
                try {
                  await props.onReopen();
                } catch {
                  setReopenFailed(true);
                } finally {
                  setReopening(false);
                }
              }}
            >
              {t("reopenConversation")}
            </button>
            <button type="button" onClick={() => props.onNewConversation()}>
              {t("startAnotherConversation")}
            </button>
          </div>
        </div>
      </Show>
    </section>
  );
}
