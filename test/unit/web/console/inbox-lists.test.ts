import { describe, expect, it } from "vitest";
import {
  appendToView,
  applyInboxEvent,
  emptyInbox,
  type InboxLists,
  placeConversation,
  replaceView,
  unreadIn,
} from "../../../../web/console/src/data/inbox-lists";
import { at, conversation, event, ME, messageEvent } from "./fixtures";

const ids = (list: { conversationId: string }[]) => list.map((c) => c.conversationId);
const lists = (partial: Partial<InboxLists>): InboxLists => ({ ...emptyInbox(), ...partial });

describe("applyInboxEvent", () => {
  it("adds a started conversation to the end of the queue, unread, once, and fetches the queue for its name", () => {
    const before = lists({ queue: [conversation("cnv_old")] });
    const started = event(
      "conversation.started",
      { conversationId: "cnv_new", customerId: "cus_1", channel: "web", subject: "¿Cajeros sin comisión?" },
      5,
    );
    const once = applyInboxEvent(before, started, ME);
    expect(ids(once.lists.queue)).toEqual(["cnv_old", "cnv_new"]);
    expect(once.lists.queue[1]).toMatchObject({
      status: "queued",
      subject: "¿Cajeros sin comisión?",
      unread: 1,
      messageSeq: 1,
    });
    expect(once.stale).toEqual(["queue"]);
    expect(applyInboxEvent(once.lists, started, ME).lists).toBe(once.lists);
  });

  it("does not count the first message again when it arrives after the start", () => {
    const started = event(
      "conversation.started",
      { conversationId: "cnv_1", customerId: "cus_cnv_1", channel: "web", subject: "Hola" },
      1,
    );
    const { lists: after } = applyInboxEvent(emptyInbox(), started, ME);
    const first = applyInboxEvent(after, messageEvent("cnv_1", 1), ME);
    expect(first.lists.queue[0]?.unread).toBe(1);
  });

  it("moves a conversation the viewer takes from the queue to his conversations", () => {
    const before = lists({ queue: [conversation("cnv_1")] });
    const assigned = event("conversation.assigned", {
      conversationId: "cnv_1",
      customerId: "cus_cnv_1",
      assigneeId: ME.staffId,
      assigneeName: "Ana Agente",
    });
    const { lists: after, stale } = applyInboxEvent(before, assigned, ME);
    expect(after.queue).toEqual([]);
    expect(after.mine[0]).toMatchObject({
      conversationId: "cnv_1",
      status: "assigned",
      assigneeName: "Ana Agente",
    });
    expect(stale).toEqual([]);
  });

  it("takes a conversation someone else took out of the viewer's lists", () => {
    const before = lists({ queue: [conversation("cnv_1"), conversation("cnv_2")] });
    const assigned = event("conversation.assigned", {
      conversationId: "cnv_1",
      customerId: "cus_cnv_1",
      assigneeId: "stf_luis",
      assigneeName: "Luis",
    });
    const { lists: after } = applyInboxEvent(before, assigned, ME);
    expect(ids(after.queue)).toEqual(["cnv_2"]);
    expect(after.mine).toEqual([]);
  });

  it("asks for his conversations again when he was assigned one it does not know", () => {
    const assigned = event("conversation.assigned", {
      conversationId: "cnv_9",
      customerId: "cus_9",
      assigneeId: ME.staffId,
      assigneeName: "Ana Agente",
    });
    expect(applyInboxEvent(emptyInbox(), assigned, ME).stale).toEqual(["mine"]);
  });

  it("puts a released conversation back in the queue in activity order, without an assignee", () => {
    const mine = conversation("cnv_2", {
      status: "assigned",
      assigneeId: ME.staffId,
      assigneeName: "Ana",
      lastActivityAt: at(2),
    });
    const before = lists({
      queue: [
        conversation("cnv_1", { lastActivityAt: at(1) }),
        conversation("cnv_3", { lastActivityAt: at(3) }),
      ],
      mine: [mine],
    });
    const released = event("conversation.released", {
      conversationId: "cnv_2",
      customerId: "cus_cnv_2",
      previousAssigneeId: ME.staffId,
    });
    const { lists: after } = applyInboxEvent(before, released, ME);
    expect(ids(after.queue)).toEqual(["cnv_1", "cnv_2", "cnv_3"]);
    expect(after.queue[1]).not.toHaveProperty("assigneeId");
    expect(after.mine).toEqual([]);
  });

  it("moves a closed conversation to the top of the closed list with its disposition", () => {
    const mine = conversation("cnv_1", { status: "assigned", assigneeId: ME.staffId });
    const before = lists({
      mine: [mine],
      closed: [conversation("cnv_0", { status: "closed", closedAt: at(1) })],
    });
    const closed = event("conversation.closed", {
      conversationId: "cnv_1",
      customerId: "cus_cnv_1",
      assigneeId: ME.staffId,
      disposition: "resuelto",
      createdAt: at(0),
      closedAt: at(10),
    });
    const { lists: after } = applyInboxEvent(before, closed, ME);
    expect(after.mine).toEqual([]);
    expect(ids(after.closed)).toEqual(["cnv_1", "cnv_0"]);
    expect(after.closed[0]).toMatchObject({ status: "closed", disposition: "resuelto", closedAt: at(10) });
  });

  it("moves a reopened case from the closed list to the queue, or to the agent who reopened it", () => {
    const closed = conversation("cnv_1", { status: "closed", closedAt: at(5), disposition: "resuelto" });
    const reopened = (data: { status: "queued" | "assigned"; assigneeId?: string; assigneeName?: string }) =>
      event("conversation.reopened", {
        conversationId: "cnv_1",
        customerId: "cus_cnv_1",
        reopenedAt: at(20),
        ...data,
      });

    const byCustomer = applyInboxEvent(lists({ closed: [closed] }), reopened({ status: "queued" }), ME).lists;
    expect(byCustomer.closed).toEqual([]);
    expect(ids(byCustomer.queue)).toEqual(["cnv_1"]);
    expect(byCustomer.queue[0]).toMatchObject({ status: "queued", lastActivityAt: at(20) });
    expect(byCustomer.queue[0]?.closedAt).toBeUndefined();
    expect(byCustomer.queue[0]?.disposition).toBeUndefined();

    const byMe = reopened({ status: "assigned", assigneeId: ME.staffId, assigneeName: "Yo" });
    const mine = applyInboxEvent(lists({ closed: [closed] }), byMe, ME).lists;
    expect(ids(mine.mine)).toEqual(["cnv_1"]);
    expect(applyInboxEvent(mine, byMe, ME).lists).toBe(mine);
  });

  it("counts a customer's message once, however often it is delivered", () => {
    const mine = conversation("cnv_1", {
      status: "assigned",
      assigneeId: ME.staffId,
      messageSeq: 3,
      unread: 0,
    });
    const before = lists({ mine: [mine] });
    const once = applyInboxEvent(before, messageEvent("cnv_1", 4, { assigneeId: ME.staffId }), ME).lists;
    const twice = applyInboxEvent(once, messageEvent("cnv_1", 4, { assigneeId: ME.staffId }), ME).lists;
    expect(twice).toBe(once);
    expect(once.mine[0]).toMatchObject({
      messageSeq: 4,
      unread: 1,
      lastMessagePreview: "Message 4",
      lastMessageAuthor: "customer",
    });
  });

  it("does not count the agent's own replies as unread", () => {
    const mine = conversation("cnv_1", {
      status: "assigned",
      assigneeId: ME.staffId,
      messageSeq: 3,
      unread: 0,
    });
    const { lists: after } = applyInboxEvent(
      lists({ mine: [mine] }),
      messageEvent("cnv_1", 4, { author: "agent", assigneeId: ME.staffId }),
      ME,
    );
    expect(after.mine[0]).toMatchObject({ messageSeq: 4, unread: 0, lastMessageAuthor: "agent" });
  });

  it("keeps his conversations newest first as messages arrive", () => {
    const a = conversation("cnv_a", {
      status: "assigned",
      assigneeId: ME.staffId,
      messageSeq: 2,
      lastActivityAt: at(2),
    });
    const b = conversation("cnv_b", {
      status: "assigned",
      assigneeId: ME.staffId,
      messageSeq: 1,
      lastActivityAt: at(1),
    });
    const { lists: after } = applyInboxEvent(
      lists({ mine: [a, b] }),
      messageEvent("cnv_b", 5, { assigneeId: ME.staffId }),
      ME,
    );
    expect(ids(after.mine)).toEqual(["cnv_b", "cnv_a"]);
  });

  it("clears the unread count when an agent read up to the last message, not when the customer did", () => {
    const mine = conversation("cnv_1", {
      status: "assigned",
      assigneeId: ME.staffId,
      messageSeq: 4,
      unread: 2,
    });
    const read = (reader: "agent" | "customer", seq: number) =>
      event("conversation.read", { conversationId: "cnv_1", customerId: "cus_cnv_1", reader, seq });
    const before = lists({ mine: [mine] });
    expect(applyInboxEvent(before, read("customer", 4), ME).lists.mine[0]?.unread).toBe(2);
    expect(applyInboxEvent(before, read("agent", 3), ME).lists.mine[0]?.unread).toBe(2);
    expect(applyInboxEvent(before, read("agent", 4), ME).lists.mine[0]?.unread).toBe(0);
  });

  it("asks for the queue again when a queued conversation it does not know gets a message", () => {
    expect(applyInboxEvent(emptyInbox(), messageEvent("cnv_x", 2), ME).stale).toEqual(["queue"]);
  });

  it("ignores messages of other agents' conversations (a supervisor hears them all)", () => {
    const update = applyInboxEvent(emptyInbox(), messageEvent("cnv_x", 2, { assigneeId: "stf_luis" }), ME);
    expect(update.stale).toEqual([]);
  });
});

describe("placeConversation", () => {
  it("keeps the newest message when an action's answer is older than a pushed message", () => {
    const known = conversation("cnv_1", { messageSeq: 5, lastMessagePreview: "newest", unread: 2 });
    const answer = conversation("cnv_1", {
      status: "assigned",
      assigneeId: ME.staffId,
      messageSeq: 4,
      unread: 1,
    });
    const after = placeConversation(lists({ queue: [known] }), answer, ME);
    expect(after.queue).toEqual([]);
    expect(after.mine[0]).toMatchObject({
      status: "assigned",
      messageSeq: 5,
      lastMessagePreview: "newest",
      unread: 2,
    });
  });
});

describe("replaceView", () => {
  it("takes a fetched view as it is and removes its conversations from the other views", () => {
    const before = lists({ queue: [conversation("cnv_1"), conversation("cnv_2")] });
    const taken = conversation("cnv_1", { status: "assigned", assigneeId: ME.staffId });
    const after = replaceView(before, "mine", [taken]);
    expect(ids(after.mine)).toEqual(["cnv_1"]);
    expect(ids(after.queue)).toEqual(["cnv_2"]);
  });
});

describe("appendToView", () => {
  it("adds a further page below the view, once each, and takes its conversations out of the other views", () => {
    const before = lists({
      queue: [conversation("cnv_1"), conversation("cnv_2")],
      mine: [conversation("cnv_3", { status: "assigned", assigneeId: ME.staffId })],
    });
    // cnv_2 moved down into the next page while it loaded; cnv_3 was released meanwhile.
    const page = [conversation("cnv_2"), conversation("cnv_3"), conversation("cnv_4")];
    const after = appendToView(before, "queue", page);
    expect(ids(after.queue)).toEqual(["cnv_1", "cnv_2", "cnv_3", "cnv_4"]);
    expect(ids(after.mine)).toEqual([]);
  });
});

describe("unreadIn", () => {
  it("adds up the unread messages of a view", () => {
    expect(
      unreadIn([
        conversation("a", { unread: 2 }),
        conversation("b", { unread: 0 }),
        conversation("c", { unread: 3 }),
      ]),
    ).toBe(5);
  });
});
