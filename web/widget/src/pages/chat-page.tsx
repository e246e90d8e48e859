import { createEffect, Match, on, Switch } from "solid-js";
import { useChat } from "../providers/chat-provider.js";
import { useFrame } from "../providers/frame-provider.js";
import { useI18n } from "../providers/i18n-provider.js";
import { useNavigation } from "../providers/navigation-provider.js";
import { AppHeader } from "../ui/app-header.js";
import { ChatLayout, EmptyPane } from "../ui/chat-layout.js";
import { ConversationPage } from "./conversation-page.js";
import { InboxPage } from "./inbox-page.js";
import { NewConversationPage } from "./new-conversation-page.js";

/** The whole chat once the session is open: header, the customer's conversations, and what is open. */
export function ChatPage() {
  const chat = useChat();
  const navigation = useNavigation();
  const frame = useFrame();
  const { t } = useI18n();

  const title = () => t("pageTitle", { tenant: chat.tenantName });
  createEffect(() => {
    const unread = chat.totalUnread();
    document.title = unread ? `(${unread}) ${title()}` : title();
  });

  // Someone who never wrote has nothing to list: the place to write is what they need.
  const firstVisit = () => chat.listStatus() === "ready" && chat.conversations().length === 0;
  const place = () => {
    const route = navigation.route();
    return route.name === "home" && firstVisit() ? "new" : route.name;
  };
  const openConversation = () => {
    const route = navigation.route();
    return route.name === "conversation" ? route : undefined;
  };

  // Opening the launcher's panel puts the keyboard where the customer can act.
  createEffect(
    on(frame.open, (open) => {
      if (!open || !frame.embedded) return;
      const target = document.getElementById("composer-text") ?? document.getElementById("new-conversation");
      target?.focus();
    }),
  );

  return (
    <ChatLayout
      pane={place() === "home" ? "list" : "detail"}
      header={
        <AppHeader
          title={title()}
          offline={chat.live() === "offline"}
          announcement={chat.announcement()}
          embedded={frame.embedded}
          onClose={frame.close}
        />
      }
      inbox={<InboxPage />}
      main={
        <Switch fallback={<EmptyPane />}>
          <Match when={place() === "new"}>
            <NewConversationPage canGoBack={!firstVisit()} />
          </Match>
          <Match when={openConversation()} keyed>
            {(route) => (
              <ConversationPage
                conversationId={route.conversationId}
                focusSeq={route.focusSeq}
                keepWriting={route.keepWriting}
              />
            )}
          </Match>
        </Switch>
      }
    />
  );
}
