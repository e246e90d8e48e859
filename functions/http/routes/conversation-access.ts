import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { RequestUploadInput, requestUpload } from "../../../shared/attachment/index.js";
import * as Conversation from "../../../shared/conversation/index.js";
import type { CustomerIdentity, StaffIdentity } from "../../../shared/identity/index.js";
import type { Ports } from "../../../shared/ports.js";
import type { AppEnv } from "../auth.js";
import {
  AttachmentLinkResponse,
  AttachmentParams,
  body,
  ConversationParams,
  errors,
  json,
  signedIn,
  UploadResponse,
} from "../schemas.js";

const ConversationPage = z.object({
  conversation: Conversation.ConversationInfo,
  messages: z.array(Conversation.MessageInfo),
});

/**
 * What customers and staff both do with a conversation they may see: read a page of it, mark
 * it read, upload a file for it and fetch an attachment's link. Each group mounts these under
 * its own authentication; `caller` says who is asking.
 */
export function addConversationAccess(
  app: OpenAPIHono<AppEnv>,
  ports: Ports,
  tags: string[],
  caller: (c: Context<AppEnv>) => CustomerIdentity | StaffIdentity,
) {
  const viewerKind = (identity: CustomerIdentity | StaffIdentity) =>
    identity.kind === "customer" ? "customer" : "staff";

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
        await Conversation.readConversation(ports, caller(c), conversationId, c.req.valid("query")),
        200,
      );
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
      responses: {
        200: json(z.object({ conversation: Conversation.ConversationInfo })),
        ...errors(400, 401, 404),
      },
    }),
    async (c) => {
      const identity = caller(c);
      const { conversationId } = c.req.valid("param");
      const conversation = await Conversation.markRead(ports, identity, conversationId, c.req.valid("json"));
      return c.json(
        { conversation: Conversation.toConversationInfo(conversation, viewerKind(identity)) },
        200,
      );
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
      const identity = caller(c);
      const ownerId = identity.kind === "customer" ? identity.customerId : identity.staffId;
      return c.json(
        await requestUpload(ports, { tenantId: identity.tenantId, ownerId }, c.req.valid("json")),
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
        await Conversation.attachmentLink(ports, caller(c), conversationId, seq, attachmentId),
        200,
      );
    },
  );
}
