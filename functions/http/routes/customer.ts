import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import * as Conversation from "../../../shared/conversation/index.js";
import {
  StartCustomerSessionInput,
  startCustomerSession,
} from "../../../shared/customer/start-customer-session.js";
import { consumeRateLimit, WIDGET_SESSION_LIMIT } from "../../../shared/rate-limit/consume-rate-limit.js";
import { getTenant } from "../../../shared/tenant/index.js";
import type { Runtime } from "../../ports.js";
import { requireCustomer } from "../auth.js";
import { newRouter } from "../router.js";
import { body, ConversationParams, errors, json, SearchResponse, signedIn } from "../schemas.js";
import { caseRatingRoutes } from "./case-rating.js";
import { customerCardRoutes } from "./catalog.js";
import { addConversationAccess } from "./conversation-access.js";
import { customerApprovalRoutes } from "./customer-approvals.js";
import { addCustomerQueries } from "./customer-queries.js";
import { customerDocumentRoutes } from "./documents.js";

const tags = ["customer"];
const Session = z.object({
  token: z.string(),
  customerId: z.string(),
  tenantId: z.string(),
  identified: z.boolean(),
});
const Posted = z.object({
  conversation: Conversation.ConversationInfo.optional(),
  message: Conversation.MessageInfo,
});

/** What the chat widget calls, on behalf of one customer of one tenant. */
export function customerRoutes(runtime: Runtime, clientIp: (c: Context) => string | undefined) {
  const { ports } = runtime;
  const app = newRouter();

  app.openapi(
    createRoute({
      method: "get",
      path: "/tenants/{tenantId}",
      tags,
      summary: "The public face of a tenant for its widget",
      request: { params: z.object({ tenantId: z.string().max(40) }) },
      responses: { 200: json(z.object({ tenantId: z.string(), name: z.string() })), ...errors(404) },
    }),
    async (c) => {
      const tenant = await getTenant(ports, c.req.valid("param").tenantId);
      return c.json({ tenantId: tenant.tenantId, name: tenant.name }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/sessions",
      tags,
      summary: "Open a widget session, anonymous or as the host site's signed customer",
      request: body(StartCustomerSessionInput),
      responses: { 201: json(Session), ...errors(400, 401, 404, 429) },
    }),
    async (c) => {
      const address = clientIp(c);
      if (address) await consumeRateLimit(ports, WIDGET_SESSION_LIMIT, address);
      return c.json(
        await startCustomerSession(ports, runtime.config.sessionSecret, c.req.valid("json")),
        201,
      );
    },
  );

  const authed = newRouter();
  authed.use(requireCustomer(runtime));

  authed.openapi(
    createRoute({
      method: "get",
      path: "/conversations",
      tags,
      ...signedIn,
      summary: "All of the customer's conversations, newest first",
      responses: {
        200: json(z.object({ conversations: z.array(Conversation.ConversationInfo) })),
        ...errors(401),
      },
    }),
    async (c) => {
      const customer = c.get("customer");
      const conversations = await Conversation.listCustomerConversations(
        ports,
        customer,
        customer.customerId,
      );
      return c.json({ conversations }, 200);
    },
  );

  authed.openapi(
    createRoute({
      method: "post",
      path: "/conversations",
      tags,
      ...signedIn,
      summary: "Start a conversation with its first message",
      request: body(Conversation.MessageInput),
      responses: {
        201: json(Posted),
        200: json(Posted, "Already started with this client message id"),
        ...errors(400, 401, 413, 415),
      },
    }),
    async (c) => {
      const { conversation, message, duplicate } = await Conversation.startConversation(
        ports,
        c.get("customer"),
        c.req.valid("json"),
      );
      return c.json(
        {
          conversation: Conversation.toConversationInfo(conversation, "customer"),
          message: Conversation.toMessageInfo(message),
        },
        duplicate ? 200 : 201,
      );
    },
  );

  authed.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/messages",
      tags,
      ...signedIn,
      summary: "Write in a conversation",
      request: { params: ConversationParams, ...body(Conversation.MessageInput) },
      responses: {
        201: json(Posted),
        200: json(Posted, "Already stored with this client message id"),
        ...errors(400, 401, 404, 409, 413, 415),
      },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      const { message, duplicate } = await Conversation.postCustomerMessage(
        ports,
        c.get("customer"),
        conversationId,
        c.req.valid("json"),
      );
      return c.json({ message: Conversation.toMessageInfo(message) }, duplicate ? 200 : 201);
    },
  );

  authed.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/reopen",
      tags,
      ...signedIn,
      summary: "Reopen a closed case from the history: it goes back to the queue with everything in it",
      request: { params: ConversationParams },
      responses: {
        200: json(z.object({ conversation: Conversation.ConversationInfo })),
        ...errors(401, 404, 409),
      },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      const conversation = await Conversation.reopenConversation(ports, c.get("customer"), conversationId);
      return c.json({ conversation: Conversation.toConversationInfo(conversation, "customer") }, 200);
    },
  );

  authed.openapi(
    createRoute({
      method: "get",
      path: "/search",
      tags,
      ...signedIn,
      summary: "Search everything the customer ever exchanged",
      request: { query: Conversation.SearchQuery },
      responses: { 200: json(SearchResponse), ...errors(400, 401) },
    }),
    async (c) => {
      const customer = c.get("customer");
      const results = await Conversation.searchCustomerHistory(
        ports,
        customer,
        customer.customerId,
        c.req.valid("query"),
      );
      return c.json({ results }, 200);
    },
  );

  addConversationAccess(authed, ports, tags, (c) => c.get("customer"));
  addCustomerQueries(authed, runtime, clientIp);
  caseRatingRoutes(authed, runtime);
  customerCardRoutes(authed, runtime);
  customerApprovalRoutes(authed, runtime);
  customerDocumentRoutes(authed, runtime);
  app.route("/", authed);
  return app;
}
