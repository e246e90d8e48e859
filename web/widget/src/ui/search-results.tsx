import { For, Match, Show, Switch } from "solid-js";
import type { SearchRequest, SearchResult } from "../data/api.js";
import { highlight, type Piece, snippet } from "../data/search-match.js";
import { useI18n } from "../providers/i18n-provider.js";

type Props = {
  request: SearchRequest;
  status: "searching" | "done" | "error";
  results: readonly SearchResult[];
  subjectOf: (conversationId: string) => string | undefined;
  onOpen: (conversationId: string, seq: number) => void;
  onClose: () => void;
};

function Marked(props: { pieces: Piece[] }) {
  return <For each={props.pieces}>{(piece) => (piece.match ? <mark>{piece.text}</mark> : piece.text)}</For>;
}

export function SearchResults(props: Props) {
  const { t, time } = useI18n();
  const authorOf = (result: SearchResult) =>
    result.author === "customer"
      ? t("you")
      : result.author === "agent"
        ? (result.authorName ?? t("agent"))
        : (result.authorName ?? t("system"));
  const textOf = (result: SearchResult) =>
    result.text || result.attachmentNames.map((name) => `📎 ${name}`).join(", ");
  return (
    <section class="search-results" aria-labelledby="search-heading">
      <div class="section-head">
        <h2 id="search-heading">
          {props.request.q
            ? t("searchResultsHeading", { q: props.request.q })
            : t(`searchKindHeading.${props.request.kind ?? "images"}`)}
        </h2>
        <button type="button" onClick={() => props.onClose()}>
          {t("closeSearch")}
        </button>
      </div>
      <p class="muted" role="status">
        <Switch>
          <Match when={props.status === "searching"}>{t("searching")}</Match>
          <Match when={props.status === "error"}>{t("searchFailed")}</Match>
          <Match when={props.results.length === 0}>
            {props.request.q ? t("searchNoResults", { q: props.request.q }) : t("searchNothingOfKind")}
          </Match>
          <Match when={props.results.length === 1}>{t("searchCountOne")}</Match>
          <Match when={true}>{t("searchCountOther", { n: props.results.length })}</Match>
        </Switch>
      </p>
      <Show when={props.status === "done"}>
        <ul class="result-list">
          <For each={props.results}>
            {(result) => (
              <li>
                <button
                  type="button"
                  class="result-row"
                  onClick={() => props.onOpen(result.conversationId, result.seq)}
                >
                  <span class="row-line">
                    <span class="row-subject">{props.subjectOf(result.conversationId) ?? ""}</span>
                    <time class="row-time" datetime={result.createdAt}>
                      {time(result.createdAt)}
                    </time>
                  </span>
                  <span class="result-text">
                    <span class="result-author">{authorOf(result)}: </span>
                    <Marked pieces={snippet(highlight(textOf(result), props.request.q))} />
                  </span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
