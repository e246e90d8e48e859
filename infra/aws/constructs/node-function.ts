import { join } from "node:path";
import { type CfnElement, Duration, Stack, Validations } from "aws-cdk-lib";
import type { WebSocketStage } from "aws-cdk-lib/aws-apigatewayv2";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import type { IEventBus } from "aws-cdk-lib/aws-events";
import { PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture, LoggingFormat, Runtime, Tracing } from "aws-cdk-lib/aws-lambda";
import { type BundlingOptions, NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import type { Construct, IConstruct } from "constructs";
import { TABLE } from "../../../shared/data/table.js";
import { PROJECT_ROOT } from "../paths.js";
import { DependenciesLayer, LAYER_PACKAGES } from "./dependencies-layer.js";

/** The newest Node.js runtime this CDK knows; cdk-nag's AwsSolutions-L1 refuses older ones. */
export const NODE_RUNTIME = Runtime.NODEJS_24_X;

export const LOG_RETENTION = RetentionDays.THREE_MONTHS;

/** Well under API Gateway's 29 s integration limit: the API never gives up on a function still working. */
const TIMEOUT = Duration.seconds(10);

const ARCHITECTURE = Architecture.ARM_64;

/**
 * How every Lambda is bundled. The bundle-size test builds each entry with these same settings,
 * so what it measures is what gets deployed. The bundle is our code alone: it imports every
 * library, so no CommonJS is bundled and nothing needs a `require` shim.
 */
export const BUNDLING = {
  format: OutputFormat.ESM,
  target: NODE_RUNTIME.name.replace(/^nodejs(\d+)\.x$/, "node$1"),
  minify: true,
  sourceMap: true,
  // The Lambda Node.js runtime ships AWS SDK v3; the dependencies layer has the rest.
  externalModules: ["@aws-sdk/*", ...LAYER_PACKAGES],
  forceDockerBundling: false,
} satisfies BundlingOptions;

/** Environment every function reads (see functions/config.ts). */
export type FunctionEnvironment = {
  TABLE_NAME: string;
  BUCKET_NAME: string;
  EVENT_BUS_NAME: string;
  USER_POOL_ID: string;
  USER_POOL_CLIENT_ID: string;
  SESSION_SECRET_ARN: string;
  CHANNEL_SECRETS_ARN: string;
  WS_ENDPOINT: string;
  WEB_ORIGIN: string;
  /** The SES configuration set e-mails go out through, when the deployment names one. */
  SES_CONFIGURATION_SET?: string;
};

/** The secrets functions/config.ts reads when a function starts: every function needs both. */
export type ConfigSecrets = {
  /** Signs customer widget sessions. */
  session: ISecret;
  /** The Meta apps' secrets and tokens, filled in by the operator. */
  channels: ISecret;
};

export type NodeFunctionProps = {
  /** Short kebab-case name: the service name in its logs and metrics. */
  name: string;
  /** Entry file relative to the project root, exporting `handler`. */
  entry: string;
  description: string;
  environment: FunctionEnvironment;
  /** Where Lambda sends asynchronous invocations that failed every retry. */
  deadLetterQueue?: IQueue;
  /** For work that is not an API request (fetching media, parsing a mail); 10 s otherwise. */
  timeout?: Duration;
  /** MB; 512 otherwise. */
  memorySize?: number;
};

/**
 * A Lambda function with Atiende's defaults: newest Node.js on arm64, an ESM bundle of our code
 * with source maps and the libraries in the stack's dependencies layer, X-Ray tracing, JSON logs
 * in its own log group, and a role that starts with nothing but that log group. Every other
 * permission comes from a `bind*` call naming what it needs.
 */
export class NodeFunction extends NodejsFunction {
  private readonly executionRole: Role;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: LOG_RETENTION });
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
    logGroup.grantWrite(role);
    super(scope, id, {
      entry: join(PROJECT_ROOT, props.entry),
      handler: "handler",
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, "package-lock.json"),
      description: props.description,
      runtime: NODE_RUNTIME,
      architecture: ARCHITECTURE,
      layers: [DependenciesLayer.of(scope, { runtime: NODE_RUNTIME, architecture: ARCHITECTURE })],
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? TIMEOUT,
      tracing: Tracing.ACTIVE,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      role,
      deadLetterQueue: props.deadLetterQueue,
      bundling: BUNDLING,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: props.name,
        POWERTOOLS_METRICS_NAMESPACE: "Atiende",
        NODE_OPTIONS: "--enable-source-maps",
      },
    });
    this.executionRole = role;
    this.acknowledgeWildcard(
      "Resource::*",
      "Only X-Ray's PutTraceSegments and PutTelemetryRecords are granted on *: they act on no resource, so IAM cannot scope them.",
    );
  }

  /** Item reads and/or writes on the table and its indexes, each named: no wildcard. */
  bindTable(table: ITable, access: "read" | "write" | "readWrite") {
    const actions = {
      read: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:ConditionCheckItem"],
      write: ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"],
    };
    this.addToRolePolicy(
      new PolicyStatement({
        actions: access === "readWrite" ? [...actions.read, ...actions.write] : actions[access],
        resources: [table.tableArn, ...TABLE.indexes.map((index) => `${table.tableArn}/index/${index.name}`)],
      }),
    );
    return this;
  }

  /**
   * Objects of the files bucket: reading (presigned downloads carry this right), writing
   * (stores and presigned uploads, and deletes), or both. With read comes ListBucket, which
   * makes a missing object a 404 instead of a 403, as the file store relies on.
   */
  bindFiles(bucket: IBucket, access: "read" | "write" | "readWrite" = "readWrite") {
    const actions = { read: ["s3:GetObject"], write: ["s3:PutObject", "s3:DeleteObject"] };
    this.addToRolePolicy(
      new PolicyStatement({
        actions: access === "readWrite" ? [...actions.read, ...actions.write] : actions[access],
        resources: [bucket.arnForObjects("*")],
      }),
    );
    if (access !== "write") {
      this.addToRolePolicy(
        new PolicyStatement({ actions: ["s3:ListBucket"], resources: [bucket.bucketArn] }),
      );
    }
    this.acknowledgeWildcard(
      `Resource::${nagRef(bucket, "Arn")}/*`,
      "Object keys are random per upload (shared/attachment): the function presigns objects it cannot name in advance, in this one bucket.",
    );
    return this;
  }

  bindBus(bus: IEventBus) {
    bus.grantPutEventsTo(this);
    return this;
  }

  /** Read the secrets configFromLambdaEnv loads (functions/config.ts): every function that starts a runtime. */
  bindConfigSecrets(secrets: ConfigSecrets) {
    secrets.session.grantRead(this);
    secrets.channels.grantRead(this);
    return this;
  }

  /**
   * Send e-mail with SES as the account's verified identities (tenants' support addresses and
   * domains, verified after deployment), through the configuration set when there is one:
   * SES authorizes a send against both the identity and the configuration set.
   */
  bindMailSending(configurationSetName?: string) {
    const stack = Stack.of(this);
    const identities = stack.formatArn({ service: "ses", resource: "identity", resourceName: "*" });
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ["ses:SendEmail", "ses:SendRawEmail"],
        resources: [
          identities,
          ...(configurationSetName
            ? [
                stack.formatArn({
                  service: "ses",
                  resource: "configuration-set",
                  resourceName: configurationSetName,
                }),
              ]
            : []),
        ],
      }),
    );
    this.acknowledgeWildcard(
      "Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*",
      "Each tenant sends from its own support address or domain, verified in SES after deployment; the grant is limited to this account's identities in this region.",
    );
    return this;
  }

  /** Push to, look up and close WebSocket connections of this stage only. */
  bindConnections(stage: WebSocketStage) {
    stage.grantManagementApiAccess(this);
    this.acknowledgeWildcard(
      `Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:${nagRef(stage.api)}/${stage.stageName}/*/@connections/*`,
      "Connection ids exist only at runtime; the grant is limited to this API's stage and its @connections path.",
    );
    return this;
  }

  private acknowledgeWildcard(finding: string, reason: string) {
    Validations.of(this.executionRole).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  }
}

/** How cdk-nag prints a reference to a resource of the same stack inside a finding id. */
function nagRef(resource: IConstruct, attribute?: string) {
  const logicalId = Stack.of(resource).getLogicalId(resource.node.defaultChild as CfnElement);
  return attribute ? `<${logicalId}.${attribute}>` : `<${logicalId}>`;
}
