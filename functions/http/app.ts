import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { routePath } from "hono/route";
import { secureHeaders } from "hono/secure-headers";
import { logger, metrics } from "../observability.js";
import type { Runtime } from "../ports.js";
import type { AppEnv } from "./auth.js";
import { onError } from "./errors.js";
import { checkHealth } from "./health.js";
/** JSON bodies above this are refused before parsing; a chat message is far smaller. */
export const MAX_BODY_BYTES = 64 * 1024;

export type AppOptions = {
  /**
   * The caller's address as the platform reports it (API Gateway's sourceIp, the socket locally),
   * or undefined where addresses tell callers apart no better than nothing (loopback, locally).
   */
  clientIp: (c: Context) => string | undefined;
};

/** Adds one part of the API (its route groups) to the app. */
export type MountApi = (app: OpenAPIHono<AppEnv>, runtime: Runtime, options: AppOptions) => void;

/**
 * The HTTP API as a hono app, with the route groups `mount` adds: the same object serves Lambda
 * (through hono/aws-lambda) and the local server (through @hono/node-server). In AWS each part
 * of the API is its own Lambda, so that none loads the code of the others; locally one app
 * holds them all (`full-api.ts`).
 */
export function createApp(runtime: Runtime, options: AppOptions, mount: MountApi) {
  const app = new OpenAPIHono<AppEnv>();
  app.onError(onError);
  app.notFound((c) =>
    c.json(
      { error: { code: "route_not_found", message: `No route for ${c.req.method} ${c.req.path}` } },
      404,
    ),
  );

  app.use(requestId());
  app.use(
    "/api/*",
    secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } }),
  );
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json(
          {
            error: {
              code: "payload_too_large",
              message: `Request bodies are limited to ${MAX_BODY_BYTES} bytes`,
            },
          },
          413,
        ),
    }),
  );
  app.use("/api/*", async (c, next) => {
    const started = performance.now();
    await next();
    const ms = performance.now() - started;
    // The handler's own pattern (the last route matched), not this middleware's wildcard.
    const route = routePath(c, -1);
    const staff = c.get("staff");
    const customer = c.get("customer");
    logger.info("request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      route,
      status: c.res.status,
      ms: Math.round(ms),
      tenant: staff?.tenantId ?? customer?.tenantId,
      actor: staff ? `staff:${staff.staffId}` : customer ? `customer:${customer.customerId}` : undefined,
    });
    metrics.addDimension("route", `${c.req.method} ${route}`);
    metrics.addMetric("Requests", MetricUnit.Count, 1);
    metrics.addMetric("Latency", MetricUnit.Milliseconds, ms);
    if (c.res.status >= 500) metrics.addMetric("ServerErrors", MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
  });

  app.get("/health", async (c) => {
    const { healthy, services } = await checkHealth(runtime);
    return c.json({ status: healthy ? "ok" : "unavailable", services }, healthy ? 200 : 503);
  });

  mount(app, runtime, options);
  return app;
}
