import { createSignal, For, Show } from "solid-js";
import { type Queue, queueLabel } from "../data/case-summary";
import type { ConversationInfo, InboxView } from "../data/console-types";
import { formatDuration, formatTime } from "../data/format";
import { type InboxLists, unreadIn } from "../data/inbox-lists";
import { useI18n } from "../providers/i18n-provider";
import { ChannelTag } from "./channel-tag";

const VIEWS: InboxView[] = ["queue", "mine", "closed"];

type Props = {
  lists: InboxLists;
  view: InboxView;
  loaded: boolean;
  /** Whether the shown view has more conversations than it holds, and whether they are on their way. */
  hasMore: (view: InboxView) => boolean;
  loadingMore: boolean;
  onLoadMore(): void;
  selectedId: string | undefined;
  now: number;
  dispositionLabel(code: string): string;
  onView(view: InboxView): void;
  onSelect(conversationId: string): void;
  /** The tenant's departments: each row names its own, and the queue can be narrowed to one. */
  queues?: readonly Queue[];
};

export function InboxPanel(props: Props) {
  const { t, lang } = useI18n();
  const tabs: HTMLButtonElement[] = [];
  const [department, setDepartment] = createSignal("");
  const departments = () => props.queues ?? [];
  const shown = () =>
    props.view === "queue" && department()
      ? props.lists.queue.filter((conversation) => (conversation.queueId ?? "general") === department())
      : props.lists[props.view];

  // Arrow keys move between tabs and show them, as the ARIA tabs pattern has it.
  const onTabKey = (event: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: VIEWS.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = (target + VIEWS.length) % VIEWS.length;
    props.onView(VIEWS[next]!);
    tabs[next]?.focus();
  };

  const when = (conversation: ConversationInfo) => {
    if (conversation.status === "queued") {
      return t("inbox.waiting", { time: formatDuration(props.now - Date.parse(conversation.createdAt)) });
    }
    if (conversation.status === "closed") {
      return t("inbox.closedAt", {
        time: formatTime(lang(), conversation.closedAt ?? conversation.lastActivityAt, props.now),
      });
    }
    return formatTime(lang(), conversation.lastActivityAt, props.now);
  };

  return (
    <nav class="inbox" aria-labelledby="inbox-heading">
      <h2 id="inbox-heading" class="visually-hidden">
        {t("inbox.heading")}
      </h2>
      <div class="tabs" role="tablist" aria-label={t("inbox.views")}>
        <For each={VIEWS}>
          {(view, index) => {
            const list = () => props.lists[view];
            const unread = () => (view === "closed" ? 0 : unreadIn(list()));
            return (
              <button
                ref={(element) => {
                  tabs[index()] = element;
                }}
                type="button"
                role="tab"
                id={`inbox-tab-${view}`}
                aria-selected={props.view === view}
                aria-controls="inbox-list"
                tabIndex={props.view === view ? 0 : -1}
                onClick={() => props.onView(view)}
                onKeyDown={(event) => onTabKey(event, index())}
              >
                {t(`inbox.${view}`)}
                <Show when={view !== "closed"}>
                  <span class="count">
                    {" "}
                    ({list().length}
                    {props.hasMore(view) ? "+" : ""})
                  </span>
                </Show>
                <Show when={unread() > 0}>
                  <span class="badge">
                    <span aria-hidden="true">{unread()}</span>
                    <span class="visually-hidden">, {t("inbox.unread", { count: unread() })}</span>
                  </span>
                </Show>
              </button>
            );
          }}
        </For>
      </div>
      <div class="inbox-list" role="tabpanel" id="inbox-list" aria-labelledby={`inbox-tab-${props.view}`}>
        <Show when={props.view === "queue" && departments().length > 1}>
          <label class="inbox-department">
            {t("inbox.department")}{" "}
            <select value={department()} onChange={(event) => setDepartment(event.currentTarget.value)}>
              <option value="">{t("inbox.allDepartments")}</option>
              <For each={departments()}>
                {(queue) => <option value={queue.queueId}>{queue[lang()]}</option>}
              </For>
            </select>
          </label>
        </Show>
        <Show when={props.loaded} fallback={<p class="muted">{t("inbox.loading")}</p>}>
          <Show when={shown().length} fallback={<p class="muted">{t(`inbox.empty.${props.view}`)}</p>}>
            <ul>
              <For each={shown()}>
                {(conversation) => (
                  <li>
                    <button
                      type="button"
                      class="inbox-row"
                      aria-current={props.selectedId === conversation.conversationId ? "true" : undefined}
                      onClick={() => props.onSelect(conversation.conversationId)}
                    >
                      <span class="row-line">
                        <span class="row-name">{conversation.customerName ?? t("customer.unnamed")}</span>
                        <time class="row-time" datetime={conversation.lastActivityAt}>
                          {when(conversation)}
                        </time>
                      </span>
                      <span class="row-channel">
                        <ChannelTag channel={conversation.channel} />
                        <Show when={departments().length > 1 && conversation.status !== "closed"}>
                          <span class="row-department">
                            {queueLabel(departments(), conversation.queueId, lang())}
                          </span>
                        </Show>
                        {/* The script tree's tipo, which routes the case by Kardex profile (issue 7). */}
                        <Show when={conversation.tipo}>
                          {(tipo) => (
                            <span class="row-department">
                              <span class="visually-hidden">{t("inbox.tipo")} </span>
                              {tipo()}
                            </span>
                          )}
                        </Show>
                      </span>
                      <span class="row-subject">{conversation.subject}</span>
                      <Show when={conversation.lastMessagePreview !== conversation.subject}>
                        <span class="row-preview">{conversation.lastMessagePreview}</span>
                      </Show>
                      <Show when={conversation.disposition}>
                        {(code) => <span class="row-disposition">{props.dispositionLabel(code())}</span>}
                      </Show>
                      <Show when={conversation.unread > 0 && conversation.status !== "closed"}>
                        <span class="badge">{t("inbox.unread", { count: conversation.unread })}</span>
                      </Show>
                    </button>
                  </li>
                )}
              </For>
            </ul>
            <Show when={props.hasMore(props.view)}>
              <button
                type="button"
                class="load-more"
                disabled={props.loadingMore}
                onClick={() => props.onLoadMore()}
              >
                {props.loadingMore ? t("inbox.loadingMore") : t("inbox.loadMore")}
              </button>
            </Show>
          </Show>
        </Show>
      </div>
    </nav>
  );
}
