import { Show } from "solid-js";
import type { PageConfig } from "../../customer/src/data/page-config.js";
import type { Lang } from "../../customer/src/i18n.js";
import { AccountPage } from "./pages/account-page.js";
import { SessionStatusPage } from "./pages/session-status-page.js";
import { I18nProvider } from "./providers/i18n-provider.js";
import { SessionProvider, useSession } from "./providers/session-provider.js";

function Root(props: { config: PageConfig }) {
  const session = useSession();
  // Keyed: a renewed session is another customer's account, built from scratch.
  return (
    <Show when={session.ready()} keyed fallback={<SessionStatusPage />}>
      {(ready) => (
        <AccountPage ready={ready} name={props.config.identity?.name} email={props.config.identity?.email} />
      )}
    </Show>
  );
}

export function App(props: { config: PageConfig; lang: Lang }) {
  return (
    <I18nProvider lang={props.lang}>
      <SessionProvider config={props.config}>
        <Root config={props.config} />
      </SessionProvider>
    </I18nProvider>
  );
}
