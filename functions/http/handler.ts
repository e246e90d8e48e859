import { type ApiGatewayRequestContextV2, handle } from "hono/aws-lambda";
import { configFromLambdaEnv } from "../config.js";
import { createRuntime } from "../ports.js";
import { createApp } from "./app.js";

const runtime = createRuntime(await configFromLambdaEnv());

/** API Gateway HTTP API (payload v2) entry point. */
export const handler = handle(
  createApp(runtime, {
    clientIp: (c) => (c.env as { requestContext?: ApiGatewayRequestContextV2 }).requestContext?.http.sourceIp,
  }),
);
