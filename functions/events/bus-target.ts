import middy from "@middy/core";
import type { EventBridgeEvent, SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { parseEvent } from "../../events/catalog.js";
import type { Ports } from "../../shared/ports.js";
import { configFromLambdaEnv } from "../config.js";
import { logger } from "../observability.js";
import { createRuntime } from "../ports.js";
import type { Consume } from "./consumers.js";

/** An EventBridge event from the bus: its detail is the domain event envelope. */
type BusEvent = EventBridgeEvent<string, unknown>;

/**
 * What a bus consumer is invoked with: one event straight from its EventBridge rule, or a batch
 * of them from the queue a rule with `orderedBy` or `concurrency` fills (infra/aws/constructs/bus-consumer.ts).
 */
export type BusTargetEvent = BusEvent | SQSEvent;

/**
 * Hands each domain event to the consumer. From EventBridge a failure throws, for Lambda and then
 * EventBridge to retry. From SQS the records are handled in order, and the first one that fails is
 * reported with every record after it: those may be later events of the same message group,
 * which must not be handled before it.
 */
export async function handleBusEvent(consume: Consume, ports: Ports, event: BusTargetEvent) {
  if (!("Records" in event)) {
    await consume(ports, parseEvent(event.detail));
    return;
  }
  const batchItemFailures: SQSBatchItemFailure[] = [];
  for (const record of event.Records) {
    if (batchItemFailures.length === 0) {
      try {
        const busEvent = JSON.parse(record.body) as BusEvent;
        await consume(ports, parseEvent(busEvent.detail));
        continue;
      } catch (error) {
        logger.error("Bus event failed; it and the rest of its batch go back to the queue", {
          messageId: record.messageId,
          error,
        });
      }
    }
    batchItemFailures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures } satisfies SQSBatchResponse;
}

/** A bus consumer as a Lambda, fed by an EventBridge rule or by an SQS queue. */
export async function busTarget(consume: Consume) {
  const runtime = createRuntime(await configFromLambdaEnv());
  return middy((event: BusTargetEvent) => handleBusEvent(consume, runtime.ports, event));
}
