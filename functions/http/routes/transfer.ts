import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import * as Conversation from "../../../shared/conversation/index.js";
import { CaseSummary, loadCaseSummary } from "../../../shared/conversation/summarise-case.js";
import { TransferInput, transferConversation } from "../../../shared/conversation/transfer-conversation.js";
import * as HandleTime from "../../../shared/handle-time/index.js";
import { listQueues, Queue } from "../../../shared/queue/index.js";
import type { Runtime } from "../../ports.js";
import type { newRouter } from "../router.js";
import { body, ConversationParams, errors, json, signedIn } from "../schemas.js";

const tags = ["agent"];

/**
 * Sending a case to another department, the summary the next agent opens it with, and the
 * active time spent on it (issue 6). On the agent router, behind its staff check.
 */
export function transferRoutes(app: ReturnType<typeof newRouter>, { ports }: Runtime) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/queues",
      tags,
      ...signedIn,
      summary: "The departments a case can be transferred to",
      responses: { 200: json(z.object({ queues: z.array(Queue) })), ...errors(401, 403) },
    }),
    async (c) => c.json({ queues: await listQueues(ports, c.get("staff").tenantId) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/transfer",
      tags,
      ...signedIn,
      summary: "Send the case to another department's queue with a handover note",
      description:
        "Only the agent who has the case, or a supervisor, transfers it. A queue the tenant does not have is `400 unknown_queue`. Sending the same transfer again changes nothing.",
      request: { params: ConversationParams, ...body(TransferInput) },
      responses: {
        200: json(
          z.object({
            conversation: Conversation.ConversationInfo,
            handover: z.object({
              handoverId: z.string(),
              note: z.string(),
              fromStaffName: z.string(),
              fromQueueId: z.string(),
              toQueueId: z.string(),
              at: z.string(),
            }),
          }),
        ),
        ...errors(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      const { conversation, handover } = await transferConversation(
        ports,
        c.get("staff"),
        conversationId,
        c.req.valid("json"),
      );
      const { handoverId, note, fromStaffName, fromQueueId, toQueueId, at } = handover;
      return c.json(
        {
          conversation: Conversation.toConversationInfo(conversation, "staff"),
          handover: { handoverId, note, fromStaffName, fromQueueId, toQueueId, at },
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/conversations/{conversationId}/summary",
      tags,
      ...signedIn,
      summary:
        "The case summary: what the customer asked, what was done, documents, approvals, what is pending",
      request: { params: ConversationParams },
      responses: {
        200: json(z.object({ summary: CaseSummary, handleTime: HandleTime.HandleTime })),
        ...errors(401, 403, 404),
      },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      const [summary, handleTime] = await Promise.all([
        loadCaseSummary(ports, c.get("staff"), conversationId),
        HandleTime.caseHandleTime(ports, c.get("staff"), conversationId),
      ]);
      return c.json({ summary, handleTime }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/activity",
      tags,
      ...signedIn,
      summary: "Report time actively spent on the case (slices of at most 60 s)",
      description:
        "A slice sent again is counted once. A slice in the future, longer than 60 s or older than a day refuses the whole report with 400.",
      request: { params: ConversationParams, ...body(HandleTime.ActivityInput) },
      responses: {
        200: json(
          z.object({ counted: z.number(), duplicates: z.number(), handleTime: HandleTime.HandleTime }),
        ),
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      const staff = c.get("staff");
      const result = await HandleTime.recordActivity(ports, staff, conversationId, c.req.valid("json"));
      const handleTime = await HandleTime.caseHandleTime(ports, staff, conversationId);
      return c.json({ ...result, handleTime }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/handle-time/export",
      tags,
      ...signedIn,
      summary: "Active handle time per case and agent, or per agent (`by=agent`), between two days, as CSV",
      description: "Supervisors and admins only.",
      request: { query: HandleTime.HandleTimeExportQuery },
      responses: {
        200: {
          description: "The file, as an attachment",
          content: { "text/csv": { schema: z.string() } },
        },
        ...errors(400, 401, 403),
      },
    }),
    async (c) => {
      const { filename, body: csv } = await HandleTime.exportHandleTime(
        ports,
        c.get("staff"),
        c.req.valid("query"),
      );
      c.header("Content-Type", "text/csv; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="${filename}"`);
      c.header("Cache-Control", "no-store");
      return c.body(csv, 200);
    },
  );
}
