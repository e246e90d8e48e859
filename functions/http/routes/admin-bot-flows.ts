import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import * as Chatbot from "../../../shared/chatbot/index.js";
import type { Runtime } from "../../ports.js";
import { requireStaff } from "../auth.js";
import { newRouter } from "../router.js";
import { body, errors, json, signedIn } from "../schemas.js";

const tags = ["admin"];
const VersionParams = z.object({ version: z.coerce.number().int().positive().max(999_999) });
const Saved = Chatbot.BotFlowVersion.extend({ problems: z.array(Chatbot.FlowProblem) });

/**
 * The admin's web chatbot: flows are edited as a draft and published as an immutable version;
 * new web chats run the published one, and each chat keeps the version it started with.
 */
export function adminBotFlowRoutes(runtime: Runtime) {
  const { ports } = runtime;
  const app = newRouter();
  app.use(requireStaff(runtime, ["admin"]));

  app.openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      ...signedIn,
      summary: "Every version of the chatbot flow, newest first, and which one is published",
      responses: {
        200: json(
          z.object({
            publishedVersion: z.number().optional(),
            versions: z.array(Chatbot.BotFlowVersion),
          }),
        ),
        ...errors(401, 403),
      },
    }),
    async (c) => c.json(await Chatbot.listBotFlows(ports, c.get("staff")), 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/draft",
      tags,
      ...signedIn,
      summary: "Save the draft over the revision it was loaded at (or start one with revision 0)",
      description:
        "A save over a revision someone else saved or published since is refused with `409 stale_draft`. A draft may have problems; they come back in `problems`.",
      request: body(Chatbot.SaveDraftInput),
      responses: { 200: json(Saved), ...errors(400, 401, 403, 409) },
    }),
    async (c) => c.json(await Chatbot.saveBotFlowDraft(ports, c.get("staff"), c.req.valid("json")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/{version}",
      tags,
      ...signedIn,
      summary: "One version of the flow, with what would stop it from being published",
      request: { params: VersionParams },
      responses: {
        200: json(Saved.extend({ flow: Chatbot.BotFlow })),
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) =>
      c.json(await Chatbot.getBotFlowVersion(ports, c.get("staff"), c.req.valid("param").version), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/{version}/publish",
      tags,
      ...signedIn,
      summary: "Publish a version for the web chats that start from now on",
      description:
        "A draft with problems is refused with `400 invalid_flow`, its `details.problems` listing them; a draft saved since the given revision with `409 stale_draft`. Publishing an older version again rolls back to it.",
      request: { params: VersionParams, ...body(Chatbot.PublishInput) },
      responses: { 200: json(Chatbot.BotFlowVersion), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { version } = c.req.valid("param");
      return c.json(await Chatbot.publishBotFlow(ports, c.get("staff"), version, c.req.valid("json")), 200);
    },
  );

  return app;
}
