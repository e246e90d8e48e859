import { createRoute } from "@hono/zod-openapi";
import { except } from "hono/combine";
import { z } from "zod";
import { listChannelAccounts } from "../../../shared/channels/channel-accounts.js";
import * as Conversation from "../../../shared/conversation/index.js";
import {
  CustomerProfile,
  getCustomerProfile,
  UpdateCustomerInput,
  updateCustomerProfile,
} from "../../../shared/customer/customer-profile.js";
import { StaffIdentity, StaffRole } from "../../../shared/identity/index.js";
import { Disposition, getTenant, MessageTemplate } from "../../../shared/tenant/index.js";
import type { Runtime } from "../../ports.js";
import { requireStaff } from "../auth.js";
import { newRouter } from "../router.js";
import { body, ConversationParams, errors, json, SearchResponse, signedIn } from "../schemas.js";
import { agentApprovalRoutes } from "./approvals.js";
import { caseAuditRoutes } from "./case-audit.js";
import { caseTeamRoutes } from "./case-team.js";
import { agentCatalogRoutes } from "./catalog.js";
import { addConversationAccess } from "./conversation-access.js";
import { agentDocumentRoutes } from "./documents.js";
import { transferRoutes } from "./transfer.js";

const tags = ["agent"];
const One = z.object({ conversation: Conversation.ConversationInfo });
const CustomerParams = z.object({ customerId: z.string().max(60) });

/** The console's API for agents, supervisors and admins of one tenant. */
export function agentRoutes(runtime: Runtime) {
  const { ports } = runtime;
  const app = newRouter();
  // The central office signs in to the same console, for its back office only: it may ask who
  // it is, and nothing else here.
  app.use(except((c) => c.req.path.endsWith("/me"), requireStaff(runtime)));
  app.use("/me", requireStaff(runtime, StaffRole.options));
  caseAuditRoutes(app, runtime);
  agentCatalogRoutes(app, runtime);
  agentApprovalRoutes(app, runtime);
  caseTeamRoutes(app, runtime);
  agentDocumentRoutes(app, runtime);
  transferRoutes(app, runtime);

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
            tenant: z.object({
              name: z.string(),
              dispositions: z.array(Disposition),
              templates: z.array(MessageTemplate).describe("WhatsApp templates, for outside the 24 h window"),
              channels: z
                .array(z.object({ channel: z.enum(["whatsapp", "messenger", "email"]), label: z.string() }))
                .describe("The tenant's accounts on the outside channels"),
            }),
          }),
        ),
        ...errors(401),
      },
    }),
    async (c) => {
      const staff = c.get("staff");
      const [{ name, dispositions, templates }, accounts] = await Promise.all([
        getTenant(ports, staff.tenantId),
        listChannelAccounts(ports, staff.tenantId),
      ]);
      const channels = accounts.map(({ channel, label }) => ({ channel, label }));
      const usable = z.array(MessageTemplate).parse(templates ?? []);
      return c.json({ staff, tenant: { name, dispositions, templates: usable, channels } }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/inbox",
      tags,
      ...signedIn,
      summary: "The queue, my conversations, or the recently closed ones",
      request: { query: Conversation.InboxQuery },
      responses: {
        200: json(
          z.object({
            conversations: z.array(Conversation.ConversationInfo),
            nextCursor: z.string().optional().describe("Pass as `after` for the next page"),
          }),
        ),
        ...errors(400, 401),
      },
    }),
    async (c) => c.json(await Conversation.listInbox(ports, c.get("staff"), c.req.valid("query")), 200),
  );

  const action = (
    path: "take" | "release" | "reopen",
    summary: string,
    run: typeof Conversation.takeConversation,
  ) =>
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
  action(
    "reopen",
    "Reopen a closed case from the history, with everything in it: it is the caller's at once",
    Conversation.reopenConversation,
  );

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
      summary: "Reply in a conversation one has taken, on its channel",
      description:
        "WhatsApp refuses anything but a template 24 h after the customer last wrote (`409 window_closed`); Messenger anything after 7 days.",
      request: { params: ConversationParams, ...body(Conversation.AgentMessageInput) },
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
      path: "/customers/{customerId}/conversations",
      tags,
      ...signedIn,
      summary: "Write to the customer on WhatsApp or by e-mail, in a conversation of one's own",
      request: { params: CustomerParams, ...body(Conversation.StartAgentConversationInput) },
      responses: {
        201: json(
          z.object({ conversation: Conversation.ConversationInfo, message: Conversation.MessageInfo }),
        ),
        ...errors(400, 401, 404, 409, 413, 415),
      },
    }),
    async (c) => {
      const { conversation, message } = await Conversation.startAgentConversation(
        ports,
        c.get("staff"),
        c.req.valid("param").customerId,
        c.req.valid("json"),
      );
      const { data: current } = await ports.db.conversation
        .get({ tenantId: conversation.tenantId, conversationId: conversation.conversationId })
        .go();
      return c.json(
        {
          conversation: Conversation.toConversationInfo(current ?? conversation, "staff"),
          message: Conversation.toMessageInfo(message),
        },
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/customers/{customerId}",
      tags,
      ...signedIn,
      summary: "The customer's profile: name, phone, e-mail, document number",
      request: { params: CustomerParams },
      responses: { 200: json(z.object({ customer: CustomerProfile })), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const customer = await getCustomerProfile(ports, c.get("staff"), c.req.valid("param").customerId);
      return c.json({ customer }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/customers/{customerId}",
      tags,
      ...signedIn,
      summary:
        "Record the customer's phone, e-mail or document number, which join his channels into one timeline",
      request: { params: CustomerParams, ...body(UpdateCustomerInput) },
      responses: { 200: json(z.object({ customer: CustomerProfile })), ...errors(400, 401, 404, 409) },
    }),
    async (c) => {
      const customer = await updateCustomerProfile(
        ports,
        c.get("staff"),
        c.req.valid("param").customerId,
        c.req.valid("json"),
      );
      return c.json({ customer }, 200);
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

  addConversationAccess(app, ports, tags, (c) => c.get("staff"));
  return app;
}
