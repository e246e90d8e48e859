import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { AuditEntry, listAudit } from "../../../shared/case-audit/index.js";
import type { Runtime } from "../../ports.js";
import type { newRouter } from "../router.js";
import { ConversationParams, errors, json, signedIn } from "../schemas.js";

/** A case's audit trail: every access to its documents and every step of its approvals. On the agent router, behind its staff check. */
export function caseAuditRoutes(app: ReturnType<typeof newRouter>, { ports }: Runtime) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/conversations/{conversationId}/audit",
      tags: ["agent"],
      ...signedIn,
      summary: "The case's audit trail, oldest first",
      request: { params: ConversationParams },
      responses: { 200: json(z.object({ entries: z.array(AuditEntry) })), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      return c.json({ entries: await listAudit(ports, c.get("staff"), conversationId) }, 200);
    },
  );
}
