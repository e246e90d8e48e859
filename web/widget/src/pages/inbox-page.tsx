import { createSignal } from "solid-js";
import type { SearchRequest, SearchResult } from "../data/api.js";
import { useChat } from "../providers/chat-provider.js";
import { useNavigation } from "../providers/navigation-provider.js";
import { ConversationList } from "../ui/conversation-list.js";
import { InboxView } from "../ui/inbox-view.js";
import { SearchResults } from "../ui/search-results.js";

type Search = { request: SearchRequest; status: "searching" | "done" | "error"; results: SearchResult[] };

/** The customer's conversations, or what a search of all of them found. */
export function InboxPage() {
  const chat = useChat();
  const navigation = useNavigation();
  const [search, setSearch] = createSignal<Search>();

  const runSearch = async (request: SearchRequest) => {
    setSearch({ request, status: "searching", results: [] });
    try {
      const results = await chat.search(request);
      if (search()?.request === request) setSearch({ request, status: "done", results });
    } catch {
      if (search()?.request === request) setSearch({ request, status: "error", results: [] });
    }
  };

  const current = () => {
    const route = navigation.route();
    return route.name === "conversation" ? route.conversationId : undefined;
  };

  return (
    <InboxView
      onSearch={runSearch}
      onNewConversation={() => navigation.go({ name: "new" })}
      searching={search() !== undefined}
      results={
        <SearchResults
          request={search()?.request ?? { q: "" }}
          status={search()?.status ?? "searching"}
          results={search()?.results ?? []}
          subjectOf={(id) => chat.conversation(id)?.subject}
          onOpen={(conversationId, seq) =>
            navigation.go({ name: "conversation", conversationId, focusSeq: seq })
          }
          onClose={() => setSearch(undefined)}
        />
      }
      list={
        <ConversationList
          conversations={chat.conversations()}
          status={chat.listStatus()}
          currentId={current()}
          onOpen={(conversationId) => navigation.go({ name: "conversation", conversationId })}
          onRetry={() => void chat.refreshConversations()}
        />
      }
    />
  );
}
