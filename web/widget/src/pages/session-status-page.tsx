import { Match, Switch } from "solid-js";
import { PROBLEM_TEXT, retryable } from "../../../customer/src/providers/session-provider.js";
import { useFrame } from "../providers/frame-provider.js";
import { useI18n } from "../providers/i18n-provider.js";
import { useSession } from "../providers/session-provider.js";
import { AppHeader } from "../ui/app-header.js";
import { StatusScreen } from "../ui/status-screen.js";

/** Before the chat: the session starting, or why it could not. */
export function SessionStatusPage() {
  const session = useSession();
  const frame = useFrame();
  const { t } = useI18n();
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
        <Match when={session.problem()}>
          {(found) => (
            <StatusScreen
              message={t(PROBLEM_TEXT[found()])}
              busy={false}
              onRetry={retryable(found()) ? session.retry : undefined}
            />
          )}
        </Match>
      </Switch>
    </div>
  );
}
