import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { DomainEvent } from "../../events/catalog.js";
import type { Ports } from "../../shared/ports.js";
import { metrics } from "../observability.js";
import { firstDelivery } from "./first-delivery.js";

const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

/**
 * Turns conversation events into the counts and times supervisors chart: conversations
 * started, assigned and closed, time to first response and time to close. Messages are
 * counted inline (message-metrics.ts).
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

export async function consume(ports: Ports, event: DomainEvent) {
  if (await firstDelivery(ports, "record-conversation-metrics", event)) recordConversationMetrics(event);
}
