import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { App, type CfnElement } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { Runtime, RuntimeFamily } from "aws-cdk-lib/aws-lambda";
import { afterAll, describe, expect, it } from "vitest";
import { eventPattern, RULES } from "../../../events/rules.js";
import { INBOUND_MAIL_PREFIX } from "../../../functions/email/receive-ses-email.js";
import { VIEWER_ADDRESS_HEADER } from "../../../functions/http/viewer-address.js";
import { type AtiendeOptions, defineStacks } from "../../../infra/aws/atiende.js";
import { NODE_RUNTIME } from "../../../infra/aws/constructs/node-function.js";
import { STAGE_NAME } from "../../../infra/aws/constructs/realtime-api.js";
import { API_PATHS, PAGES } from "../../../infra/aws/constructs/web-site.js";
import { PROJECT_ROOT } from "../../../infra/aws/paths.js";
import { CHANNEL_SECRET_SOURCES } from "../../../infra/aws/stacks/data-stack.js";
import { ENTRIES } from "../../../infra/aws/stacks/service-stack.js";
import { TABLE } from "../../../shared/data/table.js";
import { StaffRole } from "../../../shared/identity/index.js";

const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

function scratchDir() {
  const dir = mkdtempSync(join(tmpdir(), "atiende-infra-"));
  scratchDirs.push(dir);
  return dir;
}

/** A stand-in for `npm run build:web`: the pages the site construct checks for. */
function builtWebApp() {
  const dir = scratchDir();
  for (const page of Object.values(PAGES)) {
    mkdirSync(dirname(join(dir, page)), { recursive: true });
    writeFileSync(join(dir, page), "<!doctype html>");
  }
  return dir;
}

/** The app as `cdk synth` builds it (same context), minus bundling: the bundle-size test bundles. */
function synthesize(webDist = builtWebApp(), options: Omit<AtiendeOptions, "webDist"> = {}) {
  const { context } = JSON.parse(readFileSync(join(PROJECT_ROOT, "cdk.json"), "utf8")) as { context: object };
  const app = new App({ context: { ...context, "aws:cdk:bundling-stacks": [] } });
  return defineStacks(app, { webDist, ...options });
}

const stacks = synthesize();
const data = Template.fromStack(stacks.data);
const auth = Template.fromStack(stacks.auth);
const service = Template.fromStack(stacks.service);

const BUS_RULES = RULES.filter((rule) => rule.delivery === "bus");
/** Bus rules whose consumer reads a queue the rule fills, one message group per `orderedBy` value. */
const ORDERED_RULES = BUS_RULES.filter((rule) => rule.orderedBy !== undefined);
/** Bus rules whose consumer EventBridge invokes directly. */
const DIRECT_RULES = BUS_RULES.filter(
  (rule) => rule.orderedBy === undefined && rule.concurrency === undefined,
);
/** One DLQ per consumer, and a FIFO one more per ordered consumer. */
const BUS_DLQS = BUS_RULES.length + ORDERED_RULES.length;
/** The consumer of the IVR bot's conversation logs, which a log subscription invokes, has its own. */
const LOG_DLQS = 1;

const MAIL_DOMAIN = "soporte.example.com";
const CONFIGURATION_SET = "atiende-mail";
/** The same app with SES receiving for a support domain and sending through a configuration set. */
const withMail = Template.fromStack(
  synthesize(undefined, { mailDomain: MAIL_DOMAIN, sesConfigurationSet: CONFIGURATION_SET }).service,
);

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

/** Our function whose logs and metrics carry `name` (NodeFunction's POWERTOOLS_SERVICE_NAME). */
function functionNamed(template: Template, name: string) {
  const found = Object.entries(
    template.findResources("AWS::Lambda::Function", {
      Properties: { Environment: { Variables: { POWERTOOLS_SERVICE_NAME: name } } },
    }),
  );
  expect(found, `one function named ${name}`).toHaveLength(1);
  const [id, resource] = found[0]!;
  return { id, properties: resource.Properties };
}

/** Every statement of the policies attached to the named function's role. */
function grantsOf(template: Template, name: string): Statement[] {
  const role = functionNamed(template, name).properties.Role["Fn::GetAtt"][0] as string;
  return Object.values(template.findResources("AWS::IAM::Policy"))
    .filter((policy) => (policy.Properties.Roles as unknown[]).some((ref) => equal(ref, { Ref: role })))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

const equal = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const actionsOf = (statements: Statement[]) => statements.flatMap((statement) => [statement.Action].flat());
const grantsFor = (statements: Statement[], action: string) =>
  statements.filter((statement) => [statement.Action].flat().includes(action));

function logicalIdOf(template: Template, type: string, props: object) {
  const ids = Object.keys(template.findResources(type, { Properties: props }));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

describe("data stack", () => {
  it("keys the table, its indexes and its TTL exactly as shared/data/table.ts declares", () => {
    data.hasResourceProperties("AWS::DynamoDB::Table", {
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: "HASH" },
        { AttributeName: TABLE.sortKey, KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: TABLE.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: "HASH" },
          { AttributeName: index.sortKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      })),
      TimeToLiveSpecification: { AttributeName: TABLE.timeToLive, Enabled: true },
    });
  });

  it("keeps the table's data: on demand, recoverable, encrypted, retained and deletion-protected", () => {
    data.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      Properties: Match.objectLike({
        BillingMode: "PAY_PER_REQUEST",
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
      }),
    });
  });

  it("creates the channels' secret with every key functions/config.ts reads, none of them in the template", () => {
    const secrets = data.findResources("AWS::SecretsManager::Secret", {
      Properties: { GenerateSecretString: { GenerateStringKey: "WHATSAPP_VERIFY_TOKEN" } },
    });
    expect(Object.keys(secrets)).toHaveLength(1);
    const [secret] = Object.values(secrets);
    expect(secret!.DeletionPolicy).toBe("Retain");
    expect(secret!.Properties.SecretString).toBeUndefined();
    const template = JSON.stringify(secret!.Properties.GenerateSecretString.SecretStringTemplate);
    for (const key of Object.keys(CHANNEL_SECRET_SOURCES))
      expect(template).toContain(`\\"${key}\\":\\"REPLACE `);
    // Each placeholder carries the stack's UUID, so nobody outside can sign a webhook with it.
    expect(template).toContain('{"Fn::Select":[2,{"Fn::Split":["/",{"Ref":"AWS::StackId"}]}]}');
  });

  it("generates the session signing key instead of taking one from the template", () => {
    data.hasResourceProperties("AWS::SecretsManager::Secret", {
      GenerateSecretString: Match.objectLike({ PasswordLength: 64 }),
      SecretString: Match.absent(),
    });
  });
});

describe("auth stack", () => {
  it("has one group per staff role", () => {
    for (const role of StaffRole.options) {
      auth.hasResourceProperties("AWS::Cognito::UserPoolGroup", { GroupName: role });
    }
    auth.resourceCountIs("AWS::Cognito::UserPoolGroup", StaffRole.options.length);
  });

  it("signs in by e-mail, admins create users, and each carries an immutable tenant", () => {
    auth.hasResourceProperties("AWS::Cognito::UserPool", {
      UsernameAttributes: ["email"],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Schema: Match.arrayWith([
        {
          Name: "tenant",
          AttributeDataType: "String",
          Mutable: false,
          StringAttributeConstraints: Match.anyValue(),
        },
      ]),
      UserPoolTier: "PLUS",
    });
  });

  it("gives the console a public client that allows USER_PASSWORD_AUTH and refresh tokens", () => {
    auth.hasResourceProperties("AWS::Cognito::UserPoolClient", {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayEquals(["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]),
    });
  });
});

describe("event consumers", () => {
  it.each(BUS_RULES.map((rule) => [rule.name, rule] as const))(
    "routes %s's events from the bus to its consumer, retrying and then dead-lettering",
    (_name, rule) => {
      service.hasResourceProperties("AWS::Events::Rule", {
        Description: rule.description,
        EventPattern: eventPattern(rule),
        Targets: [
          Match.objectLike({
            DeadLetterConfig: { Arn: { "Fn::GetAtt": [Match.anyValue(), "Arn"] } },
            RetryPolicy: {
              MaximumRetryAttempts: Match.anyValue(),
              MaximumEventAgeInSeconds: Match.anyValue(),
            },
          }),
        ],
      });
    },
  );

  it("makes EventBridge rules for bus rules only: inline consumers run inside the emitter", () => {
    const patterns = service.findResources("AWS::Events::Rule", {
      Properties: { EventPattern: Match.anyValue() },
    });
    expect(Object.keys(patterns)).toHaveLength(BUS_RULES.length);
  });

  it("encrypts every queue, refuses plain HTTP to it, and alarms as soon as a DLQ holds a message", () => {
    const queues = service.findResources("AWS::SQS::Queue");
    const dlqs = service.findResources("AWS::SQS::Queue", {
      Properties: { MessageRetentionPeriod: 14 * 24 * 60 * 60 },
    });
    expect(Object.keys(dlqs)).toHaveLength(BUS_DLQS + LOG_DLQS);
    const policies = Object.values(service.findResources("AWS::SQS::QueuePolicy"));
    for (const [id, queue] of Object.entries(queues)) {
      expect(queue.Properties.SqsManagedSseEnabled, id).toBe(true);
      const policy = policies.find((candidate) => equal(candidate.Properties.Queues, [{ Ref: id }]));
      expect(policy?.Properties.PolicyDocument.Statement, id).toContainEqual(
        expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
      );
    }
    const dlqAlarms = service.findResources("AWS::CloudWatch::Alarm", {
      Properties: { Namespace: "AWS/SQS" },
    });
    expect(Object.keys(dlqAlarms)).toHaveLength(BUS_DLQS + LOG_DLQS);
    for (const alarm of Object.values(dlqAlarms)) {
      expect(Object.keys(dlqs)).toContain(alarm.Properties.Dimensions[0].Value["Fn::GetAtt"][0]);
    }
    service.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: "AWS/SQS",
      MetricName: "ApproximateNumberOfMessagesVisible",
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
    });
  });

  it("tells the alarm topic when any alarm fires and when it clears, over an encrypted, HTTPS-only topic", () => {
    const [topic] = Object.keys(service.findResources("AWS::SNS::Topic"));
    const alarms = [
      ...Object.values(service.findResources("AWS::CloudWatch::Alarm")),
      ...Object.values(withMail.findResources("AWS::CloudWatch::Alarm")),
    ];
    // A DLQ alarm per bus and log DLQ, the drainer's errors, and with mail the receiver's DLQ.
    expect(alarms).toHaveLength(2 * (BUS_DLQS + LOG_DLQS + 1) + 1);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topic }]);
    }
    service.hasResourceProperties("AWS::SNS::Topic", { KmsMasterKeyId: Match.anyValue() });
    service.hasResourceProperties("AWS::SNS::TopicPolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      },
    });
    service.resourceCountIs("AWS::SNS::Subscription", 0);

    const withEmail = Template.fromStack(synthesize(undefined, { alarmEmail: "ops@example.com" }).service);
    withEmail.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: "ops@example.com",
    });
  });

  it.each(DIRECT_RULES.map((rule) => [rule.name] as const))(
    "has EventBridge invoke %s itself, and send its handler's failures, which Lambda retries, to the same DLQ",
    (name) => {
      const handler = functionNamed(service, name);
      const dlq = handler.properties.DeadLetterConfig.TargetArn;
      service.hasResourceProperties("AWS::Events::Rule", {
        Targets: [
          Match.objectLike({
            Arn: { "Fn::GetAtt": [handler.id, "Arn"] },
            DeadLetterConfig: { Arn: dlq },
          }),
        ],
      });
      service.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
        FunctionName: { Ref: handler.id },
        MaximumRetryAttempts: Match.anyValue(),
      });
      service.resourceCountIs("AWS::Lambda::EventSourceMapping", BUS_RULES.length - DIRECT_RULES.length);
      expect(
        service.findResources("AWS::Lambda::EventSourceMapping", {
          Properties: { FunctionName: { Ref: handler.id } },
        }),
      ).toEqual({});
    },
  );

  it("sends handler failures to a DLQ through Lambda for directly invoked consumers only", () => {
    const functions = service.findResources("AWS::Lambda::Function", {
      Properties: { DeadLetterConfig: Match.anyValue() },
    });
    expect(Object.keys(functions)).toHaveLength(DIRECT_RULES.length + LOG_DLQS);
  });
});

describe("ordered event consumers", () => {
  it("include the store consumer, in one group per sender, four at a time", () => {
    expect(ORDERED_RULES.find((rule) => rule.name === "store-channel-messages")).toMatchObject({
      orderedBy: "sender",
      concurrency: 4,
    });
  });

  describe.each(ORDERED_RULES.map((rule) => [rule.name, rule] as const))("%s", (name, rule) => {
    const handler = functionNamed(service, name);
    const mapping = Object.values(
      service.findResources("AWS::Lambda::EventSourceMapping", {
        Properties: { FunctionName: { Ref: handler.id } },
      }),
    );
    const queueId = () => mapping[0]!.Properties.EventSourceArn["Fn::GetAtt"][0] as string;
    const queue = () => service.toJSON().Resources[queueId()];
    const pipe = () => {
      const pipes = Object.values(
        service.findResources("AWS::Pipes::Pipe", {
          Properties: { Target: { "Fn::GetAtt": [queueId(), "Arn"] } },
        }),
      );
      expect(pipes).toHaveLength(1);
      return pipes[0]!;
    };
    const inboxId = () => pipe().Properties.Source["Fn::GetAtt"][0] as string;
    const fifoDlqId = () => queue().Properties.RedrivePolicy.deadLetterTargetArn["Fn::GetAtt"][0] as string;

    it("reads a FIFO queue with partial batch responses, at most `concurrency` at a time", () => {
      expect(mapping).toHaveLength(1);
      expect(mapping[0]!.Properties).toMatchObject({
        FunctionResponseTypes: ["ReportBatchItemFailures"],
        ScalingConfig: { MaximumConcurrency: rule.concurrency },
        BatchSize: expect.any(Number),
      });
      expect(mapping[0]!.Properties.BatchSize).toBeLessThanOrEqual(10);
      expect(queue()).toMatchObject({ Type: "AWS::SQS::Queue", Properties: { FifoQueue: true } });
      // Deduplicated by the id the pipe gives each message, the EventBridge event's.
      expect(queue().Properties.ContentBasedDeduplication).toBeUndefined();
    });

    it("hides a message it is working on for six times the function's timeout", () => {
      expect(queue().Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * handler.properties.Timeout);
    });

    it("puts the rule's events in order in one message group per value of the field", () => {
      // A rule's SQS target takes one fixed group id, so the rule fills a FIFO inbox in one group...
      service.hasResourceProperties("AWS::Events::Rule", {
        EventPattern: eventPattern(rule),
        Targets: [
          Match.objectLike({
            Arn: { "Fn::GetAtt": [inboxId(), "Arn"] },
            SqsParameters: { MessageGroupId: Match.stringLikeRegexp("^[\\w-]+$") },
          }),
        ],
      });
      expect(service.toJSON().Resources[inboxId()].Properties).toMatchObject({
        FifoQueue: true,
        ContentBasedDeduplication: true,
      });
      // ...and a pipe, which resolves paths in the group id, moves each event on in its group.
      expect(pipe().Properties.TargetParameters).toEqual({
        InputTemplate: "<$.body>",
        SqsQueueParameters: {
          MessageGroupId: `$.body.detail.data.${rule.orderedBy}`,
          MessageDeduplicationId: "$.body.id",
        },
      });
    });

    it("sends what keeps failing in the inbox or the queue, after five receives, to a FIFO DLQ with an alarm", () => {
      const redrive = { deadLetterTargetArn: { "Fn::GetAtt": [fifoDlqId(), "Arn"] }, maxReceiveCount: 5 };
      expect(queue().Properties.RedrivePolicy).toEqual(redrive);
      expect(service.toJSON().Resources[inboxId()].Properties.RedrivePolicy).toEqual(redrive);
      expect(service.toJSON().Resources[fifoDlqId()].Properties).toMatchObject({ FifoQueue: true });
      service.hasResourceProperties("AWS::CloudWatch::Alarm", {
        Namespace: "AWS/SQS",
        MetricName: "ApproximateNumberOfMessagesVisible",
        Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": [fifoDlqId(), "QueueName"] } }],
        Threshold: 1,
      });
    });

    it("sends events EventBridge could not deliver to a standard DLQ, as EventBridge requires", () => {
      const [target] = Object.values(
        service.findResources("AWS::Events::Rule", { Properties: { EventPattern: eventPattern(rule) } }),
      )[0]!.Properties.Targets;
      const dlq = target.DeadLetterConfig.Arn["Fn::GetAtt"][0] as string;
      expect(service.toJSON().Resources[dlq].Properties.FifoQueue).toBeUndefined();
      expect(handler.properties.DeadLetterConfig).toBeUndefined();
      expect(
        service.findResources("AWS::Lambda::EventInvokeConfig", {
          Properties: { FunctionName: { Ref: handler.id } },
        }),
      ).toEqual({});
    });

    it("lets the pipe take from the inbox and send to the queue, and no more", () => {
      const role = pipe().Properties.RoleArn["Fn::GetAtt"][0] as string;
      const statements = Object.values(service.findResources("AWS::IAM::Policy"))
        .filter((policy) => equal(policy.Properties.Roles, [{ Ref: role }]))
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
      expect(statements.map((statement) => statement.Resource)).toEqual([
        { "Fn::GetAtt": [inboxId(), "Arn"] },
        { "Fn::GetAtt": [queueId(), "Arn"] },
      ]);
      expect(actionsOf(statements)).not.toContain("sqs:*");
      expect(grantsFor(statements, "sqs:SendMessage").map((statement) => statement.Resource)).toEqual([
        { "Fn::GetAtt": [queueId(), "Arn"] },
      ]);
    });
  });
});

describe("channel consumers and the outbox drainer", () => {
  const SES_SEND = ["ses:SendEmail", "ses:SendRawEmail"];
  const sesArn = (resource: string) => ({
    "Fn::Join": [
      "",
      [
        "arn:",
        { Ref: "AWS::Partition" },
        ":ses:",
        { Ref: "AWS::Region" },
        ":",
        { Ref: "AWS::AccountId" },
        `:${resource}`,
      ],
    ],
  });
  const filesBucket = logicalIdOf(service, "AWS::S3::Bucket", {
    VersioningConfiguration: { Status: "Enabled" },
  });
  const filesObjects = { "Fn::Join": ["", [{ "Fn::GetAtt": [filesBucket, "Arn"] }, "/*"]] };

  it("drains the outbox every minute, without retries (the next run is one), alarming on its errors", () => {
    const drainer = functionNamed(service, "drain-outbox");
    service.hasResourceProperties("AWS::Events::Rule", {
      ScheduleExpression: "rate(1 minute)",
      Targets: [
        Match.objectLike({
          Arn: { "Fn::GetAtt": [drainer.id, "Arn"] },
          RetryPolicy: { MaximumRetryAttempts: 0 },
        }),
      ],
    });
    const [topic] = Object.keys(service.findResources("AWS::SNS::Topic"));
    service.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: "AWS/Lambda",
      MetricName: "Errors",
      Dimensions: [{ Name: "FunctionName", Value: { Ref: drainer.id } }],
      AlarmActions: [{ Ref: topic }],
    });
    // Under the minute an attempt leases its outbox entry for (shared/channels/deliver-outgoing.ts).
    expect(drainer.properties.Timeout).toBeLessThan(60);
    expect(functionNamed(service, "deliver-outgoing-messages").properties.Timeout).toBeLessThan(60);
  });

  it("lets the store consumer put media in the files bucket, publish events and push to sockets, and no more", () => {
    const grants = grantsOf(service, "store-channel-messages");
    expect(grantsFor(grants, "s3:PutObject").map((statement) => statement.Resource)).toEqual([filesObjects]);
    expect(actionsOf(grants)).toEqual(
      expect.arrayContaining(["dynamodb:PutItem", "events:PutEvents", "execute-api:ManageConnections"]),
    );
    expect(actionsOf(grants)).not.toContain("s3:GetObject");
    expect(actionsOf(grants).filter((action) => action.startsWith("ses:"))).toEqual([]);
  });

  it.each(["deliver-outgoing-messages", "drain-outbox"])(
    "lets %s read files, write the table, publish, push and send mail as this account's SES identities only",
    (name) => {
      const grants = grantsOf(service, name);
      expect(actionsOf(grants)).toEqual(
        expect.arrayContaining([
          "s3:GetObject",
          "dynamodb:UpdateItem",
          "events:PutEvents",
          "execute-api:ManageConnections",
          ...SES_SEND,
        ]),
      );
      expect(actionsOf(grants)).not.toContain("s3:PutObject");
      const sends = grants.filter((statement) =>
        SES_SEND.some((action) => actionsOf([statement]).includes(action)),
      );
      expect(sends).toEqual([{ Effect: "Allow", Action: SES_SEND, Resource: sesArn("identity/*") }]);

      // With a configuration set, sends through it must be allowed too, and nothing more.
      const configured = grantsOf(withMail, name).filter((statement) =>
        actionsOf([statement]).includes("ses:SendEmail"),
      );
      expect(configured).toEqual([
        {
          Effect: "Allow",
          Action: SES_SEND,
          Resource: expect.arrayContaining([
            sesArn(`configuration-set/${CONFIGURATION_SET}`),
            sesArn("identity/*"),
          ]),
        },
      ]);
      expect(functionNamed(withMail, name).properties.Environment.Variables.SES_CONFIGURATION_SET).toBe(
        CONFIGURATION_SET,
      );
    },
  );

  it("grants SES sending to these two only, and nothing of ours on every resource but X-Ray", () => {
    const ours = withMail.findResources("AWS::Lambda::Function", {
      Properties: { Environment: { Variables: { POWERTOOLS_METRICS_NAMESPACE: "Atiende" } } },
    });
    const names = Object.values(ours).map(
      (fn) => fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME,
    );
    const senders = names.filter((name) => actionsOf(grantsOf(withMail, name)).includes("ses:SendEmail"));
    expect(senders.sort()).toEqual(["deliver-outgoing-messages", "drain-outbox"]);
    for (const name of names) {
      const onEverything = grantsOf(withMail, name).filter((statement) =>
        [statement.Resource].flat().includes("*"),
      );
      expect(
        actionsOf(onEverything).filter((action) => !action.startsWith("xray:")),
        name,
      ).toEqual([]);
    }
  });
});

describe("mail receiving with SES", () => {
  const receiver = functionNamed(withMail, "receive-ses-email");
  const filesBucket = logicalIdOf(withMail, "AWS::S3::Bucket", {
    VersioningConfiguration: { Status: "Enabled" },
  });
  const ruleArn = {
    "Fn::Join": [
      "",
      [
        "arn:",
        { Ref: "AWS::Partition" },
        ":ses:",
        { Ref: "AWS::Region" },
        ":",
        { Ref: "AWS::AccountId" },
        ":receipt-rule-set/AtiendeService-mail:receipt-rule/support-domain",
      ],
    ],
  };

  it("is there only when a mail domain is given", () => {
    service.resourceCountIs("AWS::SES::ReceiptRuleSet", 0);
    service.resourceCountIs("AWS::SES::ReceiptRule", 0);
    withMail.resourceCountIs("AWS::SES::ReceiptRuleSet", 1);
  });

  it("stores each mail of the domain in the files bucket, then invokes the receiver with it, in that order", () => {
    withMail.hasResourceProperties("AWS::SES::ReceiptRule", {
      Rule: Match.objectLike({
        Recipients: [MAIL_DOMAIN],
        Enabled: true,
        ScanEnabled: true,
        Actions: [
          { S3Action: { BucketName: { Ref: filesBucket }, ObjectKeyPrefix: INBOUND_MAIL_PREFIX } },
          { LambdaAction: { FunctionArn: { "Fn::GetAtt": [receiver.id, "Arn"] }, InvocationType: "Event" } },
        ],
      }),
    });
  });

  it("lets SES write under the inbound prefix and invoke the receiver for this account's rule only", () => {
    withMail.hasResourceProperties("AWS::S3::BucketPolicy", {
      Bucket: { Ref: filesBucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Allow",
            Principal: { Service: "ses.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: {
              "Fn::Join": ["", [{ "Fn::GetAtt": [filesBucket, "Arn"] }, `/${INBOUND_MAIL_PREFIX}*`]],
            },
            Condition: {
              StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" }, "aws:SourceArn": ruleArn },
            },
          }),
        ]),
      },
    });
    withMail.hasResourceProperties("AWS::Lambda::Permission", {
      FunctionName: { "Fn::GetAtt": [receiver.id, "Arn"] },
      Principal: "ses.amazonaws.com",
      SourceAccount: { Ref: "AWS::AccountId" },
      SourceArn: ruleArn,
    });
    // SES checks both when the rule is created.
    const [rule] = Object.values(withMail.findResources("AWS::SES::ReceiptRule"));
    expect(rule!.DependsOn).toEqual(
      expect.arrayContaining([expect.stringMatching(/^FilesPolicy/), expect.stringMatching(/SesInvoke/)]),
    );
  });

  it("gives the receiver the files, the table and the bus, a DLQ, and time to parse a large mail", () => {
    const grants = grantsOf(withMail, "receive-ses-email");
    expect(actionsOf(grants)).toEqual(
      expect.arrayContaining(["s3:GetObject", "s3:PutObject", "dynamodb:PutItem", "events:PutEvents"]),
    );
    expect(receiver.properties.DeadLetterConfig).toBeDefined();
    expect(receiver.properties.Timeout).toBeGreaterThanOrEqual(60);
    withMail.hasResourceProperties("AWS::S3::Bucket", {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: INBOUND_MAIL_PREFIX, ExpirationInDays: Match.anyValue() }),
        ]),
      },
    });
  });
});

describe("WebSocket API", () => {
  const api = logicalIdOf(service, "AWS::ApiGatewayV2::Api", { ProtocolType: "WEBSOCKET" });

  it("selects routes by the message's action and has exactly $connect, $disconnect and $default", () => {
    service.hasResourceProperties("AWS::ApiGatewayV2::Api", {
      ProtocolType: "WEBSOCKET",
      RouteSelectionExpression: "$request.body.action",
    });
    const routes = service.findResources("AWS::ApiGatewayV2::Route", { Properties: { ApiId: { Ref: api } } });
    expect(Object.values(routes).map((route) => route.Properties.RouteKey)).toEqual(
      expect.arrayContaining(["$connect", "$disconnect", "$default"]),
    );
    expect(Object.keys(routes)).toHaveLength(3);
  });

  it("authorizes $connect with a Lambda REQUEST authorizer reading the token query parameter", () => {
    const authorizer = logicalIdOf(service, "AWS::ApiGatewayV2::Authorizer", {
      ApiId: { Ref: api },
      AuthorizerType: "REQUEST",
      IdentitySource: ["route.request.querystring.token"],
    });
    service.hasResourceProperties("AWS::ApiGatewayV2::Route", {
      RouteKey: "$connect",
      AuthorizationType: "CUSTOM",
      AuthorizerId: { Ref: authorizer },
    });
  });

  it("deploys the live stage automatically, with access logs", () => {
    service.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      ApiId: { Ref: api },
      StageName: STAGE_NAME,
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp("connectionId") },
    });
  });

  it("lets functions manage connections of this API's live stage and nothing else", () => {
    const policies = service.findResources("AWS::IAM::Policy");
    const statements = Object.values(policies)
      .flatMap(
        (policy) =>
          policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
      )
      .filter((statement) => [statement.Action].flat().includes("execute-api:ManageConnections"));
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect([statement.Action].flat()).toEqual(["execute-api:ManageConnections"]);
      expect(JSON.stringify(statement.Resource)).toContain(
        `{"Ref":"${api}"},"/${STAGE_NAME}/*/@connections/*"`,
      );
    }
  });
});

describe("functions", () => {
  const ours = service.findResources("AWS::Lambda::Function", {
    Properties: { Environment: { Variables: { POWERTOOLS_METRICS_NAMESPACE: "Atiende" } } },
  });

  it("run on the newest Node.js runtime CDK knows, on arm64", () => {
    const newest = Runtime.ALL.filter(
      (runtime) => runtime.family === RuntimeFamily.NODEJS && /^nodejs\d+\.x$/.test(runtime.name),
    )
      .map((runtime) => runtime.name)
      .sort((a, b) => Number.parseInt(a.slice(6), 10) - Number.parseInt(b.slice(6), 10))
      .at(-1);
    expect(NODE_RUNTIME.name).toBe(newest);
    // The SES receiver is deployed only with a mail domain.
    expect(Object.keys(ours).length).toBe(Object.keys(ENTRIES).length - 1 + BUS_RULES.length);
    for (const fn of Object.values(ours)) {
      expect(fn.Properties.Runtime).toBe(NODE_RUNTIME.name);
      expect(fn.Properties.Architectures).toEqual(["arm64"]);
    }
  });

  it("all load their libraries from the one dependencies layer, built for their runtime and architecture", () => {
    const layer = logicalIdOf(service, "AWS::Lambda::LayerVersion", {
      Description: Match.stringLikeRegexp("dependencies-layer"),
      CompatibleRuntimes: [NODE_RUNTIME.name],
      CompatibleArchitectures: ["arm64"],
    });
    for (const fn of Object.values(ours)) {
      expect(fn.Properties.Layers).toEqual([{ Ref: layer }]);
    }
  });

  it("all receive the configuration functions/config.ts reads", () => {
    for (const fn of Object.values(ours)) {
      expect(Object.keys(fn.Properties.Environment.Variables)).toEqual(
        expect.arrayContaining([
          "TABLE_NAME",
          "BUCKET_NAME",
          "EVENT_BUS_NAME",
          "USER_POOL_ID",
          "USER_POOL_CLIENT_ID",
          "SESSION_SECRET_ARN",
          "CHANNEL_SECRETS_ARN",
          "WS_ENDPOINT",
          "WEB_ORIGIN",
        ]),
      );
    }
  });

  it("all read the channels' secret they are told about, since each loads its configuration at start", () => {
    const channelSecrets = stacks.data.getLogicalId(
      stacks.data.channelSecrets.node.defaultChild as CfnElement,
    );
    const all = {
      ...ours,
      ...withMail.findResources("AWS::Lambda::Function", {
        Properties: { Environment: { Variables: { POWERTOOLS_SERVICE_NAME: "receive-ses-email" } } },
      }),
    };
    for (const fn of Object.values(all)) {
      const { CHANNEL_SECRETS_ARN: arn, POWERTOOLS_SERVICE_NAME: name } = fn.Properties.Environment.Variables;
      expect(JSON.stringify(arn)).toContain(channelSecrets);
      const reads = grantsFor(
        grantsOf(name === "receive-ses-email" ? withMail : service, name),
        "secretsmanager:GetSecretValue",
      );
      expect(reads.flatMap((statement) => [statement.Resource].flat())).toContainEqual(arn);
    }
  });

  it("get no AWS managed policy: each role starts with its own log group only", () => {
    const roles = service.findResources("AWS::IAM::Role", {
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [Match.objectLike({ Principal: { Service: "lambda.amazonaws.com" } })],
        },
      },
    });
    const withManagedPolicies = Object.entries(roles).filter(([, role]) => role.Properties.ManagedPolicyArns);
    // The one exception is CDK's own BucketDeployment handler, acknowledged in web-site.ts.
    expect(withManagedPolicies.map(([id]) => id)).toEqual([
      expect.stringMatching(/^CustomCDKBucketDeployment/),
    ]);
  });
});

describe("HTTP API and web distribution", () => {
  it("sends every request to the HTTP handler from an access-logged, throttled $default stage", () => {
    service.hasResourceProperties("AWS::ApiGatewayV2::Route", {
      RouteKey: "$default",
      AuthorizationType: "NONE",
    });
    service.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      AutoDeploy: true,
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });

  it("forwards the API paths to the HTTP API uncached, with every viewer header but Host", () => {
    const behaviors = API_PATHS.map((path) =>
      Match.objectLike({
        PathPattern: path,
        CachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", // Managed-CachingDisabled
        OriginRequestPolicyId: "b689b0a8-53d0-40ab-baf2-68738e2966ac", // Managed-AllViewerExceptHostHeader
        ViewerProtocolPolicy: "https-only",
      }),
    );
    service.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: Match.arrayWith(behaviors),
        Logging: Match.anyValue(),
      }),
    });
  });

  it("forwards Meta's webhooks with their signature headers and body, for POST as well as the GET handshake", () => {
    service.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({
            PathPattern: "/webhooks/*",
            AllowedMethods: Match.arrayWith(["GET", "POST"]),
            // Every viewer header but Host: X-Hub-Signature-256 and X-Hub-Signature among them.
            OriginRequestPolicyId: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
            CachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
          }),
        ]),
      }),
    });
    // No authorizer in front of the HTTP API: the hono app checks Meta's signature itself.
    const api = logicalIdOf(service, "AWS::ApiGatewayV2::Api", { ProtocolType: "HTTP" });
    const authorizers = service.findResources("AWS::ApiGatewayV2::Authorizer", {
      Properties: { ApiId: { Ref: api } },
    });
    expect(authorizers).toEqual({});
    const routes = Object.values(
      service.findResources("AWS::ApiGatewayV2::Route", { Properties: { ApiId: { Ref: api } } }),
    );
    expect(routes.map((route) => [route.Properties.RouteKey, route.Properties.AuthorizationType])).toEqual([
      ["ANY /api/customer/{proxy+}", "NONE"],
      ["ANY /api/auth/{proxy+}", "NONE"],
      ["ANY /api/agent/{proxy+}", "NONE"],
      ["ANY /api/care/{proxy+}", "NONE"],
      ["ANY /api/agent/guided/{proxy+}", "NONE"],
      ["ANY /api/agent/reports/{proxy+}", "NONE"],
      ["ANY /api/admin/{proxy+}", "NONE"],
      ["ANY /webhooks/{proxy+}", "NONE"],
      ["$default", "NONE"],
    ]);
  });

  it("gives each part of the API its own function, the console's sign-in and back office beside its cases, the guided scripts apart", () => {
    const api = logicalIdOf(service, "AWS::ApiGatewayV2::Api", { ProtocolType: "HTTP" });
    const integrations = service.findResources("AWS::ApiGatewayV2::Integration", {
      Properties: { ApiId: { Ref: api } },
    });
    const functionOf = (routeKey: string) => {
      const [route] = Object.values(
        service.findResources("AWS::ApiGatewayV2::Route", {
          Properties: { ApiId: { Ref: api }, RouteKey: routeKey },
        }),
      );
      const integrationId = String(route!.Properties.Target["Fn::Join"][1][1].Ref);
      return JSON.stringify(integrations[integrationId]!.Properties.IntegrationUri);
    };
    const parts = new Set(
      [
        "ANY /api/customer/{proxy+}",
        "ANY /api/agent/{proxy+}",
        "ANY /api/agent/guided/{proxy+}",
        "ANY /api/admin/{proxy+}",
        "ANY /webhooks/{proxy+}",
      ].map(functionOf),
    );
    expect(parts.size).toBe(5);
    expect(functionOf("ANY /api/agent/reports/{proxy+}")).toBe(functionOf("ANY /api/agent/guided/{proxy+}"));
    expect(functionOf("ANY /api/auth/{proxy+}")).toBe(functionOf("ANY /api/agent/{proxy+}"));
    expect(functionOf("ANY /api/care/{proxy+}")).toBe(functionOf("ANY /api/agent/{proxy+}"));
    expect(functionOf("$default")).toBe(functionOf("ANY /api/customer/{proxy+}"));
  });

  it("tells the API each browser's own address, overwriting one the browser sent", () => {
    const functions = service.findResources("AWS::CloudFront::Function");
    const [id, viewerAddress] = Object.entries(functions).find(([, resource]) =>
      String(resource.Properties.FunctionCode).includes(VIEWER_ADDRESS_HEADER),
    )!;
    const handler = new Function(`${viewerAddress.Properties.FunctionCode}; return handler;`)();
    const request = {
      uri: "/api/customer/sessions",
      headers: { [VIEWER_ADDRESS_HEADER]: { value: "10.0.0.1" } },
    };

    const forwarded = handler({ request, viewer: { ip: "198.51.100.10" } });

    expect(forwarded.headers[VIEWER_ADDRESS_HEADER]).toEqual({ value: "198.51.100.10" });
    const association = Match.arrayWith([
      Match.objectLike({ EventType: "viewer-request", FunctionARN: { "Fn::GetAtt": [id, "FunctionARN"] } }),
    ]);
    service.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: Match.arrayWith(
          API_PATHS.map((path) => Match.objectLike({ PathPattern: path, FunctionAssociations: association })),
        ),
      }),
    });
  });

  it("serves the site from a private bucket through origin access control, with a CSP", () => {
    service.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
    service.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: { ContentSecurityPolicy: Match.anyValue(), Override: false },
          FrameOptions: { FrameOption: "DENY", Override: false },
        }),
      }),
    });
  });

  it("lets only the web origin use the files bucket from a browser, for PUT and GET", () => {
    service.hasResourceProperties("AWS::S3::Bucket", {
      VersioningConfiguration: { Status: "Enabled" },
      CorsConfiguration: {
        CorsRules: [
          {
            AllowedMethods: ["PUT", "GET"],
            AllowedHeaders: ["content-type", "content-length"],
            AllowedOrigins: [
              { "Fn::Join": ["", ["https://", { "Fn::GetAtt": [Match.anyValue(), "DomainName"] }]] },
            ],
            MaxAge: Match.anyValue(),
          },
        ],
      },
    });
  });

  it("refuses to synthesize without a built web app, saying how to build it", () => {
    expect(() => synthesize(scratchDir())).toThrow(/npm run build:web/);
  });
});

describe("calls from Amazon Connect", () => {
  const calls = RULES.find((rule) => rule.name === "record-calls")!;

  it("takes Connect's contact events from the account's default bus, not ours", () => {
    const rules = Object.values(
      service.findResources("AWS::Events::Rule", { Properties: { Description: calls.description } }),
    );
    expect(rules).toHaveLength(1);
    expect(rules[0]!.Properties.EventPattern).toEqual({
      source: ["aws.connect"],
      "detail-type": ["Amazon Connect Contact Event"],
    });
    expect(rules[0]!.Properties.EventBusName).toBe("default");
    // Every other rule is on our own bus, which the data stack makes.
    const ours = service.findResources("AWS::Events::Rule", {
      Properties: { EventBusName: Match.not("default") },
    });
    expect(Object.keys(ours)).toHaveLength(BUS_RULES.length - 1);
  });

  it("hands the IVR bot's conversation logs to their consumer through a subscription filter", () => {
    const handler = functionNamed(service, "record-ivr-turns");
    const [logGroup] = Object.keys(
      service.findResources("AWS::Logs::LogGroup", { Properties: { RetentionInDays: 30 } }),
    );
    service.hasResourceProperties("AWS::Logs::SubscriptionFilter", {
      LogGroupName: { Ref: logGroup },
      DestinationArn: { "Fn::GetAtt": [handler.id, "Arn"] },
      FilterPattern: "",
    });
    service.hasResourceProperties("AWS::Lambda::Permission", {
      FunctionName: { "Fn::GetAtt": [handler.id, "Arn"] },
      Principal: "logs.amazonaws.com",
    });
  });
});
