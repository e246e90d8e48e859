import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { ApprovalInfo } from "../../../shared/approval/approval.js";
import { cancelApproval } from "../../../shared/approval/cancel-approval.js";
import { listApprovals } from "../../../shared/approval/list-approvals.js";
import { RequestApprovalInput, requestApproval } from "../../../shared/approval/request-approval.js";
import type { Runtime } from "../../ports.js";
import type { AppEnv } from "../auth.js";
import { body, ConversationParams, errors, json, signedIn } from "../schemas.js";

export const ApprovalParams = ConversationParams.extend({ approvalId: z.string().max(40) });
export const One = z.object({ approval: ApprovalInfo });
export const Many = z.object({ approvals: z.array(ApprovalInfo) });

/** Approvals the agent asks of a case's customer (issue 6). On the agent router, behind its staff check. */
export function agentApprovalRoutes(app: OpenAPIHono<AppEnv>, { ports }: Runtime) {
  const tags = ["agent"];
  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/approvals",
      tags,
      ...signedIn,
      summary: "Ask the customer to approve an operation with a one-time code",
      request: { params: ConversationParams, ...body(RequestApprovalInput) },
      responses: {
        201: json(One),
        200: json(One, "Already asked with this client message id"),
        ...errors(400, 401, 404, 409),
      },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      const { approval, duplicate } = await requestApproval(
        ports,
        c.get("staff"),
        conversationId,
        c.req.valid("json"),
      );
      return c.json({ approval }, duplicate ? 200 : 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/conversations/{conversationId}/approvals",
      tags,
      ...signedIn,
      summary: "The case's approvals, oldest first, with their state",
      request: { params: ConversationParams },
      responses: { 200: json(Many), ...errors(400, 401, 404) },
    }),
    async (c) =>
      c.json(
        { approvals: await listApprovals(ports, c.get("staff"), c.req.valid("param").conversationId) },
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/approvals/{approvalId}/cancel",
      tags,
      ...signedIn,
      summary: "Withdraw a pending approval",
      request: { params: ApprovalParams },
      responses: { 200: json(One), ...errors(400, 401, 404, 409) },
    }),
    async (c) => {
      const { conversationId, approvalId } = c.req.valid("param");
      return c.json(
        { approval: await cancelApproval(ports, c.get("staff"), conversationId, approvalId) },
        200,
      );
    },
  );
}
