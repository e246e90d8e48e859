import { type Accessor, createEffect, createResource, createSignal, on } from "solid-js";
import type { AgentApi } from "./agent-api";
import type { SearchHit } from "./console-types";

/** The open conversation's customer: all his conversations, and a search over everything said with him. */
export function createCustomerHistory(
  api: AgentApi,
  customerId: Accessor<string | undefined>,
  report: (error: unknown) => void,
) {
  const [conversations, { refetch }] = createResource(customerId, (id) =>
    api.customerConversations(id).catch((error: unknown) => {
      report(error);
      return [];
    }),
  );
  const [search, setSearch] = createSignal<{ query: string; hits: SearchHit[] } | null>(null);
  const [searching, setSearching] = createSignal(false);
  createEffect(on(customerId, () => setSearch(null), { defer: true }));

  return {
    conversations: () => conversations() ?? [],
    refetch: () => void refetch(),
    search,
    searching,
    async find(query: string) {
      const id = customerId();
      const q = query.trim();
      if (!id || !q) return setSearch(null);
      setSearching(true);
      try {
        const hits = await api.search(id, q);
        if (id === customerId()) setSearch({ query: q, hits });
      } catch (error) {
        report(error);
      } finally {
        setSearching(false);
      }
    },
  };
}
