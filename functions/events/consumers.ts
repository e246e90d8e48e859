import type { EventBridgeEvent } from "aws-lambda";
import type { DomainEvent } from "../../events/catalog.js";
import type { Ports } from "../../shared/ports.js";
import { consume as sendAutoReplies } from "./auto-replies.js";
import { consume as storeChannelMessages } from "./channel-messages.js";
import { consume as recordChats } from "./chat-records.js";
import { consume as runChatbot } from "./chatbot-replies.js";
import { consume as recordCalls } from "./connect-contact-events.js";
import { consume as recordConversationMetrics } from "./conversation-metrics.js";
import { INLINE_CONSUMERS } from "./inline-consumers.js";
import { consume as deliverOutgoingMessages } from "./outgoing-messages.js";
import { consume as requestRatings } from "./rating-requests.js";

export type Consume = (ports: Ports, event: DomainEvent) => Promise<unknown>;

/** Another AWS service's event, as EventBridge delivers it to a rule's target. */
export type ExternalEvent = EventBridgeEvent<string, unknown>;
export type ConsumeExternal = (ports: Ports, event: ExternalEvent) => Promise<unknown>;

/** Each rule's consumer by rule name, for the inline dispatcher and the local bus. */
export const CONSUMERS: Record<string, Consume> = {
  ...INLINE_CONSUMERS,
  "record-conversation-metrics": recordConversationMetrics,
  "store-channel-messages": storeChannelMessages,
  "deliver-outgoing-messages": deliverOutgoingMessages,
  "run-chatbot": runChatbot,
  "record-chats": recordChats,
  "request-ratings": requestRatings,
  "send-auto-replies": sendAutoReplies,
};

/** The consumers of rules on other services' events (`external`), by rule name, for the local bus. */
export const EXTERNAL_CONSUMERS: Record<string, ConsumeExternal> = {
  "record-calls": recordCalls,
};
