import { Show } from "solid-js";
import type { MessageKey } from "../i18n.js";
import { useI18n } from "../providers/i18n-provider.js";
import { type SessionProblem, useSession } from "../providers/session-provider.js";
import { PortalHeader } from "../ui/portal-header.js";

const PROBLEM_TEXT = {
  tenant: "errorTenant",
  identity: "errorIdentity",
  rate_limited: "errorRateLimited",
  generic: "errorGeneric",
} as const satisfies Record<SessionProblem, MessageKey>;

/** Before "Mi cuenta": the session starting, or why it could not. */
export function SessionStatusPage() {
  const session = useSession();
  const { t } = useI18n();
  const problem = () => {
    const state = session.state();
    return state.status === "error" ? state.problem : undefined;
  };
  return (
    <div class="page">
      <PortalHeader />
      <main>
        <h1>{t("heading")}</h1>
        <Show when={problem()} fallback={<p role="status">{t("loading")}</p>}>
          {(found) => (
            <div role="alert">
              <p>{t(PROBLEM_TEXT[found()])}</p>
              <Show when={found() !== "tenant" && found() !== "identity"}>
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
