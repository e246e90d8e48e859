import type { Consume } from "./consumers.js";
import { consume as recordMessageMetrics } from "./message-metrics.js";
import { consume as pushToWebsockets } from "./push-to-websockets.js";

/**
 * The consumers that run inside whatever function emits their events (rules with `delivery:
 * "inline"`). Kept apart from the bus consumers so that every Lambda carries these two, and none
 * carries the code of every consumer.
 */
export const INLINE_CONSUMERS: Record<string, Consume> = {
  "push-to-websockets": pushToWebsockets,
  "record-message-metrics": recordMessageMetrics,
};
