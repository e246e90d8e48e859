import { For, Match, Show, Switch } from "solid-js";
import type { AttachmentLink, MessageInfo } from "../data/api.js";
import { MAX_FILE_BYTES } from "../data/file-check.js";
import { linkify } from "../data/linkify.js";
import type { Outgoing } from "../data/message-store.js";
import { useI18n } from "../providers/i18n-provider.js";
import { ApprovalCard } from "./approval-card.js";
import { AttachmentView } from "./attachment-view.js";
import { CatalogCard } from "./catalog-card.js";
import { DocumentRequestCard } from "./document-request-card.js";
import { RatingCard } from "./rating-card.js";

function MessageText(props: { text: string }) {
  return (
    <Show when={props.text}>
      <p class="message-text">
        <For each={linkify(props.text)}>
          {(part) =>
            part.href ? (
              <a href={part.href} target="_blank" rel="noopener noreferrer">
                {part.text}
              </a>
            ) : (
              part.text
            )
          }
        </For>
      </p>
    </Show>
  );
}

type MessageProps = {
  message: MessageInfo;
  found: boolean;
  link: (attachmentId: string) => Promise<AttachmentLink>;
};

export function MessageItem(props: MessageProps) {
  const { t, time } = useI18n();
  const author = () =>
    props.message.author === "customer"
      ? t("you")
      : props.message.author === "agent"
        ? (props.message.authorName ?? t("agent"))
        : (props.message.authorName ?? t("system"));
  return (
    <li
      id={`message-${props.message.seq}`}
      class={`message from-${props.message.author}`}
      classList={{ "is-found": props.found }}
      tabIndex={-1}
    >
      <div class="bubble">
        <p class="message-author" classList={{ "visually-hidden": props.message.author === "customer" }}>
          {author()}
        </p>
        <Show
          when={props.message.content?.kind === "approval_request" && props.message.content}
          fallback={
            <Show
              when={props.message.content?.kind === "document_request" && props.message.content}
              fallback={
                <Show
                  when={props.message.content?.kind === "rating_request"}
                  fallback={
                    <Show
                      when={props.message.content?.kind === "card" && props.message.content}
                      fallback={<MessageText text={props.message.text} />}
                    >
                      {(card) => <CatalogCard message={props.message} card={card()} link={props.link} />}
                    </Show>
                  }
                >
                  <RatingCard conversationId={props.message.conversationId} />
                </Show>
              }
            >
              {(card) => <DocumentRequestCard conversationId={props.message.conversationId} card={card()} />}
            </Show>
          }
        >
          {(card) => <ApprovalCard conversationId={props.message.conversationId} card={card()} />}
        </Show>
        {/* A card shows its own image, in its place. */}
        <Show when={props.message.attachments.length > 0 && props.message.content?.kind !== "card"}>
          <div class="attachments">
            <For each={props.message.attachments}>
              {(attachment) => (
                <AttachmentView attachment={attachment} link={() => props.link(attachment.attachmentId)} />
              )}
            </For>
          </div>
        </Show>
        <p class="message-meta">
          <time datetime={props.message.createdAt}>{time(props.message.createdAt)}</time>
        </p>
      </div>
    </li>
  );
}

type OutgoingProps = {
  item: Outgoing;
  onRetry: () => void;
  onDiscard: () => void;
  /** Offered when the conversation closed before the message got in. */
  onSendInNew?: () => void;
};

export function OutgoingItem(props: OutgoingProps) {
  const { t, size } = useI18n();
  const closed = () => props.item.error === "conversation_closed";
  const failure = () => {
    if (closed()) return t("closedBeforeSent");
    if (props.item.error === "unsupported_media_type" || props.item.error === "payload_too_large") {
      return t("errorFileRejected", { max: size(MAX_FILE_BYTES) });
    }
    return t("notSent");
  };
  const uploading = () => props.item.files.some((file) => !file.attachmentId);
  return (
    <li
      class="message from-customer"
      classList={{ "is-pending": props.item.state === "sending", "is-failed": props.item.state === "failed" }}
    >
      <div class="bubble">
        <p class="message-author visually-hidden">{t("you")}</p>
        <MessageText text={props.item.text} />
        <Show when={props.item.files.length > 0}>
          <ul class="pending-files">
            <For each={props.item.files}>{(file) => <li>📎 {file.name}</li>}</For>
          </ul>
        </Show>
        <Switch>
          <Match when={props.item.state === "sending"}>
            <p class="message-meta">{uploading() ? t("uploading") : t("sending")}</p>
          </Match>
          <Match when={props.item.state === "failed"}>
            <p class="send-error" role="alert">
              {failure()}
            </p>
            <div class="send-actions">
              <Show
                when={closed() && props.onSendInNew}
                fallback={
                  <button type="button" onClick={() => props.onRetry()}>
                    {t("retry")}
                  </button>
                }
              >
                {(sendInNew) => (
                  <button type="button" onClick={() => sendInNew()()}>
                    {t("sendInNewConversation")}
                  </button>
                )}
              </Show>
              <button type="button" onClick={() => props.onDiscard()}>
                {t("discard")}
              </button>
            </div>
          </Match>
        </Switch>
      </div>
    </li>
  );
}
