import { For, Match, Show, Switch } from "solid-js";
import type { QueryInfo } from "../data/portal-api.js";
import type { MessageKey } from "../i18n.js";
import { useI18n } from "../providers/i18n-provider.js";

const STATUS_TEXT = {
  open: "statusOpen",
  closed: "statusClosed",
  service_generated: "statusServiceGenerated",
} as const satisfies Record<QueryInfo["status"], MessageKey>;
const KIND_TEXT = { consulta: "kindConsulta", reclamo: "kindReclamo" } as const satisfies Record<
  QueryInfo["kind"],
  MessageKey
>;
export const MEANS_TEXT = { phone: "meansPhone", email: "meansEmail" } as const satisfies Record<
  QueryInfo["preferredContact"],
  MessageKey
>;

type Props = {
  queries: readonly QueryInfo[] | undefined;
  failed: boolean;
  onRetry: () => void;
};

/** The customer's queries with where each stands; what he wrote is shown as text, never as markup. */
export function QueryList(props: Props) {
  const { t, date } = useI18n();
  return (
    <section class="panel" aria-labelledby="queries-heading">
      <h2 id="queries-heading">{t("queriesHeading")}</h2>
      <Switch>
        <Match when={props.failed}>
          <p class="problem">{t("queriesFailed")}</p>
          <button type="button" onClick={() => props.onRetry()}>
            {t("tryAgain")}
          </button>
        </Match>
        <Match when={!props.queries}>
          <p class="muted">{t("loading")}</p>
        </Match>
        <Match when={props.queries?.length === 0}>
          <p class="muted">{t("noQueries")}</p>
        </Match>
        <Match when={props.queries}>
          {(queries) => (
            <ul class="queries">
              <For each={queries()}>
                {(query) => (
                  <li class="query">
                    <div class="query-head">
                      <h3>{query.subject}</h3>
                      <span class={`status status-${query.status}`}>{t(STATUS_TEXT[query.status])}</span>
                    </div>
                    <p class="muted">
                      {t(KIND_TEXT[query.kind])} · {t("sentOn", { date: date(query.createdAt) })}
                    </p>
                    <p class="query-message">{query.message}</p>
                    <Show when={query.status === "open"}>
                      <p class="muted">
                        {t("answerBy", { means: t(MEANS_TEXT[query.preferredContact]).toLowerCase() })}
                      </p>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Match>
      </Switch>
    </section>
  );
}
