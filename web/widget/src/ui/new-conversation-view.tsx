import { Index, Show } from "solid-js";
import type { Outgoing } from "../data/message-store.js";
import { useI18n } from "../providers/i18n-provider.js";
import { Composer } from "./composer.js";
import { OutgoingItem } from "./message-item.js";
import { PaneHead } from "./pane-head.js";

type Props = {
  outgoing: readonly Outgoing[];
  /** False when there is nothing to go back to (a customer who never wrote before). */
  canGoBack: boolean;
  onBack: () => void;
  onSend: (text: string, files: File[]) => void;
  onRetry: (clientMessageId: string) => void;
  onDiscard: (clientMessageId: string) => void;
};

export function NewConversationView(props: Props) {
  const { t } = useI18n();
  return (
    <section class="conversation" aria-labelledby="new-conversation-title">
      <PaneHead
        titleId="new-conversation-title"
        title={t("newConversation")}
        onBack={props.canGoBack ? props.onBack : undefined}
      />
      <div class="messages">
        <p class="intro">{t("newConversationIntro")}</p>
        <Show when={props.outgoing.length > 0}>
          <ol class="message-list">
            <Index each={props.outgoing}>
              {(item) => (
                <OutgoingItem
                  item={item()}
                  onRetry={() => props.onRetry(item().clientMessageId)}
                  onDiscard={() => props.onDiscard(item().clientMessageId)}
                />
              )}
            </Index>
          </ol>
        </Show>
      </div>
      <Composer onSend={props.onSend} autofocus />
    </section>
  );
}
