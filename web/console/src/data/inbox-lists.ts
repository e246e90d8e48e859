import type {
  ConversationEvent,
  ConversationInfo,
  InboxView,
  LoggedMessage,
  MessageInfo,
} from "./console-types";
import { isWindowed, windowAfterCustomerMessage } from "./messaging-window";
import { previewOf } from "./preview";

/** The three inbox views as the server orders them: queue oldest first, the others newest first. */
export type InboxLists = Record<InboxView, ConversationInfo[]>;

export const emptyInbox = (): InboxLists => ({ queue: [], mine: [], closed: [] });

/** Whose inbox: "mine" holds the conversations assigned to this staff member. */
export type Viewer = { staffId: string };

/** A view the console cannot bring up to date from an event alone, to fetch again. */
export type InboxUpdate = { lists: InboxLists; stale: InboxView[] };

const byActivity = (a: ConversationInfo, b: ConversationInfo) =>
  a.lastActivityAt.localeCompare(b.lastActivityAt);
const closedTime = (c: ConversationInfo) => c.closedAt ?? c.lastActivityAt;

export function viewOf(conversation: ConversationInfo, viewer: Viewer): InboxView | null {
  if (conversation.status === "queued") return "queue";
  if (conversation.status === "closed") return "closed";
  return conversation.assigneeId === viewer.staffId ? "mine" : null;
}

export function findConversation(lists: InboxLists, conversationId: string) {
  for (const list of Object.values(lists)) {
    const found = list.find((c) => c.conversationId === conversationId);
    if (found) return found;
  }
  return undefined;
}

/**
 * Puts the latest state of a conversation where it now belongs, out of every other view.
 * A conversation assigned to someone else leaves the viewer's lists altogether.
 */
export function placeConversation(lists: InboxLists, latest: ConversationInfo, viewer: Viewer): InboxLists {
  const id = latest.conversationId;
  const conversation = withNewestMessage(latest, findConversation(lists, id));
  const without = (list: ConversationInfo[]) =>
    list.some((c) => c.conversationId === id) ? list.filter((c) => c.conversationId !== id) : list;
  const next: InboxLists = {
    queue: without(lists.queue),
    mine: without(lists.mine),
    closed: without(lists.closed),
  };
  const view = viewOf(conversation, viewer);
  if (view === "queue") next.queue = [...next.queue, conversation].sort(byActivity);
  if (view === "mine") next.mine = [...next.mine, conversation].sort((a, b) => byActivity(b, a));
  if (view === "closed") {
    next.closed = [...next.closed, conversation].sort((a, b) => closedTime(b).localeCompare(closedTime(a)));
  }
  return next;
}

/** An action's answer can be older than a message pushed meanwhile: the newest message's fields win. */
export function withNewestMessage(
  latest: ConversationInfo,
  known: ConversationInfo | undefined,
): ConversationInfo {
  if (!known || known.messageSeq <= latest.messageSeq) return latest;
  const { messageSeq, lastMessagePreview, lastMessageAuthor, lastActivityAt, unread, window } = known;
  return {
    ...latest,
    messageSeq,
    lastMessagePreview,
    lastMessageAuthor,
    lastActivityAt,
    unread,
    ...(window && { window }),
  };
}

/**
 * The conversation after one of its messages: counters move only for a sequence number not seen
 * yet. A customer's message on WhatsApp or Messenger opens the 24 h window again.
 */
export function withMessage(conversation: ConversationInfo, message: MessageInfo): ConversationInfo {
  if (message.seq <= conversation.messageSeq) return conversation;
  const reopens = message.author === "customer" && isWindowed(conversation.channel);
  return {
    ...conversation,
    ...(reopens && { window: windowAfterCustomerMessage(message.createdAt) }),
    messageSeq: message.seq,
    lastMessagePreview: previewOf(
      message.text,
      message.attachments.map((a) => a.name),
    ),
    lastMessageAuthor: message.author,
    lastActivityAt: message.createdAt,
    unread: message.author === "customer" ? conversation.unread + 1 : conversation.unread,
  };
}

/**
 * A conversation after one event about it. Events may repeat (a replay after a reconnect);
 * applying one twice gives the same conversation back.
 */
export function conversationAfter(
  conversation: ConversationInfo,
  event: ConversationEvent,
): ConversationInfo {
  switch (event.name) {
    case "conversation.started":
      return conversation;
    case "conversation.assigned": {
      if (conversation.status === "closed") return conversation;
      const { assigneeId, assigneeName } = event.data;
      return { ...conversation, status: "assigned", assigneeId, assigneeName };
    }
    case "conversation.released": {
      if (conversation.status !== "assigned") return conversation;
      const { assigneeId: _id, assigneeName: _name, ...rest } = conversation;
      return { ...rest, status: "queued" };
    }
    case "conversation.closed": {
      if (conversation.status === "closed") return conversation;
      const { disposition, closedAt } = event.data;
      return { ...conversation, status: "closed", disposition, closedAt, lastActivityAt: closedAt };
    }
    case "conversation.reopened": {
      if (conversation.status !== "closed") return conversation;
      const { disposition: _disposition, closedAt: _closedAt, ...rest } = conversation;
      const { status, assigneeId, assigneeName, reopenedAt } = event.data;
      return { ...rest, status, assigneeId, assigneeName, lastActivityAt: reopenedAt };
    }
    case "conversation.read": {
      const { reader, seq } = event.data;
      if (reader !== "agent" || seq < conversation.messageSeq || conversation.unread === 0)
        return conversation;
      return { ...conversation, unread: 0 };
    }
    case "message.received":
    case "message.sent":
      return withMessage(conversation, messageOf(event));
    case "message.delivery_changed":
      return conversation;
  }
}

const unchanged = (lists: InboxLists): InboxUpdate => ({ lists, stale: [] });

/**
 * Brings the inbox up to date with one pushed event, in any order and any number of times.
 * What an event cannot say on its own (a conversation the lists do not hold yet) comes back
 * as a stale view to fetch again.
 */
export function applyInboxEvent(lists: InboxLists, event: ConversationEvent, viewer: Viewer): InboxUpdate {
  const current = findConversation(lists, event.data.conversationId);
  if (current) {
    const next = conversationAfter(current, event);
    return next === current ? unchanged(lists) : unchanged(placeConversation(lists, next, viewer));
  }
  const stale = (view: InboxView): InboxUpdate => ({ lists, stale: [view] });
  switch (event.name) {
    case "conversation.started": {
      const { conversationId, customerId, channel, subject } = event.data;
      // A conversation starts with the customer's first message, sequence number 1, unread.
      const started: ConversationInfo = {
        conversationId,
        customerId,
        channel,
        status: "queued",
        subject,
        lastMessagePreview: subject,
        lastMessageAuthor: "customer",
        messageSeq: 1,
        unread: 1,
        createdAt: event.occurredAt,
        lastActivityAt: event.occurredAt,
        ...(isWindowed(channel) && { window: windowAfterCustomerMessage(event.occurredAt) }),
      };
      // The event does not carry the customer's name: the queue is fetched again for it.
      return { lists: placeConversation(lists, started, viewer), stale: ["queue"] };
    }
    case "conversation.assigned":
      return event.data.assigneeId === viewer.staffId ? stale("mine") : unchanged(lists);
    case "conversation.released":
      return stale("queue");
    case "conversation.closed":
      return stale("closed");
    case "conversation.reopened":
      return event.data.assigneeId === undefined
        ? stale("queue")
        : event.data.assigneeId === viewer.staffId
          ? stale("mine")
          : unchanged(lists);
    case "conversation.read":
    case "message.delivery_changed":
      return unchanged(lists);
    case "message.received":
    case "message.sent": {
      // An agent hears only of queued conversations and his own: one missing from his lists means they are behind.
      const { assigneeId } = event.data;
      if (assigneeId === undefined) return stale("queue");
      return assigneeId === viewer.staffId ? stale("mine") : unchanged(lists);
    }
  }
}

/** A view as fetched from the server; its conversations leave the other views they were in. */
export function replaceView(
  lists: InboxLists,
  view: InboxView,
  conversations: ConversationInfo[],
): InboxLists {
  const ids = new Set(conversations.map((c) => c.conversationId));
  const others = (list: ConversationInfo[]) => list.filter((c) => !ids.has(c.conversationId));
  return {
    queue: view === "queue" ? conversations : others(lists.queue),
    mine: view === "mine" ? conversations : others(lists.mine),
    closed: view === "closed" ? conversations : others(lists.closed),
  };
}

/** A further page of a view, after what it holds; its conversations leave the other views they were in. */
export function appendToView(
  lists: InboxLists,
  view: InboxView,
  conversations: ConversationInfo[],
): InboxLists {
  const held = new Set(lists[view].map((c) => c.conversationId));
  const added = conversations.filter((c) => !held.has(c.conversationId));
  return replaceView(lists, view, [...lists[view], ...added]);
}

/** The message an event carries, in the shape the HTTP API returns, with the provider's id when it has one. */
export function messageOf(event: ConversationEvent<"message.received" | "message.sent">): LoggedMessage {
  const { authorId: _authorId, ...message } = event.data.message;
  return { ...message, conversationId: event.data.conversationId };
}

/** Unread messages across a view, for the tab's badge. */
export function unreadIn(list: readonly ConversationInfo[]) {
  return list.reduce((sum, c) => sum + c.unread, 0);
}
