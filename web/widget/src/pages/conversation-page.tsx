import { createSignal, onCleanup, onMount } from "solid-js";
import { firstUnreadSeq } from "../data/message-store.js";
import { useChat } from "../providers/chat-provider.js";
import { useNavigation } from "../providers/navigation-provider.js";
import { ConversationView } from "../ui/conversation-view.js";

/** Brings the list row back into focus after it was hidden behind the conversation on a narrow screen. */
function focusRow(conversationId: string) {
  requestAnimationFrame(() => document.getElementById(`conversation-${conversationId}`)?.focus());
}

export function ConversationPage(props: {
  conversationId: string;
  focusSeq?: number;
  keepWriting?: boolean;
}) {
  const chat = useChat();
  const navigation = useNavigation();
  const id = props.conversationId;
  // Read before the page marks the conversation read, to draw the "new messages" line.
  const unreadAtOpen = chat.conversation(id)?.unread ?? 0;
  // What is held shows at once, unless a search result asks for a message not loaded yet.
  const held = chat.loaded(id) && (chat.thread(id)?.messages[0]?.seq ?? 1) <= (props.focusSeq ?? Infinity);
  const [status, setStatus] = createSignal<"loading" | "ready" | "error">(held ? "ready" : "loading");
  const [unreadFrom, setUnreadFrom] = createSignal(
    firstUnreadSeq(chat.thread(id)?.messages ?? [], unreadAtOpen),
  );

  async function load() {
    const cached = status() === "ready";
    if (!cached) setStatus("loading");
    try {
      await chat.openConversation(id);
      if (props.focusSeq !== undefined) await chat.reveal(id, props.focusSeq);
      if (!cached) setUnreadFrom(firstUnreadSeq(chat.thread(id)?.messages ?? [], unreadAtOpen));
      setStatus("ready");
    } catch {
      if (!cached) setStatus("error");
    }
  }

  const startNew = (promise: Promise<string | undefined>) => {
    navigation.go({ name: "new" });
    void promise.then((startedId) => {
      if (startedId && navigation.route().name === "new")
        navigation.go({ name: "conversation", conversationId: startedId });
    });
  };

  onMount(() => {
    chat.setViewing(id);
    void load();
  });
  onCleanup(() => chat.setViewing(undefined));

  return (
    <ConversationView
      conversation={chat.conversation(id)}
      thread={status() === "ready" ? chat.thread(id) : undefined}
      status={status()}
      unreadFrom={unreadFrom()}
      focusSeq={props.focusSeq}
      focus={props.keepWriting ? "composer" : props.focusSeq === undefined ? "title" : "message"}
      onBack={() => {
        navigation.go({ name: "home" });
        focusRow(id);
      }}
      onReload={() => void load()}
      onLoadEarlier={() => chat.loadEarlier(id)}
      onSend={(text, files) => void chat.send(id, text, files)}
      onRetry={(clientMessageId) => void chat.retry(id, clientMessageId)}
      onDiscard={(clientMessageId) => chat.discard(id, clientMessageId)}
      onSendInNew={(clientMessageId) => startNew(chat.sendInNewConversation(id, clientMessageId))}
      onNewConversation={() => navigation.go({ name: "new" })}
      onReopen={() => chat.reopen(id)}
      link={(seq, attachmentId) => chat.attachmentLink(id, seq, attachmentId)}
    />
  );
}
