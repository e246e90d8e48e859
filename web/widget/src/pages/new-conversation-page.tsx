import { NEW_CONVERSATION, useChat } from "../providers/chat-provider.js";
import { useNavigation } from "../providers/navigation-provider.js";
import { NewConversationView } from "../ui/new-conversation-view.js";

export function NewConversationPage(props: { canGoBack: boolean }) {
  const chat = useChat();
  const navigation = useNavigation();

  /** Once the server has the first message, the customer is in the conversation it started. */
  const open = async (started: Promise<string | undefined>) => {
    const conversationId = await started;
    if (conversationId && navigation.route().name !== "conversation")
      navigation.go({ name: "conversation", conversationId, keepWriting: true });
  };

  return (
    <NewConversationView
      outgoing={chat.thread(NEW_CONVERSATION)?.outgoing ?? []}
      canGoBack={props.canGoBack}
      onBack={() => navigation.go({ name: "home" })}
      onSend={(text, files) => void open(chat.send(NEW_CONVERSATION, text, files))}
      onRetry={(clientMessageId) => void open(chat.retry(NEW_CONVERSATION, clientMessageId))}
      onDiscard={(clientMessageId) => chat.discard(NEW_CONVERSATION, clientMessageId)}
    />
  );
}
