import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { MessageInfo, toMessageInfo } from "../../../shared/conversation/index.js";
import {
  DocumentInfo,
  documentLink,
  listDocuments,
  RequestDocumentInput,
  requestDocument,
  SubmitDocumentInput,
  submitDocument,
} from "../../../shared/documents/index.js";
import type { CustomerIdentity, StaffIdentity } from "../../../shared/identity/index.js";
import type { Runtime } from "../../ports.js";
import type { AppEnv } from "../auth.js";
import { body, ConversationParams, errors, json, signedIn } from "../schemas.js";

const DocumentParams = ConversationParams.extend({ documentId: z.string().max(40) });
const DocumentLink = z.object({
  url: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  expiresInSeconds: z.number().describe("The link stops working after this; ask again for a new one"),
});
const Documents = z.object({ documents: z.array(DocumentInfo) });
const Requested = z.object({ document: DocumentInfo });
const Submitted = z.object({ document: DocumentInfo, message: MessageInfo });

/** Documents the agent asks a case's customer for (issue 6). On the agent router, behind its staff check. */
export function agentDocumentRoutes(app: OpenAPIHono<AppEnv>, { ports }: Runtime) {
  const tags = ["agent"];
  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/documents/requests",
      tags,
      ...signedIn,
      summary: "Ask the customer for a document: a request card in the conversation",
      request: { params: ConversationParams, ...body(RequestDocumentInput) },
      responses: {
        201: json(Requested),
        200: json(Requested, "Already asked with this client message id"),
        ...errors(400, 401, 404, 409),
      },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      const { document, duplicate } = await requestDocument(
        ports,
        c.get("staff"),
        conversationId,
        c.req.valid("json"),
      );
      return c.json({ document }, duplicate ? 200 : 201);
    },
  );
  documentAccess(app, ports, tags, (c) => c.get("staff"));
}

/** What the widget does with its case's documents: answer a request, list them, download one. */
export function customerDocumentRoutes(app: OpenAPIHono<AppEnv>, { ports }: Runtime) {
  const tags = ["customer"];
  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/documents/{documentId}",
      tags,
      ...signedIn,
      summary: "Send the document the agent asked for, uploaded first through /uploads",
      description:
        "The file is checked by its first bytes (`415 unsupported_media_type`) and size (`413 payload_too_large`); a request already answered with another file is `409 document_already_received`.",
      request: { params: DocumentParams, ...body(SubmitDocumentInput) },
      responses: {
        201: json(Submitted),
        200: json(Submitted, "Already sent with this client message id"),
        ...errors(400, 401, 404, 409, 413, 415),
      },
    }),
    async (c) => {
      const { conversationId, documentId } = c.req.valid("param");
      const { document, message, duplicate } = await submitDocument(
        ports,
        c.get("customer"),
        conversationId,
        documentId,
        c.req.valid("json"),
      );
      return c.json({ document, message: toMessageInfo(message) }, duplicate ? 200 : 201);
    },
  );
  documentAccess(app, ports, tags, (c) => c.get("customer"));
}

/** Listing and downloading, for staff and customers alike; `caller` says who is asking. */
function documentAccess(
  app: OpenAPIHono<AppEnv>,
  ports: Runtime["ports"],
  tags: string[],
  caller: (c: Context<AppEnv>) => CustomerIdentity | StaffIdentity,
) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/conversations/{conversationId}/documents",
      tags,
      ...signedIn,
      summary: "The case's document requests and documents, as far as the caller is on the case",
      request: { params: ConversationParams },
      responses: { 200: json(Documents), ...errors(401, 404) },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      return c.json({ documents: await listDocuments(ports, caller(c), conversationId) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/conversations/{conversationId}/documents/{documentId}/link",
      tags,
      ...signedIn,
      summary: "A download link for a document of the case, valid for 60 s; recorded in the case's trail",
      request: { params: DocumentParams },
      responses: { 200: json(DocumentLink), ...errors(401, 404, 409) },
    }),
    async (c) => {
      const { conversationId, documentId } = c.req.valid("param");
      return c.json(await documentLink(ports, caller(c), conversationId, documentId), 200);
    },
  );
}
