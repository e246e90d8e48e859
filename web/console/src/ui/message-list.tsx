import { createEffect, createResource, For, on, Show } from "solid-js";
import { isImage } from "../data/attachments";
import type { MessageInfo } from "../data/console-types";
import { formatSize, formatTime } from "../data/format";
import { useI18n } from "../providers/i18n-provider";

type Props = {
  messages: readonly MessageInfo[];
  customerName: string | undefined;
  hasOlder: boolean;
  /** A message to bring into view and focus (a search result). */
  focusSeq: number | undefined;
  now: number;
  onLoadOlder(): void;
  onDownload(message: MessageInfo, attachmentId: string): void;
  /** A short-lived address to show an image attachment from. */
  imageUrl(message: MessageInfo, attachmentId: string): Promise<string>;
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

  const author = (message: MessageInfo) => {
    if (message.author === "customer") return props.customerName ?? t("message.customer");
    if (message.author === "agent") return message.authorName ?? t("message.agent");
    return t("message.system");
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
              classList={{ focused: props.focusSeq === message.seq }}
              data-seq={message.seq}
              tabIndex={-1}
            >
              <p class="message-meta">
                <span class="message-author">{author(message)}</span>{" "}
                <time datetime={message.createdAt}>{formatTime(lang(), message.createdAt, props.now)}</time>
              </p>
              <Show when={message.text}>
                <p class="message-text">{message.text}</p>
              </Show>
              <Show when={message.attachments.length}>
                <ul class="message-attachments">
                  <For each={message.attachments}>
                    {(attachment) => (
                      <li>
                        <Show when={isImage(attachment.contentType)}>
                          <ImagePreview
                            name={attachment.name}
                            url={() => props.imageUrl(message, attachment.attachmentId)}
                          />
                        </Show>
                        <button
                          type="button"
                          class="attachment"
                          onClick={() => props.onDownload(message, attachment.attachmentId)}
                        >
                          {t("message.download", { name: attachment.name })}
                        </button>{" "}
                        <span class="muted">{formatSize(lang(), attachment.size)}</span>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </li>
          )}
        </For>
      </ol>
    </div>
  );
}

/** Loads its address only when shown; a failed link leaves just the download button. */
function ImagePreview(props: { name: string; url: () => Promise<string> }) {
  const [src] = createResource(() => props.url().catch(() => undefined));
  return (
    <Show when={src()}>
      {(url) => <img class="attachment-image" src={url()} alt={props.name} loading="lazy" />}
    </Show>
  );
}
