import { For, Match, Show, Switch } from "solid-js";
import type { ConversationInfo } from "../data/api.js";
import { useI18n } from "../providers/i18n-provider.js";
import { ConversationStatus, UnreadBadge } from "./conversation-status.js";

type Props = {
  conversations: readonly ConversationInfo[];
  status: "loading" | "ready" | "error";
  currentId: string | undefined;
  onOpen: (conversationId: string) => void;
  onRetry: () => void;
};

/** A finalized web case asks for a rating (issue 6) until it gets one. */
const awaitsRating = (conversation: ConversationInfo) =>
  conversation.status === "closed" && conversation.channel === "web" && !conversation.rating;

export function ConversationList(props: Props) {
  const { t, time } = useI18n();
  return (
    <Switch>
      <Match when={props.status === "loading"}>
        <p class="muted" role="status">
          {t("loading")}
        </p>
      </Match>
      <Match when={props.status === "error"}>
        <p role="alert">{t("errorGeneric")}</p>
        <button type="button" onClick={() => props.onRetry()}>
          {t("tryAgain")}
        </button>
      </Match>
      <Match when={props.conversations.length === 0}>
        <p class="muted">{t("noConversations")}</p>
      </Match>
      <Match when={true}>
        <ul class="conversation-list">
          <For each={props.conversations}>
            {(conversation) => (
              <li>
                <button
                  id={`conversation-${conversation.conversationId}`}
                  type="button"
                  class="conversation-row"
                  aria-current={props.currentId === conversation.conversationId ? "true" : undefined}
                  onClick={() => props.onOpen(conversation.conversationId)}
                >
                  <span class="row-line">
                    <span class="row-subject">{conversation.subject}</span>
                    <time class="row-time" datetime={conversation.lastActivityAt}>
                      {time(conversation.lastActivityAt)}
                    </time>
                  </span>
                  <span class="row-line">
                    <span class="row-preview">
                      {conversation.lastMessageAuthor === "customer"
                        ? t("lastMessageYou", { text: conversation.lastMessagePreview })
                        : conversation.lastMessagePreview}
                    </span>
                    <Show when={conversation.unread > 0}>
                      <UnreadBadge count={conversation.unread} />
                    </Show>
                  </span>
                  <ConversationStatus conversation={conversation} />
                  <Show when={awaitsRating(conversation)}>
                    <span class="row-rating">{t("ratingPending")}</span>
                  </Show>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Match>
    </Switch>
  );
}
