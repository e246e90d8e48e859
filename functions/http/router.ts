import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./auth.js";
import { invalidRequest } from "./errors.js";

/** A route group whose schema failures answer with the common error body. */
export const newRouter = () =>
  new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return c.json(invalidRequest(result.error), 400);
    },
  });
