import { createSignal } from "solid-js";
import { useI18n } from "../providers/i18n-provider.js";
import { Icon } from "./icons.js";

export function SearchForm(props: { onSearch: (query: string) => void }) {
  const { t } = useI18n();
  const [query, setQuery] = createSignal("");
  return (
    <search>
      <form
        class="search-form"
        onSubmit={(event) => {
          event.preventDefault();
          const q = query().trim();
          if (q) props.onSearch(q);
        }}
      >
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
      </form>
    </search>
  );
}
