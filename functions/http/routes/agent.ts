import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { RequestUploadInput, requestUpload } from "../../../shared/attachment/index.js";
import * as Conversation from "../../../shared/conversation/index.js";
import { StaffIdentity } from "../../../shared/identity/index.js";
import { Disposition, getTenant } from "../../../shared/tenant/index.js";
import type { Runtime } from "../../ports.js";
import { requireStaff } from "../auth.js";
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

const tags = ["agent"];
const One = z.object({ conversation: Conversation.ConversationInfo });
const ConversationPage = z.object({
  conversation: Conversation.ConversationInfo,
  messages: z.array(Conversation.MessageInfo),
});
const CustomerParams = z.object({ customerId: z.string().max(60) });

/** The console's API for agents, supervisors and admins of one tenant. */
export function agentRoutes(runtime: Runtime) {
  const { ports } = runtime;
  const app = newRouter();
  app.use(requireStaff(runtime));

  app.openapi(
    createRoute({
      method: "get",
      path: "/me",
      tags,
      ...signedIn,
      summary: "Who is signed in, and the tenant's settings the console needs",
      responses: {
        200: json(
          z.object({
            staff: StaffIdentity,
            tenant: z.object({ name: z.string(), dispositions: z.array(Disposition) }),
          }),
        ),
        ...errors(401),
      },
    }),
    async (c) => {
      const staff = c.get("staff");
      const { name, dispositions } = await getTenant(ports, staff.tenantId);
      return c.json({ staff, tenant: { name, dispositions } }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/inbox",
      tags,
      ...signedIn,
      summary: "The queue, my conversations, or the recently closed ones",
      request: { query: z.object({ view: Conversation.InboxView.default("queue") }) },
      responses: {
        200: json(z.object({ conversations: z.array(Conversation.ConversationInfo) })),
        ...errors(400, 401),
      },
    }),
    async (c) =>
      c.json(
        { conversations: await Conversation.listInbox(ports, c.get("staff"), c.req.valid("query").view) },
        200,
      ),
  );

  app.openapi(
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
        await Conversation.readConversation(ports, c.get("staff"), conversationId, c.req.valid("query")),
        200,
      );
    },
  );

  const action = (path: "take" | "release", summary: string, run: typeof Conversation.takeConversation) =>
    app.openapi(
      createRoute({
        method: "post",
        path: `/conversations/{conversationId}/${path}`,
        tags,
        ...signedIn,
        summary,
        request: { params: ConversationParams },
        responses: { 200: json(One), ...errors(400, 401, 404, 409) },
      }),
      async (c) => {
        const conversation = await run(ports, c.get("staff"), c.req.valid("param").conversationId);
        return c.json({ conversation: Conversation.toConversationInfo(conversation, "staff") }, 200);
      },
    );
  action("take", "Take a queued conversation (exactly one agent wins)", Conversation.takeConversation);
  action("release", "Give the conversation back to the queue", Conversation.releaseConversation);

  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/finalize",
      tags,
      ...signedIn,
      summary: "Close the conversation with a disposition code",
      request: { params: ConversationParams, ...body(Conversation.FinalizeInput) },
      responses: { 200: json(One), ...errors(400, 401, 404, 409) },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      const conversation = await Conversation.finalizeConversation(
        ports,
        c.get("staff"),
        conversationId,
        c.req.valid("json"),
      );
      return c.json({ conversation: Conversation.toConversationInfo(conversation, "staff") }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/messages",
      tags,
      ...signedIn,
      summary: "Reply in a conversation one has taken",
      request: { params: ConversationParams, ...body(Conversation.MessageInput) },
      responses: {
        201: json(z.object({ message: Conversation.MessageInfo })),
        200: json(
          z.object({ message: Conversation.MessageInfo }),
          "Already stored with this client message id",
        ),
        ...errors(400, 401, 404, 409, 413, 415),
      },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      const { message, duplicate } = await Conversation.postAgentMessage(
        ports,
        c.get("staff"),
        conversationId,
        c.req.valid("json"),
      );
      return c.json({ message: Conversation.toMessageInfo(message) }, duplicate ? 200 : 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/read",
      tags,
      ...signedIn,
      summary: "Mark the conversation read up to a sequence number",
      request: { params: ConversationParams, ...body(Conversation.MarkReadInput) },
      responses: { 200: json(One), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      const conversation = await Conversation.markRead(
        ports,
        c.get("staff"),
        conversationId,
        c.req.valid("json"),
      );
      return c.json({ conversation: Conversation.toConversationInfo(conversation, "staff") }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/customers/{customerId}/conversations",
      tags,
      ...signedIn,
      summary: "The customer's earlier and current conversations",
      request: { params: CustomerParams },
      responses: {
        200: json(z.object({ conversations: z.array(Conversation.ConversationInfo) })),
        ...errors(400, 401),
      },
    }),
    async (c) => {
      const conversations = await Conversation.listCustomerConversations(
        ports,
        c.get("staff"),
        c.req.valid("param").customerId,
      );
      return c.json({ conversations }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/customers/{customerId}/search",
      tags,
      ...signedIn,
      summary: "Search everything exchanged with the customer",
      request: { params: CustomerParams, query: Conversation.SearchQuery },
      responses: { 200: json(SearchResponse), ...errors(400, 401) },
    }),
    async (c) => {
      const { customerId } = c.req.valid("param");
      const results = await Conversation.searchCustomerHistory(
        ports,
        c.get("staff"),
        customerId,
        c.req.valid("query"),
      );
      return c.json({ results }, 200);
    },
  );

  app.openapi(
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
      const staff = c.get("staff");
      return c.json(
        await requestUpload(ports, { tenantId: staff.tenantId, ownerId: staff.staffId }, c.req.valid("json")),
        201,
      );
    },
  );

  app.openapi(
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
        await Conversation.attachmentLink(ports, c.get("staff"), conversationId, seq, attachmentId),
        200,
      );
    },
  );

  return app;
}
