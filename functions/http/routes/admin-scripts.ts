import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import * as Scripts from "../../../shared/scripts/index.js";
import type { Runtime } from "../../ports.js";
import { requireStaff } from "../auth.js";
import { newRouter } from "../router.js";
import { body, errors, json, signedIn } from "../schemas.js";

const tags = ["admin"];
const VersionParams = z.object({ version: z.coerce.number().int().positive().max(999_999) });
const Saved = Scripts.ScriptTreeVersion.extend({ problems: z.array(Scripts.TreeProblem) });
const STALE = "A revision someone else saved or published since is refused with `409 stale_draft`.";

/**
 * The admin's script tree (issue 7): tipos → motivos → escenarios → procedures, edited as a
 * draft and published as an immutable version; each contact keeps the version it started with.
 */
export function adminScriptRoutes(runtime: Runtime) {
  const { ports } = runtime;
  const app = newRouter();
  app.use(requireStaff(runtime, ["admin"]));

  app.openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      ...signedIn,
      summary: "Every version of the script tree, newest first, and which one is published",
      responses: {
        200: json(
          z.object({
            publishedVersion: z.number().optional(),
            versions: z.array(Scripts.ScriptTreeVersion),
          }),
        ),
        ...errors(401, 403),
      },
    }),
    async (c) => c.json(await Scripts.listScriptTrees(ports, c.get("staff")), 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/draft",
      tags,
      ...signedIn,
      summary: "Save the draft over the revision it was loaded at (or start one with revision 0)",
      description: `${STALE} A draft may have problems; they come back in \`problems\`.`,
      request: body(Scripts.SaveTreeDraftInput),
      responses: { 200: json(Saved), ...errors(400, 401, 403, 409) },
    }),
    async (c) => c.json(await Scripts.saveScriptTreeDraft(ports, c.get("staff"), c.req.valid("json")), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/draft/move",
      tags,
      ...signedIn,
      summary: "Move a motivo to another tipo, or an escenario to another motivo, in the draft",
      description: `${STALE} A branch that does not exist is \`400 branch_not_found\`; a new parent that already has a child with its id \`409 branch_id_taken\`.`,
      request: body(Scripts.MoveDraftBranchInput),
      responses: { 200: json(Saved), ...errors(400, 401, 403, 409) },
    }),
    async (c) => c.json(await Scripts.moveDraftBranch(ports, c.get("staff"), c.req.valid("json")), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/import",
      tags,
      ...signedIn,
      summary: "Save an exported file's tree as the draft",
      description: `\`file\` is the exported file's text. Text that is not JSON is \`400 malformed_json\`; JSON that is not a tree \`400 invalid_request\` with \`details.code\` \`invalid_tree_file\` and the issues. ${STALE}`,
      request: body(Scripts.ImportTreeInput),
      responses: { 200: json(Saved), ...errors(400, 401, 403, 409) },
    }),
    async (c) => c.json(await Scripts.importScriptTree(ports, c.get("staff"), c.req.valid("json")), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/{version}",
      tags,
      ...signedIn,
      summary: "One version of the tree, with what would stop it from being published",
      request: { params: VersionParams },
      responses: {
        200: json(Saved.extend({ tree: Scripts.ScriptTree })),
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) =>
      c.json(await Scripts.getScriptTreeVersion(ports, c.get("staff"), c.req.valid("param").version), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/{version}/export",
      tags,
      ...signedIn,
      summary: "One version of the tree as a JSON file, which `POST /import` reads back",
      request: { params: VersionParams },
      responses: {
        200: {
          description: "The file, as an attachment",
          content: { "application/json": { schema: Scripts.ScriptTree } },
        },
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { version } = c.req.valid("param");
      const { tree } = await Scripts.getScriptTreeVersion(ports, c.get("staff"), version);
      c.header("Content-Type", "application/json; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="script-tree-v${version}.json"`);
      c.header("Cache-Control", "no-store");
      // The tree's JSON written as `treeFile` does (indented, stable) so two exports are the
      // same file; hono's typing knows JSON responses only from `c.json`.
      return c.body(Scripts.treeFile(tree), 200) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/{version}/publish",
      tags,
      ...signedIn,
      summary: "Publish a version for the contacts that start from now on",
      description:
        "A draft with problems (cycles, dead ends, unknown steps…) is refused with `400 invalid_tree`, its `details.problems` listing them; a draft saved since the given revision with `409 stale_draft`. Publishing an older version again rolls back to it.",
      request: { params: VersionParams, ...body(Scripts.PublishTreeInput) },
      responses: { 200: json(Scripts.ScriptTreeVersion), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { version } = c.req.valid("param");
      return c.json(
        await Scripts.publishScriptTree(ports, c.get("staff"), version, c.req.valid("json")),
        200,
      );
    },
  );

  return app;
}
