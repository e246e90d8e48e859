import { z } from "zod";
import { InboundMessage, MessageContent } from "../shared/channels/inbound.js";

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

const Channel = z.enum(["web", "whatsapp", "messenger", "email"]);
const ExternalChannel = z.enum(["whatsapp", "messenger", "email"]);
const DeliveryState = z.enum(["queued", "sent", "delivered", "read", "failed"]);

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
    content: MessageContent.optional(),
    externalId: z.string().optional(),
    replyToSeq: z.number().int().positive().optional(),
    forwarded: z.boolean().optional(),
    missingMedia: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
    delivery: z.object({ state: DeliveryState, reason: z.string().optional() }).optional(),
    email: z
      .object({ subject: z.string(), from: z.string(), to: z.array(z.string()), cc: z.array(z.string()) })
      .optional(),
    createdAt: z.string(),
  }),
});

const ConversationRef = z.object({
  conversationId: z.string(),
  customerId: z.string(),
});

export const EventData = {
  "conversation.started": ConversationRef.extend({ channel: Channel, subject: z.string() }),
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
  /** An agent's message waits in the outbox for its channel. */
  "message.queued": ConversationRef.extend({ seq: z.number().int().positive(), channel: ExternalChannel }),
  "message.delivery_changed": ConversationRef.extend({
    assigneeId: z.string().optional(),
    seq: z.number().int().positive(),
    delivery: z.object({ state: DeliveryState, reason: z.string().optional() }),
  }),
  /** A channel's message was stored on arrival, before the webhook was answered; it still has to join a conversation. */
  "channel.message_accepted": z.object({
    channel: ExternalChannel,
    externalId: z.string(),
    /** Who sent it, on which of our accounts: messages of one sender are stored in order. */
    sender: z.string(),
    /** The message itself when it is small, which spares the consumer reading it back. */
    message: InboundMessage.optional(),
  }),
  /** The web chatbot opened a web chat and attends it; agents see it once the bot hands it over. */
  "chatbot.started": ConversationRef.extend({
    channel: Channel,
    subject: z.string(),
    flowVersion: z.number().int().positive(),
  }),
  /**
   * The chatbot is done with the chat: handed it to the agents' queue, or ended it, leaving what
   * the customer told it for the back office to answer by.
   */
  "chatbot.finished": ConversationRef.extend({
    outcome: z.enum(["handoff", "end"]),
    flowVersion: z.number().int().positive(),
    collected: z.record(z.string(), z.string()),
    choices: z.array(z.string()),
  }),
  /** A back-office record changed state (seed 002): consoles showing its tab load it again. */
  "care.record_changed": z.object({
    recordId: z.string(),
    tab: z.enum(["sales_calls", "calls", "chats", "queries", "services"]),
    status: z.string(),
  }),
  /** An agent generated a technical service or a new connection: the central office is to confirm it or not. */
  "service.requested": z.object({
    serviceId: z.string(),
    sourceRecordId: z.string(),
    sourceTab: z.string(),
    type: z.enum(["technical_service", "new_connection"]),
    customerName: z.string().optional(),
  }),
  /** A customer sent a query or complaint from "Mi cuenta"; it waits, open, in the "Consultas" tab. */
  "query.submitted": z.object({
    recordId: z.string(),
    customerId: z.string(),
    kind: z.enum(["consulta", "reclamo"]),
  }),
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

/** The events screens are told about over the WebSocket: a conversation's and the back office's, never the plumbing. */
export const CONVERSATION_EVENTS = [
  "conversation.started",
  "conversation.assigned",
  "conversation.released",
  "conversation.closed",
  "conversation.read",
  "message.received",
  "message.sent",
  "message.delivery_changed",
] as const satisfies readonly EventName[];
export const PUSHED_EVENTS = [...CONVERSATION_EVENTS, "care.record_changed", "service.requested"] as const;
export type PushedEventName = (typeof PUSHED_EVENTS)[number];
/** What a conversation's screens follow; customers are only ever pushed these. */
export type ConversationEvent<
  N extends (typeof CONVERSATION_EVENTS)[number] = (typeof CONVERSATION_EVENTS)[number],
> = DomainEvent<N>;
export type PushedEvent<N extends PushedEventName = PushedEventName> = DomainEvent<N>;

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
