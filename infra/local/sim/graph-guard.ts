import type { MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { graphError, INVALID_TOKEN, SERVICE_UNAVAILABLE } from "./graph-errors.js";

export type GraphGuardOptions = {
  accessToken: string;
  isOutage: () => boolean;
  /** Messenger's Send API also takes the token as `?access_token=`. */
  allowQueryToken?: boolean;
  /**
   * The status of a bad token: the WhatsApp Cloud API answers 401, the Messenger Send API 400
   * (with the same OAuthException 190 body).
   */
  invalidTokenStatus: ContentfulStatusCode;
};

/**
 * What every Graph API call meets before its handler: an outage answers 503 whatever the
 * token (Meta cannot check it either), then the token must be the app's.
 */
export function graphGuard(options: GraphGuardOptions): MiddlewareHandler {
  return async (c, next) => {
    if (options.isOutage()) return graphError(c, 503, SERVICE_UNAVAILABLE);
    const header = c.req.header("authorization");
    const token = header?.startsWith("Bearer ")
      ? header.slice("Bearer ".length)
      : options.allowQueryToken
        ? c.req.query("access_token")
        : undefined;
    if (token !== options.accessToken) {
      c.header("www-authenticate", 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token."');
      return graphError(c, options.invalidTokenStatus, INVALID_TOKEN);
    }
    await next();
  };
}
