import { CfnOutput, RemovalPolicy, Stack, type StackProps, Validations } from "aws-cdk-lib";
import { EventBus } from "aws-cdk-lib/aws-events";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { SingleTable } from "../constructs/single-table.js";

/** What the rest is built on and must outlive it: the table, the event bus, the session signing key. */
export class DataStack extends Stack {
  readonly table: SingleTable;
  readonly bus: EventBus;
  readonly sessionSecret: Secret;

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

    new CfnOutput(this, "TableName", { value: this.table.tableName });
  }
}
