import { createRoute } from "@hono/zod-openapi";
import * as AutoReply from "../../../shared/auto-reply/index.js";
import type { Runtime } from "../../ports.js";
import { requireStaff } from "../auth.js";
import { newRouter } from "../router.js";
import { body, errors, json, signedIn } from "../schemas.js";

const tags = ["admin"];

/** The admin's automatic replies (issue 6): business hours, holidays, acknowledgement, out-of-hours text, keywords. */
export function adminAutoReplyRoutes(runtime: Runtime) {
  const { ports } = runtime;
  const app = newRouter();
  app.use(requireStaff(runtime, ["admin"]));

  app.openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      ...signedIn,
      summary: "The tenant's automatic replies, with the revision to save over (0: never saved, all off)",
      responses: { 200: json(AutoReply.SavedAutoReplySettings), ...errors(401, 403) },
    }),
    async (c) => c.json(await AutoReply.getAutoReplySettings(ports, c.get("staff").tenantId), 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/",
      tags,
      ...signedIn,
      summary: "Save the automatic replies over the revision they were loaded at",
      description:
        "Invalid settings (an unknown time zone, overlapping ranges in a day, an empty keyword) are `400 invalid_request` with the issues in `details`; a save over a revision someone saved since is `409 stale_settings`.",
      request: body(AutoReply.SaveAutoReplySettingsInput),
      responses: { 200: json(AutoReply.SavedAutoReplySettings), ...errors(400, 401, 403, 409) },
    }),
    async (c) =>
      c.json(await AutoReply.saveAutoReplySettings(ports, c.get("staff"), c.req.valid("json")), 200),
  );

  return app;
}
