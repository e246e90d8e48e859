import { Match, Switch } from "solid-js";
import type { MessageKey } from "../i18n.js";
import { useFrame } from "../providers/frame-provider.js";
import { useI18n } from "../providers/i18n-provider.js";
import { type SessionProblem, useSession } from "../providers/session-provider.js";
import { AppHeader } from "../ui/app-header.js";
import { StatusScreen } from "../ui/status-screen.js";

const PROBLEM_TEXT = {
  tenant: "errorTenant",
  identity: "errorIdentity",
  rate_limited: "errorRateLimited",
  generic: "errorGeneric",
} as const satisfies Record<SessionProblem, MessageKey>;

/** Before the chat: the session starting, or why it could not. */
export function SessionStatusPage() {
  const session = useSession();
  const frame = useFrame();
  const { t } = useI18n();
  const problem = () => {
    const state = session.state();
    return state.status === "error" ? state.problem : undefined;
  };
  return (
    <div class="app">
      <AppHeader
        title="Chat"
        offline={false}
        announcement=""
        embedded={frame.embedded}
        onClose={frame.close}
      />
      <Switch fallback={<StatusScreen message={t("loading")} busy />}>
        <Match when={problem()}>
          {(found) => (
            <StatusScreen
              message={t(PROBLEM_TEXT[found()])}
              busy={false}
              onRetry={found() === "tenant" || found() === "identity" ? undefined : session.retry}
            />
          )}
        </Match>
      </Switch>
    </div>
  );
}
