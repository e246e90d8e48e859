import { EVENT_SOURCE, type EventName, PUSHED_EVENTS } from "./catalog.js";

/**
 * Who consumes which events. One list for both places: CDK turns every `bus` rule into an
 * EventBridge rule with a Lambda target (through SQS when it is ordered or its concurrency
 * limited), retries and a DLQ; the local bus matches the same patterns in process. `inline` consumers run in the emitting process right after the write
 * commits, because a chat message must not wait on an extra hop to reach the agent's screen;
 * they are best-effort by design (clients catch up by sequence number).
 */
export type Rule = {
  name: string;
  description: string;
  delivery: "bus" | "inline";
  /** Our events it takes; none for a rule on another service's events (`external`). */
  events: readonly EventName[];
  /**
   * Another AWS service's events instead of ours, matched by that service's own source and
   * detail-types on the bus it sends them to (Amazon Connect sends to the account's `default`
   * bus). Its consumer is handed the EventBridge event whole, envelope and all.
   */
  external?: { bus: "default"; source: string; detailTypes: readonly string[] };
  /** The consumer's entry point, relative to the project root. */
  entry: string;
  /**
   * Events with the same value of this field of their data are handed to the consumer one at a
   * time, in the order published (an SQS FIFO message group in AWS): one customer's messages
   * join his conversation in the order he sent them, without racing each other for it.
   */
  orderedBy?: string;
  /**
   * At most this many events handled at once (the SQS event source's maximum concurrency in
   * AWS): a burst waits in the queue instead of crowding out the writes that accept it.
   */
  concurrency?: number;
};

export const RULES: readonly Rule[] = [
  {
    name: "push-to-websockets",
    description: "Pushes conversation and message changes to the WebSocket connections allowed to see them",
    delivery: "inline",
    events: PUSHED_EVENTS,
    entry: "functions/events/push-to-websockets.ts",
  },
  {
    name: "store-channel-messages",
    description:
      "Turns messages accepted from WhatsApp, Messenger and e-mail into conversation messages, fetching their media",
    delivery: "bus",
    events: ["channel.message_accepted"],
    entry: "functions/events/store-channel-messages.ts",
    orderedBy: "sender",
    concurrency: 4,
  },
  {
    name: "deliver-outgoing-messages",
    description: "Hands agents' messages to their channel at once; the outbox drainer retries what fails",
    delivery: "bus",
    events: ["message.queued"],
    entry: "functions/events/deliver-outgoing-messages.ts",
  },
  {
    name: "record-conversation-metrics",
    description: "Records conversation counts and times (wait, first response, handle) as metrics",
    delivery: "bus",
    events: ["conversation.started", "conversation.assigned", "conversation.closed"],
    entry: "functions/events/record-conversation-metrics.ts",
  },
  {
    name: "run-chatbot",
    description:
      "The web chatbot answers each customer message of a chat it attends, and hands it over or ends it",
    delivery: "bus",
    events: ["message.received"],
    entry: "functions/events/run-chatbot.ts",
    orderedBy: "conversationId",
    concurrency: 4,
  },
  {
    name: "record-chats",
    description: "Keeps the back office's Chats record of each web or WhatsApp conversation in step with it",
    delivery: "bus",
    events: [
      "chatbot.started",
      "chatbot.finished",
      "conversation.started",
      "conversation.assigned",
      "conversation.released",
      "conversation.closed",
    ],
    entry: "functions/events/record-chats.ts",
    orderedBy: "conversationId",
    concurrency: 2,
  },
  {
    name: "record-message-metrics",
    description: "Counts messages received and sent as metrics",
    delivery: "inline",
    events: ["message.received", "message.sent"],
    entry: "functions/events/message-metrics.ts",
  },
  // Issue 6: the rating asked of a finalized case, and the tenant's automatic replies.
  {
    name: "request-ratings",
    description: "Asks the customer of a finalized web or WhatsApp case to rate it, in the closed case",
    delivery: "bus",
    events: ["conversation.closed"],
    entry: "functions/events/request-ratings.ts",
  },
  {
    name: "send-auto-replies",
    description:
      "Answers customers' messages with the tenant's acknowledgement, out-of-hours and keyword replies",
    delivery: "bus",
    events: ["message.received"],
    entry: "functions/events/send-auto-replies.ts",
    orderedBy: "conversationId",
    concurrency: 4,
  },
  {
    name: "record-calls",
    description: "Builds the back office's call records from Amazon Connect's contact events",
    delivery: "bus",
    events: [],
    external: { bus: "default", source: "aws.connect", detailTypes: ["Amazon Connect Contact Event"] },
    entry: "functions/events/record-calls.ts",
  },
];

/** The EventBridge event pattern of a rule, as CDK declares it and the local bus matches it. */
export function eventPattern(rule: Rule): { source: string[]; "detail-type": string[] } {
  if (rule.external) return { source: [rule.external.source], "detail-type": [...rule.external.detailTypes] };
  return { source: [EVENT_SOURCE], "detail-type": [...rule.events] };
}
