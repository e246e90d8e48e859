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

/** A private note or consult entry of a case, as the case's staff see it (issue 6). */
export const CaseNoteEntry = z.object({
  noteId: z.string(),
  kind: z.enum(["note", "consult"]),
  step: z.enum(["question", "answer", "resolved"]).optional(),
  text: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
});

const ConversationRef = z.object({
  conversationId: z.string(),
  customerId: z.string(),
});

export const EventData = {
  "conversation.started": ConversationRef.extend({ channel: Channel, subject: z.string() }),
  "conversation.assigned": ConversationRef.extend({ assigneeId: z.string(), assigneeName: z.string() }),
  "conversation.released": ConversationRef.extend({ previousAssigneeId: z.string() }),
  /**
   * The case was sent to another department with a handover note (issue 6); it is queued there.
   * Staff only: the customer is told by a message in the case, and the note is never pushed.
   */
  "conversation.transferred": ConversationRef.extend({
    previousAssigneeId: z.string(),
    fromQueueId: z.string(),
    toQueueId: z.string(),
    handoverId: z.string(),
  }),
  "conversation.closed": ConversationRef.extend({
    assigneeId: z.string().optional(),
    disposition: z.string(),
    createdAt: z.string(),
    firstResponseAt: z.string().optional(),
    closedAt: z.string(),
  }),
  /** A closed case opened again from its history, with everything in it: back in the queue, or with the agent who reopened it. */
  "conversation.reopened": ConversationRef.extend({
    status: z.enum(["queued", "assigned"]),
    assigneeId: z.string().optional(),
    assigneeName: z.string().optional(),
    reopenedAt: z.string(),
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
  /**
   * An approval the agent asked for (issue 6) reached its end: approved with the customer's code,
   * locked after wrong codes, expired, or cancelled. Pushed to the case's agent and its customer.
   */
  "approval.decided": ConversationRef.extend({
    assigneeId: z.string().optional(),
    approvalId: z.string(),
    state: z.enum(["approved", "locked", "expired", "cancelled"]),
  }),
  // ---- The agent's team on a case (issue 6): staff only, so their data never names the customer ----
  /** A private note was added to a case; pushed to supervisors and the case's agent. */
  "case.note_added": z.object({
    conversationId: z.string(),
    assigneeId: z.string().optional(),
    note: CaseNoteEntry,
  }),
  /** An agent asked the supervisors about a case in its side thread; it waits among the pending consults. */
  "case.consult_requested": z.object({
    conversationId: z.string(),
    assigneeId: z.string().optional(),
    askedById: z.string(),
    subject: z.string(),
    note: CaseNoteEntry,
  }),
  /** A supervisor answered a case's consult; pushed back to the agent who asked. */
  "case.consult_answered": z.object({
    conversationId: z.string(),
    assigneeId: z.string().optional(),
    askedById: z.string(),
    note: CaseNoteEntry,
  }),
  /** The consult is settled; it leaves the pending list. */
  "case.consult_resolved": z.object({
    conversationId: z.string(),
    assigneeId: z.string().optional(),
    askedById: z.string(),
    note: CaseNoteEntry,
  }),
  /** The customer rated a closed case (issue 6, `shared/rating/`), from the widget or WhatsApp. */
  "conversation.rated": ConversationRef.extend({
    assigneeId: z.string().optional(),
    score: z.number().int().min(1).max(5),
    hasComment: z.boolean(),
    channel: z.enum(["web", "whatsapp"]),
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
  "conversation.reopened",
  "conversation.read",
  "message.received",
  "message.sent",
  "message.delivery_changed",
] as const satisfies readonly EventName[];
export const PUSHED_EVENTS = [
  ...CONVERSATION_EVENTS,
  "care.record_changed",
  "service.requested",
  "approval.decided",
  "conversation.transferred",
  "case.note_added",
  "case.consult_requested",
  "case.consult_answered",
  "case.consult_resolved",
] as const;
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
