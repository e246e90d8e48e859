import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Rule as EventRule, type IEventBus } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { eventPattern, type Rule } from "../../../events/rules.js";
import type { AlarmTopic } from "./alarm-topic.js";
import { type FunctionEnvironment, NodeFunction } from "./node-function.js";

/** EventBridge retries a failed delivery this often, over at most this long, before the DLQ. */
const DELIVERY_RETRIES = 8;
const MAX_EVENT_AGE = Duration.hours(2);
/** Lambda's own retries once it has accepted the event (its asynchronous invocation). */
const HANDLER_RETRIES = 2;
/** SQS's maximum: two weeks to notice, fix and redrive. */
const DLQ_RETENTION = Duration.days(14);

export type BusConsumerProps = {
  rule: Rule;
  bus: IEventBus;
  environment: FunctionEnvironment;
  /** Where consumers keep their receipts of handled events, among the rest. */
  table: ITable;
  sessionSecret: ISecret;
  alarms: AlarmTopic;
};

/**
 * One `bus` rule of events/rules.ts: its consumer Lambda, the EventBridge rule that feeds it, and
 * a DLQ with an alarm. The DLQ takes both kinds of failure: events EventBridge could not deliver
 * and events the handler kept throwing on, since Lambda retries those itself, out of EventBridge's sight.
 */
export class BusConsumer extends Construct {
  constructor(scope: Construct, id: string, props: BusConsumerProps) {
    super(scope, id);
    const { rule } = props;
    const deadLetters = new Queue(this, "DeadLetters", {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DLQ_RETENTION,
    });
    const handler = new NodeFunction(this, "Handler", {
      name: rule.name,
      entry: rule.entry,
      description: rule.description,
      environment: props.environment,
      deadLetterQueue: deadLetters,
    });
    handler.bindTable(props.table, "readWrite").bindSecret(props.sessionSecret);
    handler.configureAsyncInvoke({ retryAttempts: HANDLER_RETRIES, maxEventAge: MAX_EVENT_AGE });

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

    const alarm = new Alarm(this, "DeadLettersAlarm", {
      alarmDescription: `Events the ${rule.name} consumer could not handle are waiting in its DLQ`,
      metric: deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    props.alarms.notify(alarm);
  }
}
