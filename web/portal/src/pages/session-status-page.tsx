import { Show } from "solid-js";
import { PROBLEM_TEXT, retryable } from "../../../customer/src/providers/session-provider.js";
import { useI18n } from "../providers/i18n-provider.js";
import { useSession } from "../providers/session-provider.js";
import { PortalHeader } from "../ui/portal-header.js";

/** Before "Mi cuenta": the session starting, or why it could not. */
export function SessionStatusPage() {
  const session = useSession();
  const { t } = useI18n();
  return (
    <div class="page">
      <PortalHeader />
      <main>
        <h1>{t("heading")}</h1>
        <Show when={session.problem()} fallback={<p role="status">{t("loading")}</p>}>
          {(found) => (
            <div role="alert">
              <p>{t(PROBLEM_TEXT[found()])}</p>
              <Show when={retryable(found())}>
                <button type="button" onClick={() => session.retry()}>
                  {t("tryAgain")}
                </button>
              </Show>
            </div>
          )}
        </Show>
      </main>
    </div>
  );
}
