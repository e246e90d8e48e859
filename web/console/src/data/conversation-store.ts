import { createSignal } from "solid-js";
import type { AgentApi } from "./agent-api";
import type {
  AgentMessageInput,
  ConversationEvent,
  ConversationInfo,
  Delivery,
  LoggedMessage,
} from "./console-types";
import { withDelivery, withPendingDeliveries } from "./delivery";
import { conversationAfter, messageOf, withMessage, withNewestMessage } from "./inbox-lists";
import { lastSeq, mergeMessages } from "./message-log";

const PAGE = 50;
const CATCH_UP_PAGE = 200;
/** Enough rounds for any conversation a person reads; a runaway loop stops here. */
const MAX_ROUNDS = 20;

/**
 * The conversation open in the centre pane: its state and an unbroken run of its messages,
 * kept live from pushed events and caught up by sequence number whenever a gap shows.
 * Actions throw the API's errors for the page to explain.
 */
export function createConversationStore(api: AgentApi, report: (error: unknown) => void) {
  const [conversation, setConversation] = createSignal<ConversationInfo>();
  const [messages, setMessages] = createSignal<readonly LoggedMessage[]>([]);
  const [loading, setLoading] = createSignal(false);
  let openId: string | undefined;
  // Events for the conversation being loaded wait for its first page.
  let held: ConversationEvent[] = [];
  let catchUpWanted = false;
  let catchingUp = false;
  // Receipts for messages not loaded yet: a receipt can beat the message it is about.
  let pendingDeliveries = new Map<number, Delivery>();

  const update = (latest: ConversationInfo) => {
    if (latest.conversationId === openId) setConversation((known) => withNewestMessage(latest, known));
  };

  /** Adds messages; true when one lies beyond a gap and the rest must be fetched. */
  const absorb = (incoming: readonly LoggedMessage[]) => {
    const result = mergeMessages(messages(), incoming);
    if (result.messages !== messages()) {
      const merged = withPendingDeliveries(result.messages, pendingDeliveries);
      for (const message of merged) pendingDeliveries.delete(message.seq);
      setMessages(merged);
    }
    return result.gapAfter !== undefined;
  };

  async function catchUp() {
    catchUpWanted = true;
    if (catchingUp) return;
    catchingUp = true;
    const id = openId;
    try {
      for (let round = 0; catchUpWanted && round < MAX_ROUNDS && id === openId; round++) {
        catchUpWanted = false;
        const page = await api.conversation(id!, { after: lastSeq(messages()), limit: CATCH_UP_PAGE });
        if (id !== openId) return;
        update(page.conversation);
        absorb(page.messages);
        if (lastSeq(messages()) < page.conversation.messageSeq) catchUpWanted = true;
      }
    } catch (error) {
      report(error);
    } finally {
      catchingUp = false;
    }
  }

  function apply(event: ConversationEvent) {
    if (event.data.conversationId !== openId) return;
    if (loading()) {
      held.push(event);
      return;
    }
    setConversation((current) => current && conversationAfter(current, event));
    if (event.name === "message.received" || event.name === "message.sent") {
      if (absorb([messageOf(event)])) void catchUp();
    }
    if (event.name === "message.delivery_changed") {
      const { seq, delivery } = event.data;
      const next = withDelivery(messages(), { seq, delivery });
      if (next !== messages()) setMessages(next);
      else if (!messages().some((m) => m.seq === seq)) pendingDeliveries.set(seq, delivery);
    }
  }

  async function loadOlder(limit = PAGE) {
    const id = openId;
    const first = messages()[0];
    if (!id || !first || first.seq <= 1) return;
    const page = await api.conversation(id, { before: first.seq, limit });
    if (id === openId) absorb(page.messages);
  }

  return {
    conversation,
    messages,
    loading,
    async open(id: string) {
      openId = id;
      held = [];
      pendingDeliveries = new Map();
      setConversation(undefined);
      setMessages([]);
      setLoading(true);
      try {
        const page = await api.conversation(id);
        if (id !== openId) return;
        setConversation(page.conversation);
        setMessages(mergeMessages([], page.messages).messages);
      } catch (error) {
        if (id === openId) report(error);
      } finally {
        if (id === openId) {
          setLoading(false);
          const waiting = held;
          held = [];
          for (const event of waiting) apply(event);
        }
      }
    },
    close() {
      openId = undefined;
      setConversation(undefined);
      setMessages([]);
      setLoading(false);
    },
    apply,
    /**
     * Fetches whatever came after the last loaded message, and the conversation's state; after a
     * reconnect also the latest page again, for the receipts that arrived while the socket was down.
     */
    async refresh(options: { deliveries?: boolean } = {}) {
      await catchUp();
      const id = openId;
      if (!options.deliveries || !id || !messages().some((m) => m.delivery)) return;
      try {
        const page = await api.conversation(id, { limit: PAGE });
        if (id !== openId) return;
        let next = messages();
        for (const { seq, delivery } of page.messages)
          if (delivery) next = withDelivery(next, { seq, delivery });
        if (next !== messages()) setMessages(next);
      } catch (error) {
        report(error);
      }
    },
    loadOlder: () => loadOlder().catch(report),
    /** Scrolls back until `seq` is loaded (a search result deep in the history). */
    async loadThrough(seq: number) {
      try {
        for (let round = 0; round < MAX_ROUNDS && (messages()[0]?.seq ?? 0) > seq; round++) {
          await loadOlder(CATCH_UP_PAGE);
        }
      } catch (error) {
        report(error);
      }
    },
    /** The conversation's state after an action, for the pane and the caller. */
    async act(run: (id: string) => Promise<ConversationInfo>) {
      const id = openId;
      if (!id) return undefined;
      const latest = await run(id);
      update(latest);
      return latest;
    },
    async send(input: AgentMessageInput) {
      const id = openId;
      if (!id) return;
      const message = await api.send(id, input);
      if (id !== openId) return;
      setConversation((current) => current && withMessage(current, message));
      if (absorb([message])) void catchUp();
    },
  };
}

export type ConversationStore = ReturnType<typeof createConversationStore>;
