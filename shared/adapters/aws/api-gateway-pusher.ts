import {
  type ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from "@aws-sdk/client-apigatewaymanagementapi";
import type { ConnectionPusher } from "../../ports.js";

/** Pushes through API Gateway's management API (the local gateway serves the same endpoint). */
export function createApiGatewayPusher(client: ApiGatewayManagementApiClient): ConnectionPusher {
  return {
    async push(connectionId, payload) {
      try {
        await client.send(
          new PostToConnectionCommand({
            ConnectionId: connectionId,
            Data: new TextEncoder().encode(JSON.stringify(payload)),
          }),
        );
        return "sent";
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (error instanceof Error && (error.name === "GoneException" || status === 410)) return "gone";
        throw error;
      }
    },
  };
}
