import { Duration } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Rule as EventRule, type IEventBus } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { Construct } from "constructs";
import { eventPattern, type Rule } from "../../../events/rules.js";
import type { AlarmTopic } from "./alarm-topic.js";
import { DeadLetterQueue } from "./dead-letter-queue.js";
import { type ConfigSecrets, type FunctionEnvironment, NodeFunction } from "./node-function.js";

/** EventBridge retries a failed delivery this often, over at most this long, before the DLQ. */
const DELIVERY_RETRIES = 8;
const MAX_EVENT_AGE = Duration.hours(2);
/** Lambda's own retries once it has accepted the event (its asynchronous invocation). */
const HANDLER_RETRIES = 2;

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
 * a DLQ with an alarm. The DLQ takes both kinds of failure: events EventBridge could not deliver
 * and events the handler kept throwing on, since Lambda retries those itself, out of EventBridge's sight.
 */
export class BusConsumer extends Construct {
  readonly handler: NodeFunction;

  constructor(scope: Construct, id: string, props: BusConsumerProps) {
    super(scope, id);
    const { rule } = props;
    const deadLetters = new DeadLetterQueue(this, "DeadLetters", {
      alarms: props.alarms,
      alarmDescription: `Events the ${rule.name} consumer could not handle are waiting in its DLQ`,
    });
    const handler = new NodeFunction(this, "Handler", {
      name: rule.name,
      entry: rule.entry,
      description: rule.description,
      environment: props.environment,
      deadLetterQueue: deadLetters,
      timeout: props.timeout,
    });
    handler.bindTable(props.table, "readWrite").bindConfigSecrets(props.secrets);
    props.bind?.(handler);
    handler.configureAsyncInvoke({ retryAttempts: HANDLER_RETRIES, maxEventAge: MAX_EVENT_AGE });
    this.handler = handler;

    new EventRule(this, "Rule", {
      eventBus: props.bus,
      description: rule.description,
      eventPattern: eventPattern(rule),
      targets: [
        new LambdaFunction(handler, {
          deadLetterQueue: deadLetters,
          retryAttempts: DELIVERY_RETRIES,
          maxEventAge: MAX_EVENT_AGE,
        }),
      ],
    });
  }
}
