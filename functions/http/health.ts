import { GetConnectionCommand } from "@aws-sdk/client-apigatewaymanagementapi";
import { DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { HeadBucketCommand } from "@aws-sdk/client-s3";
import type { Runtime } from "../ports.js";

/** Any HTTP answer means the service is up; only a connection failure means it is not. */
async function answers(call: () => Promise<unknown>) {
  try {
    await call();
    return true;
  } catch (error) {
    return (
      typeof (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === "number"
    );
  }
}

/** Asks every service the API depends on, at once; healthy only if all of them answer. */
export async function checkHealth({ clients, config }: Runtime) {
  const checks = {
    dynamodb: () => clients.dynamo.send(new DescribeTableCommand({ TableName: config.tableName })),
    s3: () => clients.s3.send(new HeadBucketCommand({ Bucket: config.bucketName })),
    cognito: () => clients.cognito.send(new DescribeUserPoolCommand({ UserPoolId: config.userPoolId })),
    websocket: () => clients.connections.send(new GetConnectionCommand({ ConnectionId: "health-check" })),
  };
  const results = await Promise.all(
    Object.entries(checks).map(
      async ([name, check]) => [name, (await answers(check)) ? "ok" : "down"] as const,
    ),
  );
  return { healthy: results.every(([, state]) => state === "ok"), services: Object.fromEntries(results) };
}
