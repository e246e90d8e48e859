import { Show } from "solid-js";
import { useI18n } from "../providers/i18n-provider.js";

/** What shows while the session starts, or why it could not. */
export function StatusScreen(props: { message: string; busy: boolean; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <main class="status-screen" aria-busy={props.busy}>
      <p role={props.busy ? "status" : "alert"}>{props.message}</p>
      <Show when={props.onRetry}>
        {(retry) => (
          <button type="button" class="primary" onClick={() => retry()()}>
            {t("tryAgain")}
          </button>
        )}
      </Show>
    </main>
  );
}
