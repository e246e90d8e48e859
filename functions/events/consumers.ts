import type { DomainEvent } from "../../events/catalog.js";
import type { Ports } from "../../shared/ports.js";
import { consume as storeChannelMessages } from "./channel-messages.js";
import { consume as recordConversationMetrics } from "./conversation-metrics.js";
import { consume as recordMessageMetrics } from "./message-metrics.js";
import { consume as deliverOutgoingMessages } from "./outgoing-messages.js";
import { consume as pushToWebsockets } from "./push-to-websockets.js";

export type Consume = (ports: Ports, event: DomainEvent) => Promise<unknown>;

/** Each rule's consumer by rule name, for the inline dispatcher and the local bus. */
export const CONSUMERS: Record<string, Consume> = {
  "push-to-websockets": pushToWebsockets,
  "record-conversation-metrics": recordConversationMetrics,
  "record-message-metrics": recordMessageMetrics,
  "store-channel-messages": storeChannelMessages,
  "deliver-outgoing-messages": deliverOutgoingMessages,
};
