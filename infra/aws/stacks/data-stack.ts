import { Aws, CfnOutput, Fn, RemovalPolicy, Stack, type StackProps, Validations } from "aws-cdk-lib";
import { EventBus } from "aws-cdk-lib/aws-events";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { SingleTable } from "../constructs/single-table.js";

/**
 * Where the operator finds each value of the channels' secret. Secrets Manager generates the one
 * that may be anything, WhatsApp's verify token (typed in Meta's Webhooks settings in turn).
 * Leave these texts be: a changed template makes CloudFormation generate the secret again,
 * over the values the operator filled in.
 */
export const CHANNEL_SECRET_SOURCES = {
  WHATSAPP_APP_SECRET: "Meta app dashboard > App settings > Basic > App secret",
  WHATSAPP_ACCESS_TOKEN: "a system user's permanent token with whatsapp_business_messaging",
  MESSENGER_APP_SECRET: "Meta app dashboard > App settings > Basic > App secret",
  MESSENGER_VERIFY_TOKEN: "any random string, typed also in the app's Webhooks settings",
  MESSENGER_ACCESS_TOKEN: "the Facebook Page's access token with pages_messaging",
} as const;

/** What the rest is built on and must outlive it: the table, the event bus, the secrets. */
export class DataStack extends Stack {
  readonly table: SingleTable;
  readonly bus: EventBus;
  readonly sessionSecret: Secret;
  /** WhatsApp's and Messenger's app secrets, verify tokens and access tokens (functions/config.ts). */
  readonly channelSecrets: Secret;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.table = new SingleTable(this, "Table");
    this.bus = new EventBus(this, "Bus", { description: "Atiende domain events (events/catalog.ts)" });

    this.sessionSecret = new Secret(this, "SessionSecret", {
      description: "HS256 key that signs customer widget sessions",
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.sessionSecret).acknowledge({
      id: "AwsSolutions-SMG4",
      reason:
        "Widget sessions last 180 days and are verified against this single key; rotating it would sign every customer out. Rotation needs key ids in the session token first.",
    });

    // Placeholders until the operator fills them in. An app secret anyone could read in this
    // code would let anyone sign a webhook, so each carries the stack's own UUID: unguessable
    // from outside. Retained: the operator's values outlive the stack.
    const stackUuid = Fn.select(2, Fn.split("/", Aws.STACK_ID));
    const placeholders = Object.fromEntries(
      Object.entries(CHANNEL_SECRET_SOURCES).map(([key, source]) => [
        key,
        Fn.join("", ["REPLACE ", stackUuid, ": ", source]),
      ]),
    );
    this.channelSecrets = new Secret(this, "ChannelSecrets", {
      description:
        "Atiende channels: WhatsApp and Messenger app secrets, verify tokens and access tokens. Replace every REPLACE value after deployment.",
      generateSecretString: {
        secretStringTemplate: this.toJsonString(placeholders),
        generateStringKey: "WHATSAPP_VERIFY_TOKEN",
        passwordLength: 48,
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.channelSecrets).acknowledge({
      id: "AwsSolutions-SMG4",
      reason:
        "Meta issues these values: app secrets and access tokens are rotated in Meta's dashboard, and a verify token must match the one typed there. No rotation Lambda can change either side alone.",
    });

    new CfnOutput(this, "TableName", { value: this.table.tableName });
    new CfnOutput(this, "ChannelSecretsName", { value: this.channelSecrets.secretName });
  }
}
