import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { ConfirmApprovalInput, confirmApproval } from "../../../shared/approval/confirm-approval.js";
import { listApprovals } from "../../../shared/approval/list-approvals.js";
import { sendApprovalCode } from "../../../shared/approval/send-approval-code.js";
import type { Runtime } from "../../ports.js";
import type { AppEnv } from "../auth.js";
import { body, ConversationParams, errors, json, signedIn } from "../schemas.js";
import { ApprovalParams, Many, One } from "./approvals.js";

/**
 * The customer's side of an approval: ask for the code, confirm with it, see the state. Mounted
 * among the customer's routes, behind his session.
 */
export function customerApprovalRoutes(app: OpenAPIHono<AppEnv>, { ports }: Runtime) {
  const tags = ["customer"];
  app.openapi(
    createRoute({
      method: "get",
      path: "/conversations/{conversationId}/approvals",
      tags,
      ...signedIn,
      summary: "The approvals asked of me in this conversation, with their state",
      request: { params: ConversationParams },
      responses: { 200: json(Many), ...errors(400, 401, 404) },
    }),
    async (c) =>
      c.json(
        { approvals: await listApprovals(ports, c.get("customer"), c.req.valid("param").conversationId) },
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/approvals/{approvalId}/code",
      tags,
      ...signedIn,
      summary: "Send me the one-time code, to my registered e-mail or phone",
      request: { params: ApprovalParams },
      responses: { 200: json(One), ...errors(400, 401, 404, 409, 429) },
    }),
    async (c) => {
      const { conversationId, approvalId } = c.req.valid("param");
      const approval = await sendApprovalCode(ports, c.get("customer"), conversationId, approvalId);
      return c.json({ approval }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/approvals/{approvalId}/confirm",
      tags,
      ...signedIn,
      summary: "Approve the operation with the code I received",
      request: { params: ApprovalParams, ...body(ConfirmApprovalInput) },
      responses: { 200: json(One), ...errors(400, 401, 404, 409) },
    }),
    async (c) => {
      const { conversationId, approvalId } = c.req.valid("param");
      const approval = await confirmApproval(
        ports,
        c.get("customer"),
        conversationId,
        approvalId,
        c.req.valid("json"),
      );
      return c.json({ approval }, 200);
    },
  );
}
