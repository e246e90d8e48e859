import { ApiGatewayManagementApiClient } from "@aws-sdk/client-apigatewaymanagementapi";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createApiGatewayPusher } from "../shared/adapters/aws/api-gateway-pusher.js";
import { createEventBridgePublisher } from "../shared/adapters/aws/eventbridge-publisher.js";
import { createS3FileStore } from "../shared/adapters/aws/s3-file-store.js";
import { createHmacOneTimeCodes } from "../shared/adapters/hmac-one-time-codes.js";
import { createDb } from "../shared/data/db.js";
import { createStaffNames } from "../shared/identity/staff-names.js";
import { createStaffTokenVerifier } from "../shared/identity/staff-token.js";
import { type EventPublisher, type Ports, systemClock } from "../shared/ports.js";
import { createChannelPorts } from "./channel-ports.js";
import type { Config } from "./config.js";
import { createEventDispatcher } from "./events/dispatch-events.js";

/** The AWS SDK clients for a configuration; locally they point at the emulators. */
export function createClients(config: Config) {
  const common = { region: config.region, ...(config.credentials && { credentials: config.credentials }) };
  const dynamo = new DynamoDBClient({
    ...common,
    ...(config.endpoints && { endpoint: config.endpoints.dynamodb }),
  });
  return {
    dynamo,
    document: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    s3: new S3Client({
      ...common,
      ...(config.endpoints && { endpoint: config.endpoints.s3, forcePathStyle: true }),
    }),
    cognito: new CognitoIdentityProviderClient({
      ...common,
      ...(config.endpoints && { endpoint: config.endpoints.cognito }),
    }),
    connections: new ApiGatewayManagementApiClient({ ...common, endpoint: config.wsManagementEndpoint }),
  };
}

export type Clients = ReturnType<typeof createClients>;

/**
 * Everything a handler needs, wired for one place. `bus` is EventBridge in AWS and the local
 * bus locally; inline consumers run here, in the emitting process, either way.
 */
export function createRuntime(config: Config, bus?: EventPublisher) {
  const clients = createClients(config);
  const base = {
    db: createDb(clients.document, config.tableName),
    files: createS3FileStore(clients.s3, config.bucketName),
    pusher: createApiGatewayPusher(clients.connections),
    clock: systemClock,
    channels: createChannelPorts(config),
    codes: createHmacOneTimeCodes(config.sessionSecret),
  };
  const target =
    bus ??
    createEventBridgePublisher(
      new EventBridgeClient({ region: config.region }),
      config.eventBusName ?? "default",
    );
  const ports: Ports = { ...base, events: createEventDispatcher(() => ports, target) };
  const verifyStaffToken = createStaffTokenVerifier(config.staffToken, createStaffNames(base.db));
  return { config, clients, ports, verifyStaffToken };
}

export type Runtime = ReturnType<typeof createRuntime>;
