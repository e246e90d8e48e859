import { type JSX, Show } from "solid-js";
import type { SearchRequest } from "../data/api.js";
import { useI18n } from "../providers/i18n-provider.js";
import { Icon } from "./icons.js";
import { SearchForm } from "./search-form.js";

type Props = {
  onSearch: (request: SearchRequest) => void;
  onNewConversation: () => void;
  /** Search results replace the list while a search is open. */
  searching: boolean;
  results: JSX.Element;
  list: JSX.Element;
};

export function InboxView(props: Props) {
  const { t } = useI18n();
  return (
    <>
      <SearchForm onSearch={props.onSearch} />
      <button
        id="new-conversation"
        type="button"
        class="primary new-conversation"
        onClick={() => props.onNewConversation()}
      >
        <Icon name="plus" />
        <span>{t("newConversation")}</span>
      </button>
      <Show
        when={props.searching}
        fallback={
          <section class="conversations" aria-labelledby="conversations-heading">
            <h2 id="conversations-heading" class="section-title">
              {t("conversationsHeading")}
            </h2>
            {props.list}
          </section>
        }
      >
        {props.results}
      </Show>
    </>
  );
}
