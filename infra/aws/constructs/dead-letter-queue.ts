import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { Queue, QueueEncryption, type QueueProps } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import type { AlarmTopic } from "./alarm-topic.js";

/** SQS's maximum: two weeks to notice, fix and redrive. */
const DLQ_RETENTION = Duration.days(14);

/** How every queue of ours is kept: encrypted by SQS, and refusing plain HTTP. */
export const SECURE_QUEUE = {
  encryption: QueueEncryption.SQS_MANAGED,
  enforceSSL: true,
} as const satisfies QueueProps;

export type DeadLetterQueueProps = {
  alarms: AlarmTopic;
  /** What is waiting in the queue when the alarm fires. */
  alarmDescription: string;
  /** For FIFO queues: SQS moves their dead letters only to a FIFO queue. */
  fifo?: boolean;
};

/**
 * Where work that failed every retry waits for a person: encrypted, HTTPS only, with an alarm
 * (its sibling `<id>Alarm`) as soon as it holds one message.
 */
export class DeadLetterQueue extends Queue {
  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id, {
      ...SECURE_QUEUE,
      retentionPeriod: DLQ_RETENTION,
      fifo: props.fifo,
    });
    const alarm = new Alarm(scope, `${id}Alarm`, {
      alarmDescription: props.alarmDescription,
      metric: this.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    props.alarms.notify(alarm);
  }
}
