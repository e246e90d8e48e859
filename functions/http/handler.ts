import { type ApiGatewayRequestContextV2, handle } from "hono/aws-lambda";
import { configFromLambdaEnv } from "../config.js";
import { createRuntime } from "../ports.js";
import { createApp } from "./app.js";
import { VIEWER_ADDRESS_HEADER, viewerAddress } from "./viewer-address.js";

const runtime = createRuntime(await configFromLambdaEnv());

/**
 * API Gateway HTTP API (payload v2) entry point. The browser's address comes from CloudFront,
 * which the web distribution puts in front of the API; a caller who skips CloudFront for the
 * API's own URL can set that header himself, which buys him no more than changing address.
 */
export const handler = handle(
  createApp(runtime, {
    clientIp: (c) =>
      viewerAddress(c.req.header(VIEWER_ADDRESS_HEADER)) ??
      (c.env as { requestContext?: ApiGatewayRequestContextV2 }).requestContext?.http.sourceIp,
  }),
);
