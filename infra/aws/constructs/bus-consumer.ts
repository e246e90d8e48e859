import { Duration, Validations } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Rule as EventRule, type IEventBus, type IRuleTarget } from "aws-cdk-lib/aws-events";
import { LambdaFunction, SqsQueue } from "aws-cdk-lib/aws-events-targets";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { Queue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { eventPattern, type Rule } from "../../../events/rules.js";
import type { AlarmTopic } from "./alarm-topic.js";
import { DeadLetterQueue, SECURE_QUEUE } from "./dead-letter-queue.js";
import { type ConfigSecrets, type FunctionEnvironment, NodeFunction } from "./node-function.js";
import { OrderedEventQueue } from "./ordered-event-queue.js";

/** EventBridge retries a failed delivery this often, over at most this long, before the DLQ. */
const DELIVERY_RETRIES = 8;
const MAX_EVENT_AGE = Duration.hours(2);
const DELIVERY = { retryAttempts: DELIVERY_RETRIES, maxEventAge: MAX_EVENT_AGE };
/** Lambda's own retries once it has accepted the event (its asynchronous invocation). */
const HANDLER_RETRIES = 2;

/** A queued event is handed to its consumer this often before it moves to the DLQ. */
const QUEUE_RECEIVES = 5;
/**
 * Events per invocation from a queue. The handler takes a batch one event after the other within
 * one timeout, which is sized for one event (a media download takes up to two minutes, and ten of
 * them would outlast Lambda's fifteen). One at a time costs no parallelism: `concurrency` counts
 * invocations, and each handles one event at a time either way.
 */
const QUEUE_BATCH_SIZE = 1;
/** Lambda's advice: a queue hides a message for six times the function's timeout. */
const VISIBILITY_PER_TIMEOUT = 6;

/** What one consumer needs beyond what every consumer gets. */
export type ConsumerNeeds = {
  /** Its grants beyond the table and the configuration secrets, as `bind*` calls. */
  bind?: (handler: NodeFunction) => unknown;
  /** For a consumer that waits on the outside world (a channel's API, a media download). */
  timeout?: Duration;
};

export type BusConsumerProps = ConsumerNeeds & {
  rule: Rule;
  bus: IEventBus;
  environment: FunctionEnvironment;
  /** Where consumers keep their receipts of handled events, among the rest. */
  table: ITable;
  secrets: ConfigSecrets;
  alarms: AlarmTopic;
};

/**
 * One `bus` rule of events/rules.ts: its consumer Lambda, the EventBridge rule that feeds it, and
 * a DLQ with an alarm.
 *
 * A rule that asks for neither order nor a concurrency limit targets the Lambda directly. Its DLQ
 * takes both kinds of failure: events EventBridge could not deliver and events the handler kept
 * throwing on, since Lambda retries those itself, out of EventBridge's sight.
 *
 * A rule with `orderedBy` or `concurrency` fills an SQS queue that the Lambda reads (see
 * `feedThroughQueue`): a queue is what holds a burst back, and what keeps a message group in order.
 */
export class BusConsumer extends Construct {
  readonly handler: NodeFunction;

  constructor(scope: Construct, id: string, props: BusConsumerProps) {
    super(scope, id);
    const { rule } = props;
    const queued = rule.orderedBy !== undefined || rule.concurrency !== undefined;
    const deadLetters = new DeadLetterQueue(this, "DeadLetters", {
      alarms: props.alarms,
      alarmDescription: `Events the ${rule.name} consumer could not handle are waiting in its DLQ`,
    });
    const handler = new NodeFunction(this, "Handler", {
      name: rule.name,
      entry: rule.entry,
      description: rule.description,
      environment: props.environment,
      deadLetterQueue: queued ? undefined : deadLetters,
      timeout: props.timeout,
    });
    handler.bindTable(props.table, "readWrite").bindConfigSecrets(props.secrets);
    props.bind?.(handler);
    this.handler = handler;

    let target: IRuleTarget;
    if (queued) {
      target = this.feedThroughQueue(props, deadLetters);
    } else {
      handler.configureAsyncInvoke({ retryAttempts: HANDLER_RETRIES, maxEventAge: MAX_EVENT_AGE });
      target = new LambdaFunction(handler, { deadLetterQueue: deadLetters, ...DELIVERY });
    }
    new EventRule(this, "Rule", {
      eventBus: props.bus,
      description: rule.description,
      eventPattern: eventPattern(rule),
      targets: [target],
    });
  }

  /**
   * The rule fills a queue and the handler reads it with SQS's maximum concurrency as the rule's
   * `concurrency`, reporting which events of a batch failed (functions/events/bus-target.ts).
   * Events EventBridge cannot deliver to the queue still go to `DeadLetters`.
   *
   * With `orderedBy`, the queue is FIFO with one message group per value of that field (see
   * OrderedEventQueue), and what keeps failing there goes to a FIFO DLQ, as SQS requires;
   * EventBridge, for its part, takes only a standard DLQ. With `concurrency` alone, the queue is
   * a standard one whose failures join `DeadLetters`. That is chosen over reserved concurrency on
   * the direct target: reserving takes capacity from the whole account (and fails to deploy on
   * accounts left with less than Lambda's unreserved minimum), and throttled events would wait in
   * Lambda's retries, up to MAX_EVENT_AGE, instead of in a queue.
   */
  private feedThroughQueue(props: BusConsumerProps, deadLetters: DeadLetterQueue) {
    const { rule } = props;
    if (rule.concurrency !== undefined && rule.concurrency < 2) {
      throw new Error(`${rule.name}: concurrency must be at least 2, SQS's smallest maximum concurrency`);
    }
    const delivery = { deadLetterQueue: deadLetters, ...DELIVERY };
    // NodeFunction always sets a timeout.
    const visibilityTimeout = Duration.seconds(VISIBILITY_PER_TIMEOUT * this.handler.timeout!.toSeconds());
    let queue: Queue;
    let target: IRuleTarget;
    if (rule.orderedBy) {
      const ordered = new OrderedEventQueue(this, "Ordered", {
        groupBy: `detail.data.${rule.orderedBy}`,
        visibilityTimeout,
        deadLetters: new DeadLetterQueue(this, "OrderedDeadLetters", {
          fifo: true,
          alarms: props.alarms,
          alarmDescription: `Events the ${rule.name} consumer could not handle in order are waiting in its FIFO DLQ`,
        }),
        maxReceiveCount: QUEUE_RECEIVES,
        description: `Queues ${rule.name}'s events in one message group per ${rule.orderedBy}`,
      });
      queue = ordered.queue;
      target = ordered.target(delivery);
      Validations.of(deadLetters).acknowledge({
        id: "AwsSolutions-SQS3",
        reason:
          "It is a DLQ, EventBridge's, for the events it could not deliver to the inbox; cdk-nag knows DLQs only by redrive policies.",
      });
    } else {
      queue = new Queue(this, "Queue", {
        ...SECURE_QUEUE,
        visibilityTimeout,
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: QUEUE_RECEIVES },
      });
      target = new SqsQueue(queue, delivery);
    }
    this.handler.addEventSource(
      new SqsEventSource(queue, {
        batchSize: QUEUE_BATCH_SIZE,
        reportBatchItemFailures: true,
        maxConcurrency: rule.concurrency,
      }),
    );
    return target;
  }
}
