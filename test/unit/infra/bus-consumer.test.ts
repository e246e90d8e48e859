import { App, Duration, Stack } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { AttributeType, Table } from "aws-cdk-lib/aws-dynamodb";
import { EventBus } from "aws-cdk-lib/aws-events";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { describe, expect, it } from "vitest";
import type { Rule } from "../../../events/rules.js";
import { AlarmTopic } from "../../../infra/aws/constructs/alarm-topic.js";
import { BusConsumer } from "../../../infra/aws/constructs/bus-consumer.js";

/** A rule of no real consumer: the entry only has to exist, since nothing is bundled here. */
const RULE: Rule = {
  name: "count-queued-messages",
  description: "Counts queued messages",
  delivery: "bus",
  events: ["message.queued"],
  entry: "functions/events/record-conversation-metrics.ts",
};

/** One BusConsumer for `rule` in a stack of its own. */
function consumerFor(rule: Rule) {
  const app = new App({ context: { "aws:cdk:bundling-stacks": [] } });
  const stack = new Stack(app, "Consumers");
  const consumer = new BusConsumer(stack, rule.name, {
    rule,
    bus: new EventBus(stack, "Bus"),
    table: new Table(stack, "Table", { partitionKey: { name: "pk", type: AttributeType.STRING } }),
    secrets: { session: new Secret(stack, "Session"), channels: new Secret(stack, "Channels") },
    alarms: new AlarmTopic(stack, "Alarms", {}),
    environment: {
      TABLE_NAME: "table",
      BUCKET_NAME: "bucket",
      EVENT_BUS_NAME: "bus",
      USER_POOL_ID: "pool",
      USER_POOL_CLIENT_ID: "client",
      SESSION_SECRET_ARN: "session",
      CHANNEL_SECRETS_ARN: "channels",
      WS_ENDPOINT: "https://ws.example.com",
      WEB_ORIGIN: "https://example.com",
    },
    timeout: Duration.seconds(30),
  });
  return { consumer, template: Template.fromStack(stack) };
}

describe("a bus consumer with a concurrency limit and no order", () => {
  const { template } = consumerFor({ ...RULE, concurrency: 3 });

  it("reads a standard queue the rule fills, at most `concurrency` at a time", () => {
    template.resourceCountIs("AWS::Pipes::Pipe", 0);
    const [queue] = Object.keys(
      template.findResources("AWS::SQS::Queue", { Properties: { RedrivePolicy: Match.anyValue() } }),
    );
    expect(template.toJSON().Resources[queue!].Properties.FifoQueue).toBeUndefined();
    template.hasResourceProperties("AWS::Events::Rule", {
      Targets: [Match.objectLike({ Arn: { "Fn::GetAtt": [queue, "Arn"] }, SqsParameters: Match.absent() })],
    });
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      EventSourceArn: { "Fn::GetAtt": [queue, "Arn"] },
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: 3 },
    });
    template.hasResourceProperties("AWS::SQS::Queue", { VisibilityTimeout: 6 * 30 });
  });

  it("sends what keeps failing in the queue to the same DLQ as what EventBridge could not deliver", () => {
    const [rule] = Object.values(template.findResources("AWS::Events::Rule"));
    const dlq = rule!.Properties.Targets[0].DeadLetterConfig.Arn;
    template.hasResourceProperties("AWS::SQS::Queue", {
      RedrivePolicy: { deadLetterTargetArn: dlq, maxReceiveCount: 5 },
    });
    template.resourceCountIs("AWS::SQS::Queue", 2);
    template.resourceCountIs("AWS::CloudWatch::Alarm", 1);
  });
});

describe("a bus consumer in order and without a concurrency limit", () => {
  it("reads its FIFO queue with no maximum concurrency: the message groups are the limit", () => {
    const { template } = consumerFor({ ...RULE, orderedBy: "conversationId" });

    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", { ScalingConfig: Match.absent() });
    template.hasResourceProperties("AWS::Pipes::Pipe", {
      TargetParameters: Match.objectLike({
        SqsQueueParameters: Match.objectLike({ MessageGroupId: "$.body.detail.data.conversationId" }),
      }),
    });
  });
});

describe("a bus consumer with neither", () => {
  it("is invoked by EventBridge directly, without a queue", () => {
    const { template } = consumerFor(RULE);

    template.resourceCountIs("AWS::Lambda::EventSourceMapping", 0);
    template.resourceCountIs("AWS::SQS::Queue", 1);
  });
});

describe("a bus rule's concurrency", () => {
  it("is refused below two, SQS's smallest maximum concurrency, naming the rule", () => {
    expect(() => consumerFor({ ...RULE, concurrency: 1 })).toThrow(/count-queued-messages: concurrency/);
  });
});
