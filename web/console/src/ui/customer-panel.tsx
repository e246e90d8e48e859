import { For, Show } from "solid-js";
import type { ConversationInfo, SearchHit } from "../data/console-types";
import { formatTime } from "../data/format";
import { useI18n } from "../providers/i18n-provider";

type Props = {
  customerName: string | undefined;
  /** The customer's conversations other than the one open. */
  earlier: ConversationInfo[];
  search: { query: string; hits: SearchHit[] } | null;
  searching: boolean;
  now: number;
  dispositionLabel(code: string): string;
  onOpen(conversationId: string): void;
  onSearch(query: string): void;
  onOpenHit(hit: SearchHit): void;
};

export function CustomerPanel(props: Props) {
  const { t, lang } = useI18n();
  let query!: HTMLInputElement;

  const state = (conversation: ConversationInfo) => {
    if (conversation.status === "closed") {
      return t("conversation.closed", {
        disposition: props.dispositionLabel(conversation.disposition ?? ""),
      });
    }
    if (conversation.status === "queued") return t("conversation.queued");
    return t("conversation.assignedTo", { name: conversation.assigneeName ?? "" });
  };

  const searchStatus = () => {
    const search = props.search;
    if (!search) return "";
    return search.hits.length
      ? t("customer.results", { count: search.hits.length })
      : t("customer.noResults", { query: search.query });
  };

  return (
    <aside class="customer" aria-labelledby="customer-heading">
      <h2 id="customer-heading">{t("customer.heading")}</h2>
      <p class="customer-name">{props.customerName ?? t("customer.unnamed")}</p>

      <section aria-labelledby="earlier-heading">
        <h3 id="earlier-heading">{t("customer.earlier")}</h3>
        <Show when={props.earlier.length} fallback={<p class="muted">{t("customer.noEarlier")}</p>}>
          <ul class="earlier">
            <For each={props.earlier}>
              {(conversation) => (
                <li>
                  <button
                    type="button"
                    class="history-row"
                    onClick={() => props.onOpen(conversation.conversationId)}
                  >
                    <span class="row-subject">{conversation.subject}</span>
                    <span class="row-meta">
                      <time datetime={conversation.createdAt}>
                        {formatTime(lang(), conversation.createdAt, props.now)}
                      </time>
                      {" · "}
                      {state(conversation)}
                    </span>
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>

      <section aria-labelledby="search-heading">
        <h3 id="search-heading">{t("customer.search")}</h3>
        <search>
          <form
            class="search"
            onSubmit={(event) => {
              event.preventDefault();
              props.onSearch(query.value);
            }}
          >
            <input ref={query} type="search" name="q" maxLength={200} aria-labelledby="search-heading" />
            <button type="submit" disabled={props.searching}>
              {t("customer.searchButton")}
            </button>
          </form>
        </search>
        <p role="status" class="search-status">
          {searchStatus()}
        </p>
        <Show when={props.search}>
          {(search) => (
            <ul class="search-results">
              <For each={search().hits}>
                {(hit) => (
                  <li>
                    <button type="button" class="history-row" onClick={() => props.onOpenHit(hit)}>
                      <span class="row-preview">{hit.text || hit.attachmentNames.join(", ")}</span>
                      <span class="row-meta">
                        {hit.author === "customer"
                          ? (props.customerName ?? t("message.customer"))
                          : (hit.authorName ?? t(`message.${hit.author}`))}
                        {" · "}
                        <time datetime={hit.createdAt}>{formatTime(lang(), hit.createdAt, props.now)}</time>
                      </span>
                    </button>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Show>
      </section>
    </aside>
  );
}
