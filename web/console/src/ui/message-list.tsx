import { createEffect, createMemo, For, on, Show } from "solid-js";
import type { LoggedMessage, MessageInfo } from "../data/console-types";
import { formatTime } from "../data/format";
import { isReaction, messageBySeq, reactionsBySeq, reactionTarget } from "../data/message-content";
import { useI18n } from "../providers/i18n-provider";
import { DeliveryStatus } from "./delivery-status";
import { MessageBody } from "./message-body";

type Props = {
  messages: readonly LoggedMessage[];
  customerName: string | undefined;
  hasOlder: boolean;
  /** A message to bring into view and focus (a search result). */
  focusSeq: number | undefined;
  now: number;
  onLoadOlder(): void;
  onDownload(message: MessageInfo, attachmentId: string): void;
  /** A short-lived address to show or play an attachment from. */
  fileUrl(message: MessageInfo, attachmentId: string): Promise<string>;
  /** Answering a particular message, when the viewer may write. */
  onReply?: (message: MessageInfo) => void;
};

/** How close to the bottom still counts as reading the newest messages. */
const STICK_PX = 80;

export function MessageList(props: Props) {
  const { t, lang } = useI18n();
  let scroller!: HTMLDivElement;
  let stick = true;

  // New messages scroll into view only for someone already reading the bottom, not someone reading back.
  createEffect(
    on(
      () => props.messages.at(-1)?.seq,
      () => {
        if (stick && props.focusSeq === undefined) scroller.scrollTop = scroller.scrollHeight;
      },
    ),
  );
  createEffect(() => {
    const seq = props.focusSeq;
    if (seq === undefined || !props.messages.some((m) => m.seq === seq)) return;
    const element = scroller.querySelector<HTMLElement>(`[data-seq="${seq}"]`);
    element?.scrollIntoView({ block: "center" });
    element?.focus();
  });

  const reactions = createMemo(() => reactionsBySeq(props.messages));

  const author = (message: MessageInfo) => {
    if (message.author === "customer") return props.customerName ?? t("message.customer");
    if (message.author === "agent") return message.authorName ?? t("message.agent");
    // The chatbot speaks as a named system author; other notices are the system's.
    return message.authorName ?? t("message.system");
  };
  const quotedOf = (message: LoggedMessage) => {
    if (isReaction(message)) return reactionTarget(props.messages, message);
    return message.replyToSeq === undefined ? undefined : messageBySeq(props.messages, message.replyToSeq);
  };

  return (
    <div
      ref={scroller}
      class="message-scroll"
      role="log"
      aria-label={t("conversation.messages")}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard (WCAG 2.1.1).
      tabIndex={0}
      onScroll={() => {
        stick = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < STICK_PX;
      }}
    >
      <Show when={props.hasOlder}>
        <button type="button" class="link-button load-older" onClick={() => props.onLoadOlder()}>
          {t("conversation.loadOlder")}
        </button>
      </Show>
      <ol class="messages">
        <For each={props.messages}>
          {(message) => (
            <li
              class={`message message-${message.author}`}
              classList={{ focused: props.focusSeq === message.seq, reaction: isReaction(message) }}
              data-seq={message.seq}
              tabIndex={-1}
            >
              <p class="message-meta">
                <span class="message-author">{author(message)}</span>{" "}
                <time datetime={message.createdAt}>{formatTime(lang(), message.createdAt, props.now)}</time>
                <Show when={props.onReply && !isReaction(message) && message.author !== "system"}>
                  {" "}
                  <button
                    type="button"
                    class="link-button reply-button"
                    onClick={() => props.onReply?.(message)}
                  >
                    {t("message.reply")}
                    <span class="visually-hidden">
                      {" "}
                      {t("message.replyTo", { author: author(message), seq: message.seq })}
                    </span>
                  </button>
                </Show>
              </p>
              <MessageBody
                message={message}
                quoted={quotedOf(message)}
                authorOf={author}
                onDownload={props.onDownload}
                fileUrl={props.fileUrl}
              />
              <Show when={reactions().get(message.seq)}>
                {(emoji) => (
                  <p class="reaction-badge">
                    <span aria-hidden="true">{emoji()}</span>
                    <span class="visually-hidden">{t("content.customerReaction", { emoji: emoji() })}</span>
                  </p>
                )}
              </Show>
              <Show when={message.author === "agent" && message.delivery}>
                {(delivery) => <DeliveryStatus delivery={delivery()} />}
              </Show>
            </li>
          )}
        </For>
      </ol>
    </div>
  );
}
