import { createEffect, createSignal, For, Index, on, onMount, Show } from "solid-js";
import type { AttachmentLink, MessageInfo } from "../data/api.js";
import type { Outgoing } from "../data/message-store.js";
import { useI18n } from "../providers/i18n-provider.js";
import { MessageItem, OutgoingItem } from "./message-item.js";

type Props = {
  messages: readonly MessageInfo[];
  outgoing: readonly Outgoing[];
  hasEarlier: boolean;
  /** The first message the customer has not read yet, marked with a line. */
  unreadFrom?: number;
  /** A message to bring into view (a search result). */
  focusSeq?: number;
  onLoadEarlier: () => Promise<void>;
  link: (seq: number, attachmentId: string) => Promise<AttachmentLink>;
  onRetry: (clientMessageId: string) => void;
  onDiscard: (clientMessageId: string) => void;
  onSendInNew?: (clientMessageId: string) => void;
};

/** How close to the end still counts as "reading the latest", so new messages keep it in view. */
const STICK_PX = 48;

export function MessageList(props: Props) {
  const { t } = useI18n();
  const [loadingEarlier, setLoadingEarlier] = createSignal(false);
  let scroller!: HTMLElement;
  let stick = true;

  const toBottom = () => {
    scroller.scrollTop = scroller.scrollHeight;
  };

  onMount(() => {
    const found = props.focusSeq && document.getElementById(`message-${props.focusSeq}`);
    const divider = scroller.querySelector(".unread-divider");
    if (found) {
      found.scrollIntoView({ block: "center" });
      found.focus({ preventScroll: true });
      stick = false;
    } else if (divider) {
      divider.scrollIntoView({ block: "start" });
      stick = false;
    } else toBottom();
  });

  createEffect(
    on(
      () => [props.messages.at(-1)?.seq, props.outgoing.length] as const,
      ([, outgoing], previous) => {
        // The customer's own new message always shows; others only if he was at the end already.
        if (stick || (previous && outgoing > previous[1])) toBottom();
      },
      { defer: true },
    ),
  );

  const loadEarlier = async () => {
    const fromBottom = scroller.scrollHeight - scroller.scrollTop;
    setLoadingEarlier(true);
    try {
      await props.onLoadEarlier();
    } finally {
      setLoadingEarlier(false);
    }
    scroller.scrollTop = scroller.scrollHeight - fromBottom;
  };

  return (
    <section
      class="messages"
      ref={scroller}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to be scrolled without a mouse (WCAG 2.1.1).
      tabIndex={0}
      aria-label={t("messages")}
      onScroll={() => {
        stick = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < STICK_PX;
      }}
    >
      <Show when={props.hasEarlier}>
        <button type="button" class="load-earlier" disabled={loadingEarlier()} onClick={loadEarlier}>
          {loadingEarlier() ? t("loadingEarlier") : t("loadEarlier")}
        </button>
      </Show>
      <ol class="message-list">
        <For each={props.messages}>
          {(message) => (
            <>
              <Show when={message.seq === props.unreadFrom}>
                <li class="unread-divider">
                  <span>{t("newMessages")}</span>
                </li>
              </Show>
              <MessageItem
                message={message}
                found={message.seq === props.focusSeq}
                link={(attachmentId) => props.link(message.seq, attachmentId)}
              />
            </>
          )}
        </For>
        {/* By position, so a retried message keeps its element (and the focus on its button). */}
        <Index each={props.outgoing}>
          {(item) => (
            <OutgoingItem
              item={item()}
              onRetry={() => props.onRetry(item().clientMessageId)}
              onDiscard={() => props.onDiscard(item().clientMessageId)}
              onSendInNew={props.onSendInNew && (() => props.onSendInNew?.(item().clientMessageId))}
            />
          )}
        </Index>
      </ol>
    </section>
  );
}
