import { OpenAPIHono } from "@hono/zod-openapi";
import type { Runtime } from "../../ports.js";
import type { AppEnv } from "../auth.js";
import { mountFullApi, OPENAPI_INFO } from "./full-api.js";

/**
 * Route factories only keep the runtime for their handlers, which never run here: anything read
 * from it, or called on it, is this same inert stand-in.
 */
const inert: Runtime = new Proxy(() => {}, { get: () => inert, apply: () => inert }) as unknown as Runtime;

/**
 * The OpenAPI document of every part of the API. In AWS no Lambda holds every route, so the
 * document is written with the site at build time (`web/docs/write-openapi.ts`) and served by
 * CloudFront beside the API reference page.
 */
export function openApiDocument() {
  const app = new OpenAPIHono<AppEnv>();
  mountFullApi(app, inert, { clientIp: () => undefined });
  return app.getOpenAPI31Document(OPENAPI_INFO);
}
