import { Show } from "solid-js";
import { ConsolePage } from "./pages/console-page";
import { LoginPage } from "./pages/login-page";
import { I18nProvider } from "./providers/i18n-provider";
import { NoticesProvider } from "./providers/notices-provider";
import { SessionProvider, useSession } from "./providers/session-provider";

function Screens() {
  const session = useSession();
  return (
    <Show when={session.signedIn()} fallback={<LoginPage />}>
      <ConsolePage />
    </Show>
  );
}

export function App() {
  return (
    <I18nProvider>
      <NoticesProvider>
        <SessionProvider>
          <Screens />
        </SessionProvider>
      </NoticesProvider>
    </I18nProvider>
  );
}
