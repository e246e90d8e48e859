import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import { invalidRequest } from "../../../functions/http/errors.js";
import { logger } from "../../../functions/observability.js";

/**
 * A request to the simulator's own API (the phone page, the tests) that cannot be done: the
 * Graph API routes answer in Meta's format instead and never throw this.
 */
export class SimulatorError extends Error {
  override name = "SimulatorError";
  constructor(
    readonly code: "invalid_input" | "not_found",
    message: string,
  ) {
    super(message);
  }
}

/** The simulator API's errors in the project's `{"error": {"code", "message"}}` shape. */
export function onSimulatorError(error: Error, c: Context) {
  if (error instanceof SimulatorError)
    return c.json(
      { error: { code: error.code, message: error.message } },
      error.code === "not_found" ? 404 : 400,
    );
  if (error instanceof ZodError) return c.json(invalidRequest(error), 400);
  if (error instanceof HTTPException && error.status < 500)
    return c.json({ error: { code: "bad_request", message: error.message } }, error.status);
  logger.error("Simulator failed", { error, path: c.req.path });
  return c.json({ error: { code: "internal", message: "Something went wrong in the simulator" } }, 500);
}

/** The request's JSON body, or a 400 the page can show when it is not JSON. */
export async function readJsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new SimulatorError("invalid_input", "The body must be JSON");
  }
}
