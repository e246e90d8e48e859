import { describe, expect, it } from "vitest";
import type { DomainEvent } from "../../../../events/catalog.js";
import type { ConversationInfo, MessageInfo } from "../../../../web/widget/src/data/api.js";
import {
  applyEvent,
  mergeConversations,
  messageOf,
  previewOf,
  sortConversations,
  upsertConversation,
  withMessage,
} from "../../../../web/widget/src/data/conversation-summary.js";

function conversation(change: Partial<ConversationInfo> = {}): ConversationInfo {
  return {
    conversationId: "cnv_1",
    customerId: "cus_1",
    channel: "web",
    status: "queued",
    subject: "me voy de viaje",
    lastMessagePreview: "me voy de viaje",
    lastMessageAuthor: "customer",
    messageSeq: 1,
    unread: 0,
    createdAt: "2025-01-01T10:00:00.000Z",
    lastActivityAt: "2025-01-01T10:00:00.000Z",
    ...change,
  };
}

function reply(seq: number, author: MessageInfo["author"] = "agent"): MessageInfo {
  return {
    conversationId: "cnv_1",
    messageId: `msg_${seq}`,
    clientMessageId: `client-${seq}`,
    seq,
    author,
    authorName: author === "agent" ? "Laura" : undefined,
    text: `respuesta ${seq}`,
    attachments: [],
    createdAt: `2025-01-01T10:2${seq}:00.000Z`,
  };
}

const envelope = {
  id: "evt_1",
  tenantId: "demo",
  occurredAt: "2025-01-01T10:20:00.000Z",
  actor: { type: "staff", id: "stf_1" },
} as const;

describe("a conversation's row after a message", () => {
  it("counts an agent reply as unread and shows it", () => {
    const next = withMessage(conversation(), reply(2));
    expect(next).toMatchObject({
      messageSeq: 2,
      unread: 1,
      lastMessagePreview: "respuesta 2",
      lastMessageAuthor: "agent",
    });
  });

  it("does not count the customer's own messages", () => {
    expect(withMessage(conversation(), reply(2, "customer")).unread).toBe(0);
  });

  it("ignores a message it already counted (a replay after reconnecting)", () => {
    const once = withMessage(conversation(), reply(2));
    expect(withMessage(once, reply(2))).toBe(once);
    expect(withMessage(once, reply(1))).toBe(once);
  });

  it("names attachments when a message has no text", () => {
    const photo = { attachmentId: "att_1", name: "cajeros.jpg", contentType: "image/jpeg", size: 1000 };
    expect(previewOf({ text: "", attachments: [photo] })).toBe("📎 cajeros.jpg");
  });
});

describe("a conversation's row after an event", () => {
  it("takes the message out of a message event", () => {
    const event: DomainEvent = {
      ...envelope,
      name: "message.sent",
      data: {
        conversationId: "cnv_1",
        customerId: "cus_1",
        message: { ...reply(2), authorId: "stf_1" },
      },
    };
    const message = messageOf(event as DomainEvent<"message.sent">);
    expect(message).not.toHaveProperty("authorId");
    expect(message.conversationId).toBe("cnv_1");
    expect(applyEvent(conversation(), event).unread).toBe(1);
  });

  it("shows who took it, and when it closed", () => {
    const assigned = applyEvent(conversation(), {
      ...envelope,
      name: "conversation.assigned",
      data: { conversationId: "cnv_1", customerId: "cus_1", assigneeId: "stf_1", assigneeName: "Laura" },
    });
    expect(assigned).toMatchObject({ status: "assigned", assigneeName: "Laura" });
    const closed = applyEvent(assigned, {
      ...envelope,
      name: "conversation.closed",
      data: {
        conversationId: "cnv_1",
        customerId: "cus_1",
        disposition: "resolved",
        createdAt: "2025-01-01T10:00:00.000Z",
        closedAt: "2025-01-01T11:00:00.000Z",
      },
    });
    expect(closed).toMatchObject({ status: "closed", closedAt: "2025-01-01T11:00:00.000Z" });
  });

  it("clears unread when the customer read it elsewhere, but not for the agent's reading", () => {
    const unread = conversation({ messageSeq: 3, unread: 2 });
    const read = (reader: "customer" | "agent", seq: number) =>
      applyEvent(unread, {
        ...envelope,
        name: "conversation.read",
        data: { conversationId: "cnv_1", customerId: "cus_1", reader, seq },
      });
    expect(read("customer", 3).unread).toBe(0);
    expect(read("customer", 2).unread).toBe(2);
    expect(read("agent", 3).unread).toBe(2);
  });
});

describe("a server answer that left before the close", () => {
  it("does not bring a case the screen heard close back open, but takes its news otherwise", () => {
    const stale = conversation({
      status: "assigned",
      messageSeq: 2,
      lastActivityAt: "2025-01-01T10:30:00.000Z",
    });
    const closed = applyEvent(stale, {
      ...envelope,
      name: "conversation.closed",
      data: {
        conversationId: "cnv_1",
        customerId: "cus_1",
        disposition: "resolved",
        createdAt: "2025-01-01T10:00:00.000Z",
        closedAt: "2025-01-01T11:00:00.000Z",
      },
    });
    expect(mergeConversations([closed], [stale])).toEqual([closed]);
    const later = conversation({
      status: "assigned",
      messageSeq: 3,
      lastActivityAt: "2025-01-01T12:00:00.000Z",
    });
    expect(mergeConversations([closed], [later])).toEqual([later]);
    const other = conversation({ conversationId: "cnv_2" });
    expect(mergeConversations([closed], [stale, other]).map((c) => c.conversationId)).toEqual([
      "cnv_1",
      "cnv_2",
    ]);
  });
});

describe("the list order", () => {
  it("puts the latest activity first", () => {
    const older = conversation({ conversationId: "cnv_a", lastActivityAt: "2025-01-01T09:00:00.000Z" });
    const newer = conversation({ conversationId: "cnv_b", lastActivityAt: "2025-01-02T09:00:00.000Z" });
    expect(sortConversations([older, newer]).map((c) => c.conversationId)).toEqual(["cnv_b", "cnv_a"]);
    const moved = upsertConversation([newer, older], {
      ...older,
      lastActivityAt: "2025-01-03T09:00:00.000Z",
    });
    expect(moved.map((c) => c.conversationId)).toEqual(["cnv_a", "cnv_b"]);
  });
});
