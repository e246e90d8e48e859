import { z } from "zod";

/**
 * The event catalog: every state change in Atiende is one of these, named
 * `aggregate.past_verb`. Payloads carry ids; the actor travels in the envelope.
 */
export const EVENT_SOURCE = "atiende";

export const Actor = z.object({
  type: z.enum(["customer", "staff", "system"]),
  id: z.string(),
});
export type Actor = z.infer<typeof Actor>;

const AttachmentRef = z.object({
  attachmentId: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
});

export const MessageData = z.object({
  conversationId: z.string(),
  customerId: z.string(),
  assigneeId: z.string().optional(),
  message: z.object({
    messageId: z.string(),
    clientMessageId: z.string(),
    seq: z.number().int().positive(),
    author: z.enum(["customer", "agent", "system"]),
    authorId: z.string(),
    authorName: z.string().optional(),
    text: z.string(),
    attachments: z.array(AttachmentRef),
    createdAt: z.string(),
  }),
});

const ConversationRef = z.object({
  conversationId: z.string(),
  customerId: z.string(),
});

export const EventData = {
  "conversation.started": ConversationRef.extend({ channel: z.enum(["web"]), subject: z.string() }),
  "conversation.assigned": ConversationRef.extend({ assigneeId: z.string(), assigneeName: z.string() }),
  "conversation.released": ConversationRef.extend({ previousAssigneeId: z.string() }),
  "conversation.closed": ConversationRef.extend({
    assigneeId: z.string().optional(),
    disposition: z.string(),
    createdAt: z.string(),
    firstResponseAt: z.string().optional(),
    closedAt: z.string(),
  }),
  "conversation.read": ConversationRef.extend({
    assigneeId: z.string().optional(),
    reader: z.enum(["customer", "agent"]),
    seq: z.number().int().nonnegative(),
  }),
  "message.received": MessageData,
  "message.sent": MessageData,
} as const;

export type EventName = keyof typeof EventData;
export const EVENT_NAMES = Object.keys(EventData) as EventName[];

export type DomainEvent<N extends EventName = EventName> = {
  [K in N]: {
    id: string;
    name: K;
    tenantId: string;
    occurredAt: string;
    actor: Actor;
    data: z.infer<(typeof EventData)[K]>;
  };
}[N];

/** Parses an envelope whose payload must match its name's schema. */
export function parseEvent(input: unknown): DomainEvent {
  const envelope = z
    .object({
      id: z.string(),
      name: z.enum(EVENT_NAMES as [EventName, ...EventName[]]),
      tenantId: z.string(),
      occurredAt: z.string(),
      actor: Actor,
      data: z.unknown(),
    })
    .parse(input);
  const data = EventData[envelope.name].parse(envelope.data);
  return { ...envelope, data } as DomainEvent;
}
