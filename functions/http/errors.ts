import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import { AppError } from "../../shared/errors.js";
import { logger } from "../observability.js";
import { isTransientFailure } from "./transient-failure.js";

export type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

/** A zod failure as the one error body every client reads. */
export function invalidRequest(error: ZodError): ErrorBody {
  const first = error.issues[0];
  return {
    error: {
      code: "invalid_request",
      message: first ? `${first.path.join(".") || "body"}: ${first.message}` : "Invalid request",
      details: {
        issues: error.issues.map(({ path, message, code }) => ({ path: path.join("."), message, code })),
      },
    },
  };
}

/** How long a client waits before trying again when a service we depend on is out of reach. */
const RETRY_AFTER_SECONDS = 2;

/**
 * The only place errors become HTTP responses. Typed domain errors show their code and
 * message; a service out of reach is `unavailable`, to try again; anything else unexpected is
 * `internal`, logged with its stack, and shows nothing.
 */
export function onError(error: Error, c: Context) {
  if (error instanceof AppError) {
    if (error.status === 429 && error.details?.retryAfterSeconds)
      c.header("Retry-After", String(error.details.retryAfterSeconds));
    return c.json<ErrorBody>(
      {
        error: { code: error.code, message: error.message, ...(error.details && { details: error.details }) },
      },
      error.status,
    );
  }
  if (error instanceof ZodError) return c.json(invalidRequest(error), 400);
  if (error instanceof HTTPException && error.status < 500) {
    const code =
      error.status === 413
        ? "payload_too_large"
        : error.message.includes("JSON")
          ? "malformed_json"
          : "bad_request";
    return c.json<ErrorBody>({ error: { code, message: error.message } }, error.status);
  }
  if (isTransientFailure(error)) {
    logger.error("A service we depend on is unavailable", { error, path: c.req.path });
    c.header("Retry-After", String(RETRY_AFTER_SECONDS));
    return c.json<ErrorBody>(
      { error: { code: "unavailable", message: "Briefly unavailable, try again in a moment" } },
      503,
    );
  }
  logger.error("Unhandled error", { error, path: c.req.path });
  return c.json<ErrorBody>({ error: { code: "internal", message: "Something went wrong on our side" } }, 500);
}
