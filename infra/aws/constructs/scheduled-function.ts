import { Duration } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { Rule, type Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import { Construct } from "constructs";
import type { AlarmTopic } from "./alarm-topic.js";
import { NodeFunction, type NodeFunctionProps } from "./node-function.js";

/** A blip (a throttled call) is not an incident; failing most of five minutes in a row is. */
const FAILING_MINUTES = 3;
const WINDOW_MINUTES = 5;

export type ScheduledFunctionProps = NodeFunctionProps & {
  schedule: Schedule;
  alarms: AlarmTopic;
};

/**
 * A NodeFunction run on a schedule by an EventBridge rule, with an alarm on its errors. A run
 * that fails is not retried, by EventBridge or by Lambda: the next run is the retry, and a
 * retry overlapping it would only compete for the same work.
 */
export class ScheduledFunction extends Construct {
  readonly handler: NodeFunction;

  constructor(scope: Construct, id: string, props: ScheduledFunctionProps) {
    super(scope, id);
    const { schedule, alarms, ...functionProps } = props;
    this.handler = new NodeFunction(this, "Handler", functionProps);
    this.handler.configureAsyncInvoke({ retryAttempts: 0 });

    new Rule(this, "Schedule", {
      description: props.description,
      schedule,
      targets: [new LambdaFunction(this.handler, { retryAttempts: 0 })],
    });

    const alarm = new Alarm(this, "ErrorsAlarm", {
      alarmDescription: `${props.name} failed in ${FAILING_MINUTES} of the last ${WINDOW_MINUTES} minutes`,
      metric: this.handler.metricErrors({ period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: WINDOW_MINUTES,
      datapointsToAlarm: FAILING_MINUTES,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarms.notify(alarm);
  }
}
