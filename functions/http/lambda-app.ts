import { type ApiGatewayRequestContextV2, handle } from "hono/aws-lambda";
import { configFromLambdaEnv } from "../config.js";
import { createRuntime } from "../ports.js";
import { createApp, type MountApi } from "./app.js";
import { VIEWER_ADDRESS_HEADER, viewerAddress } from "./viewer-address.js";

/**
 * An API Gateway HTTP API (payload v2) entry point serving one part of the API. The browser's
 * address comes from CloudFront, which the web distribution puts in front of the API; a caller
 * who skips CloudFront for the API's own URL can set that header himself, which buys him no
 * more than changing address.
 */
export async function lambdaApp(mount: MountApi) {
  const runtime = createRuntime(await configFromLambdaEnv());
  return handle(
    createApp(
      runtime,
      {
        clientIp: (c) =>
          viewerAddress(c.req.header(VIEWER_ADDRESS_HEADER)) ??
          (c.env as { requestContext?: ApiGatewayRequestContextV2 }).requestContext?.http.sourceIp,
      },
      mount,
    ),
  );
}
