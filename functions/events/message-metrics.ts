import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { DomainEvent } from "../../events/catalog.js";
import type { Ports } from "../../shared/ports.js";
import { metrics } from "../observability.js";

/**
 * Counts messages each way, inline in the process that stored them (see events/rules.ts): an
 * embedded metric is one log line, where a bus consumer would cost an invocation and a receipt
 * per message on the hot path of chat. Inline consumers run once and are never redelivered.
 */
export async function consume(_ports: Ports, event: DomainEvent) {
  if (event.name !== "message.received" && event.name !== "message.sent") return;
  // Its own metric set, published at once, so it never mixes with the request's own metrics.
  const single = metrics.singleMetric();
  single.addDimension("tenant", event.tenantId);
  single.addMetric(
    event.name === "message.received" ? "MessagesReceived" : "MessagesSent",
    MetricUnit.Count,
    1,
  );
}
