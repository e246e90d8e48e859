import { createEffect, Show } from "solid-js";
import type { PageConfig } from "../../customer/src/data/page-config.js";
import type { Lang } from "../../customer/src/i18n.js";
import { ChatPage } from "./pages/chat-page.js";
import { SessionStatusPage } from "./pages/session-status-page.js";
import { ChatProvider } from "./providers/chat-provider.js";
import { FrameProvider, useFrame } from "./providers/frame-provider.js";
import { I18nProvider, useI18n } from "./providers/i18n-provider.js";
import { NavigationProvider } from "./providers/navigation-provider.js";
import { SessionProvider, useSession } from "./providers/session-provider.js";

function Root() {
  const session = useSession();
  const frame = useFrame();
  const { lang } = useI18n();
  createEffect(() => frame.reportLanguage(lang()));
  // Keyed: a renewed session is a different customer's view, built from scratch.
  return (
    <Show when={session.ready()} keyed fallback={<SessionStatusPage />}>
      {(ready) => (
        <ChatProvider ready={ready}>
          <NavigationProvider>
            <ChatPage />
          </NavigationProvider>
        </ChatProvider>
      )}
    </Show>
  );
}

export function App(props: { config: PageConfig; lang: Lang }) {
  return (
    <I18nProvider lang={props.lang}>
      <FrameProvider embedded={props.config.embedded}>
        <SessionProvider config={props.config}>
          <Root />
        </SessionProvider>
      </FrameProvider>
    </I18nProvider>
  );
}
