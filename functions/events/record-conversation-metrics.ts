import { MetricUnit } from "@aws-lambda-powertools/metrics";
import middy from "@middy/core";
import type { EventBridgeEvent } from "aws-lambda";
import { type DomainEvent, parseEvent } from "../../events/catalog.js";
import type { Ports } from "../../shared/ports.js";
import { metrics } from "../observability.js";

const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

/**
 * Turns conversation events into the counts and times supervisors chart: conversations
 * started and closed, messages each way, time to first response and time to close.
 */
function recordConversationMetrics(event: DomainEvent) {
  metrics.addDimension("tenant", event.tenantId);
  switch (event.name) {
    case "conversation.started":
      metrics.addMetric("ConversationsStarted", MetricUnit.Count, 1);
      break;
    case "conversation.assigned":
      metrics.addMetric("ConversationsAssigned", MetricUnit.Count, 1);
      break;
    case "message.received":
      metrics.addMetric("MessagesReceived", MetricUnit.Count, 1);
      break;
    case "message.sent":
      metrics.addMetric("MessagesSent", MetricUnit.Count, 1);
      break;
    case "conversation.closed": {
      const { createdAt, firstResponseAt, closedAt, disposition } = event.data;
      metrics.addMetric("ConversationsClosed", MetricUnit.Count, 1);
      metrics.addMetric("TimeToClose", MetricUnit.Seconds, seconds(createdAt, closedAt));
      if (firstResponseAt)
        metrics.addMetric("TimeToFirstResponse", MetricUnit.Seconds, seconds(createdAt, firstResponseAt));
      metrics.addMetadata("disposition", disposition);
      break;
    }
    default:
      return;
  }
  metrics.publishStoredMetrics();
}

export const consume = async (_ports: Ports, event: DomainEvent) => recordConversationMetrics(event);

/** EventBridge target: the event's detail is the domain event envelope. */
export const handler = middy(async (event: EventBridgeEvent<string, unknown>) => {
  recordConversationMetrics(parseEvent(event.detail));
});
