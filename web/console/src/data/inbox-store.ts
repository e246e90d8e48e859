import { createSignal, onCleanup } from "solid-js";
import type { AgentApi } from "./agent-api";
import type { ConversationEvent, ConversationInfo, InboxView } from "./console-types";
import {
  appendToView,
  applyInboxEvent,
  emptyInbox,
  type InboxLists,
  placeConversation,
  replaceView,
  type Viewer,
} from "./inbox-lists";

/** Several stale events in a burst (a reconnect) make one fetch, not one each. */
const REFETCH_DELAY_MS = 300;
/** A view's first page; fetching it again asks for as many as it holds, up to the API's most. */
const PAGE = 100;
const MOST = 500;

/**
 * The live inbox: fetched views kept up to date by pushed events. The closed view is only
 * fetched once somebody looks at it.
 */
export function createInboxStore(api: AgentApi, viewer: Viewer, report: (error: unknown) => void) {
  const [lists, setLists] = createSignal<InboxLists>(emptyInbox());
  const [loaded, setLoaded] = createSignal<ReadonlySet<InboxView>>(new Set());
  // Where each view's next page starts; absent when the view holds everything.
  const [cursors, setCursors] = createSignal<Partial<Record<InboxView, string>>>({});
  const [loadingMore, setLoadingMore] = createSignal<InboxView>();
  const watched = new Set<InboxView>(["queue", "mine"]);
  const stale = new Set<InboxView>();
  let inFlight = 0;
  // Events that arrive while a view is being fetched may be older or newer than the answer: apply them again after it.
  let heldEvents: ConversationEvent[] = [];
  let refetchTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(refetchTimer));

  async function fetchView(view: InboxView) {
    inFlight++;
    try {
      // A view the agent has paged through keeps its depth when an event makes it stale.
      const limit = Math.min(MOST, Math.max(PAGE, lists()[view].length));
      const { conversations, nextCursor } = await api.inbox(view, { limit });
      setLists((current) => {
        let next = replaceView(current, view, conversations);
        for (const event of heldEvents) next = applyInboxEvent(next, event, viewer).lists;
        return next;
      });
      setCursors((current) => ({ ...current, [view]: nextCursor }));
      setLoaded((views) => new Set([...views, view]));
    } catch (error) {
      report(error);
    } finally {
      if (--inFlight === 0) heldEvents = [];
    }
  }

  function scheduleRefetch(views: readonly InboxView[]) {
    for (const view of views) if (watched.has(view)) stale.add(view);
    if (!stale.size || refetchTimer) return;
    refetchTimer = setTimeout(() => {
      refetchTimer = undefined;
      const views = [...stale];
      stale.clear();
      for (const view of views) void fetchView(view);
    }, REFETCH_DELAY_MS);
  }

  return {
    lists,
    isLoaded: (view: InboxView) => loaded().has(view),
    hasMore: (view: InboxView) => cursors()[view] !== undefined,
    isLoadingMore: (view: InboxView) => loadingMore() === view,
    /** Adds the view's next page below what it shows. */
    async loadMore(view: InboxView) {
      const after = cursors()[view];
      if (!after || loadingMore()) return;
      setLoadingMore(view);
      try {
        const { conversations, nextCursor } = await api.inbox(view, { after });
        setLists((current) => appendToView(current, view, conversations));
        setCursors((current) => ({ ...current, [view]: nextCursor }));
      } catch (error) {
        report(error);
      } finally {
        setLoadingMore(undefined);
      }
    },
    /** Starts keeping a view fresh the first time it is shown. */
    watch(view: InboxView) {
      if (watched.has(view)) return;
      watched.add(view);
      void fetchView(view);
    },
    /** Fetches every watched view again (at start and after a reconnect). */
    refresh() {
      for (const view of watched) void fetchView(view);
    },
    apply(event: ConversationEvent) {
      if (inFlight) heldEvents.push(event);
      const update = applyInboxEvent(lists(), event, viewer);
      if (update.lists !== lists()) setLists(update.lists);
      scheduleRefetch(update.stale);
    },
    /** The state an action (take, release, finalize, read) returned. */
    place(conversation: ConversationInfo) {
      setLists((current) => placeConversation(current, conversation, viewer));
    },
  };
}

export type InboxStore = ReturnType<typeof createInboxStore>;
