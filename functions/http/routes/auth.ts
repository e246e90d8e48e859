import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { createCognitoSignIn } from "../../../shared/adapters/aws/cognito-sign-in.js";
import { consumeRateLimit, LOGIN_LIMIT } from "../../../shared/rate-limit/consume-rate-limit.js";
import type { Runtime } from "../../ports.js";
import { newRouter } from "../router.js";
import { body, errors, json } from "../schemas.js";

const tags = ["auth"];
const Tokens = z.object({ idToken: z.string(), refreshToken: z.string().optional(), expiresIn: z.number() });
const Login = z.object({ email: z.email().max(254), password: z.string().min(1).max(256) });

/** Staff sign-in for the console; rate-limited by address and by account. */
export function authRoutes(runtime: Runtime, clientIp: (c: Context) => string | undefined) {
  const cognito = createCognitoSignIn(runtime.clients.cognito, runtime.config.userPoolClientId);
  const app = newRouter();

  app.openapi(
    createRoute({
      method: "post",
      path: "/login",
      tags,
      summary: "Sign in with e-mail and password",
      request: body(Login),
      responses: { 200: json(Tokens), ...errors(400, 401, 429) },
    }),
    async (c) => {
      const { email, password } = c.req.valid("json");
      const address = clientIp(c);
      if (address) await consumeRateLimit(runtime.ports, LOGIN_LIMIT, address);
      await consumeRateLimit(runtime.ports, LOGIN_LIMIT, email.toLowerCase());
      return c.json(await cognito.signIn(email, password), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/refresh",
      tags,
      summary: "Exchange a refresh token for a new ID token",
      request: body(z.object({ refreshToken: z.string().min(1).max(4096) })),
      responses: { 200: json(Tokens), ...errors(400, 401) },
    }),
    async (c) => c.json(await cognito.refresh(c.req.valid("json").refreshToken), 200),
  );

  return app;
}
