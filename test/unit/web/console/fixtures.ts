import type {
  ConversationInfo,
  MessageInfo,
  PushedEvent,
} from "../../../../web/console/src/data/console-types";

export const ME = { staffId: "stf_ana" };
export const T0 = "2025-01-01T10:00:00.000Z";
export const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export function conversation(id: string, overrides: Partial<ConversationInfo> = {}): ConversationInfo {
  return {
    conversationId: id,
    customerId: `cus_${id}`,
    channel: "web",
    status: "queued",
    subject: `Subject ${id}`,
    lastMessagePreview: `Subject ${id}`,
    lastMessageAuthor: "customer",
    messageSeq: 1,
    unread: 1,
    createdAt: T0,
    lastActivityAt: T0,
    ...overrides,
  };
}

export function message(seq: number, overrides: Partial<MessageInfo> = {}): MessageInfo {
  return {
    conversationId: "cnv_1",
    messageId: `msg_${seq}`,
    clientMessageId: `client-${seq}`,
    seq,
    author: "customer",
    text: `Message ${seq}`,
    attachments: [],
    createdAt: at(seq),
    ...overrides,
  };
}

type Data<N extends PushedEvent["name"]> = PushedEvent<N>["data"];

export function event<N extends PushedEvent["name"]>(name: N, data: Data<N>, minutes = 0): PushedEvent<N> {
  return {
    id: `evt_${name}_${minutes}`,
    name,
    tenantId: "demo",
    occurredAt: at(minutes),
    actor: { type: "system", id: "test" },
    data,
  } as PushedEvent<N>;
}

export function messageEvent(
  conversationId: string,
  seq: number,
  overrides: { author?: "customer" | "agent"; assigneeId?: string } = {},
) {
  const author = overrides.author ?? "customer";
  return event(
    author === "customer" ? "message.received" : "message.sent",
    {
      conversationId,
      customerId: `cus_${conversationId}`,
      ...(overrides.assigneeId && { assigneeId: overrides.assigneeId }),
      message: {
        messageId: `msg_${conversationId}_${seq}`,
        clientMessageId: `client-${seq}`,
        seq,
        author,
        authorId: author === "customer" ? `cus_${conversationId}` : "stf_ana",
        text: `Message ${seq}`,
        attachments: [],
        createdAt: at(seq),
      },
    },
    seq,
  );
}
