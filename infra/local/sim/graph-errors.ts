import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { randomTraceId } from "./random-ids.js";

/** The `error` object the Graph API answers with; fields appear only when Meta would send them. */
export type GraphError = {
  message: string;
  type: "OAuthException" | "GraphMethodException";
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_data?: { messaging_product?: "whatsapp"; details: string };
};

/** A Graph API error response, with a fresh `fbtrace_id` as Meta adds to every one. */
export function graphError(c: Context, status: ContentfulStatusCode, error: GraphError) {
  return c.json({ error: { ...error, fbtrace_id: randomTraceId() } }, status);
}

/** Meta's answer while it is down (code 2): a client should retry it later. */
export const SERVICE_UNAVAILABLE: GraphError = {
  message: "Service temporarily unavailable",
  type: "OAuthException",
  code: 2,
  is_transient: true,
};

/** A token that is missing, malformed or not the one this app was given. */
export const INVALID_TOKEN: GraphError = {
  message: "Invalid OAuth access token - Cannot parse access token",
  type: "OAuthException",
  code: 190,
};

/** What the Graph API says of an id it does not know (or the token may not see). */
export function unknownObject(method: "get" | "post", id: string): GraphError {
  return {
    message: `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    type: "GraphMethodException",
    code: 100,
    error_subcode: 33,
  };
}
