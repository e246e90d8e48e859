import { createSignal, For } from "solid-js";
import type { SearchKind, SearchRequest } from "../data/api.js";
import { useI18n } from "../providers/i18n-provider.js";
import { Icon } from "./icons.js";

const KINDS: readonly SearchKind[] = ["images", "documents", "links", "interactive"];

/** Words, a kind of thing received, or both: "the map they sent me" is a picture before it is words. */
export function SearchForm(props: { onSearch: (request: SearchRequest) => void }) {
  const { t } = useI18n();
  const [query, setQuery] = createSignal("");
  const [kind, setKind] = createSignal<SearchKind>();
  const search = () => {
    const q = query().trim();
    const chosen = kind();
    if (q || chosen) props.onSearch({ q, ...(chosen && { kind: chosen }) });
  };
  return (
    <search>
      <form
        class="search-form"
        onSubmit={(event) => {
          event.preventDefault();
          search();
        }}
      >
        <div class="search-line">
          <label class="visually-hidden" for="history-search">
            {t("searchLabel")}
          </label>
          <input
            id="history-search"
            type="search"
            maxLength={200}
            placeholder={t("searchLabel")}
            value={query()}
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
          <button type="submit" class="icon-button" aria-label={t("searchButton")}>
            <Icon name="search" />
          </button>
        </div>
        <fieldset class="search-kinds">
          <legend class="visually-hidden">{t("searchKindLegend")}</legend>
          <For each={[undefined, ...KINDS]}>
            {(option) => (
              <label class="kind-chip">
                <input
                  type="radio"
                  name="search-kind"
                  checked={kind() === option}
                  onChange={() => {
                    setKind(option);
                    search();
                  }}
                />
                <span>{t(option ? `searchKind.${option}` : "searchKind.all")}</span>
              </label>
            )}
          </For>
        </fieldset>
      </form>
    </search>
  );
}
