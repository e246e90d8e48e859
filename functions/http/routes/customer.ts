import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { RequestUploadInput, requestUpload } from "../../../shared/attachment/index.js";
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
import {
  AttachmentLinkResponse,
  AttachmentParams,
  body,
  ConversationParams,
  errors,
  json,
  SearchResponse,
  signedIn,
  UploadResponse,
} from "../schemas.js";

const tags = ["customer"];
const Session = z.object({
  token: z.string(),
  customerId: z.string(),
  tenantId: z.string(),
  identified: z.boolean(),
});
const ConversationPage = z.object({
  conversation: Conversation.ConversationInfo,
  messages: z.array(Conversation.MessageInfo),
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
      method: "get",
      path: "/conversations/{conversationId}",
      tags,
      ...signedIn,
      summary: "A conversation with a page of messages",
      request: { params: ConversationParams, query: Conversation.ReadMessagesQuery },
      responses: { 200: json(ConversationPage), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      return c.json(
        await Conversation.readConversation(ports, c.get("customer"), conversationId, c.req.valid("query")),
        200,
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
      path: "/conversations/{conversationId}/read",
      tags,
      ...signedIn,
      summary: "Mark the conversation read up to a sequence number",
      request: { params: ConversationParams, ...body(Conversation.MarkReadInput) },
      responses: {
        200: json(z.object({ conversation: Conversation.ConversationInfo })),
        ...errors(400, 401, 404),
      },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      const conversation = await Conversation.markRead(
        ports,
        c.get("customer"),
        conversationId,
        c.req.valid("json"),
      );
      return c.json({ conversation: Conversation.toConversationInfo(conversation, "customer") }, 200);
    },
  );

  authed.openapi(
    createRoute({
      method: "post",
      path: "/uploads",
      tags,
      ...signedIn,
      summary: "Get a presigned upload for an image or PDF",
      request: body(RequestUploadInput),
      responses: { 201: json(UploadResponse), ...errors(400, 401, 413, 415) },
    }),
    async (c) => {
      const customer = c.get("customer");
      const upload = await requestUpload(
        ports,
        { tenantId: customer.tenantId, ownerId: customer.customerId },
        c.req.valid("json"),
      );
      return c.json(upload, 201);
    },
  );

  authed.openapi(
    createRoute({
      method: "get",
      path: "/conversations/{conversationId}/messages/{seq}/attachments/{attachmentId}",
      tags,
      ...signedIn,
      summary: "A short-lived link to an attachment",
      request: { params: AttachmentParams },
      responses: { 200: json(AttachmentLinkResponse), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const { conversationId, seq, attachmentId } = c.req.valid("param");
      return c.json(
        await Conversation.attachmentLink(ports, c.get("customer"), conversationId, seq, attachmentId),
        200,
      );
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

  app.route("/", authed);
  return app;
}
