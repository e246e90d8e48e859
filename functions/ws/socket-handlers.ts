import type {
  APIGatewayAuthorizerResult,
  APIGatewayProxyResult,
  APIGatewayProxyWebsocketEventV2,
  APIGatewayRequestAuthorizerEvent,
} from "aws-lambda";
import { decodeProtectedHeader } from "jose";
import { z } from "zod";
import { AppError, UnauthorizedError } from "../../shared/errors.js";
import { verifyCustomerSession } from "../../shared/identity/customer-session.js";
import { CustomerIdentity, type Identity, StaffIdentity } from "../../shared/identity/index.js";
import { registerConnection, unregisterConnection } from "../../shared/realtime/connections.js";
import { ResumeInput, resumeEvents } from "../../shared/realtime/resume.js";
import { logger } from "../observability.js";
import type { Runtime } from "../ports.js";

/** API Gateway's WebSocket limit per frame is 32 KB; clients never need more. */
const MAX_FRAME_BYTES = 32 * 1024;

export type SocketEvent = APIGatewayProxyWebsocketEventV2 & {
  requestContext: APIGatewayProxyWebsocketEventV2["requestContext"] & {
    authorizer?: Record<string, unknown>;
  };
};

const ClientMessage = z.discriminatedUnion("action", [ResumeInput, z.object({ action: z.literal("ping") })]);

/**
 * The WebSocket API: an authorizer for `$connect` (staff ID token or customer session, in the
 * `token` query parameter, since browsers cannot set headers on WebSocket requests), the
 * connection lifecycle, and the actions clients send. The same handlers run in Lambda and
 * behind the local gateway.
 */
export function createSocketHandlers(runtime: Runtime) {
  const { ports } = runtime;

  async function identify(token: string): Promise<Identity> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new UnauthorizedError("Malformed token", "invalid_token");
    }
    if (alg === "HS256") return verifyCustomerSession(runtime.config.sessionSecret, token);
    if (alg === "RS256") return runtime.verifyStaffToken(token);
    throw new UnauthorizedError("Unsupported token algorithm", "invalid_token");
  }

  function callerOf(event: SocketEvent): Identity {
    const context = event.requestContext.authorizer ?? {};
    const parsed = z.union([StaffIdentity, CustomerIdentity]).safeParse(context);
    if (!parsed.success) throw new UnauthorizedError("No identity on this connection");
    return parsed.data;
  }

  const reply = (connectionId: string, payload: unknown) => ports.pusher.push(connectionId, payload);

  return {
    async authorize(event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
      const token = event.queryStringParameters?.token ?? "";
      try {
        const identity = await identify(token);
        return {
          principalId: identity.kind === "staff" ? identity.staffId : identity.customerId,
          policyDocument: {
            Version: "2012-10-17",
            Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: event.methodArn }],
          },
          context: identity,
        };
      } catch (error) {
        logger.warn("WebSocket connection refused", {
          reason: error instanceof AppError ? error.code : String(error),
        });
        // API Gateway answers 401 to the client when an authorizer throws exactly this.
        throw new Error("Unauthorized");
      }
    },

    async connect(event: SocketEvent): Promise<APIGatewayProxyResult> {
      await registerConnection(ports, event.requestContext.connectionId, callerOf(event));
      return { statusCode: 200, body: "" };
    },

    async disconnect(event: SocketEvent): Promise<APIGatewayProxyResult> {
      await unregisterConnection(ports, event.requestContext.connectionId);
      return { statusCode: 200, body: "" };
    },

    /** Every action checks the caller again: the authorizer only ran at `$connect`. */
    async message(event: SocketEvent): Promise<APIGatewayProxyResult> {
      const { connectionId } = event.requestContext;
      const caller = callerOf(event);
      const raw = event.body ?? "";
      if (Buffer.byteLength(raw) > MAX_FRAME_BYTES) {
        await reply(connectionId, {
          type: "error",
          error: { code: "payload_too_large", message: "Frame too large" },
        });
        return { statusCode: 413, body: "" };
      }
      let input: z.infer<typeof ClientMessage>;
      try {
        input = ClientMessage.parse(JSON.parse(raw));
      } catch {
        await reply(connectionId, {
          type: "error",
          error: { code: "invalid_request", message: "Unknown or malformed action" },
        });
        return { statusCode: 400, body: "" };
      }
      if (input.action === "ping") {
        await reply(connectionId, { type: "pong" });
        return { statusCode: 200, body: "" };
      }
      const events = await resumeEvents(ports, caller, input);
      for (const missed of events) await reply(connectionId, { type: "event", event: missed, replay: true });
      await reply(connectionId, { type: "resumed", count: events.length });
      return { statusCode: 200, body: "" };
    },
  };
}

export type SocketHandlers = ReturnType<typeof createSocketHandlers>;
