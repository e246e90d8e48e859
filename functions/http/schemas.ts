import { z } from "zod";
import { SearchKind } from "../../shared/conversation/search-history.js";

/** Response and parameter shapes shared by the route groups, named once for the OpenAPI document. */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** The error statuses of a route, and 503 `unavailable`, which any route answers while a service it needs is out of reach. */
export const errors = (...statuses: number[]) =>
  Object.fromEntries(
    [...new Set([...statuses, 503])].map((status) => [
      status,
      { description: "Error", content: { "application/json": { schema: ErrorResponse } } },
    ]),
  );

/** Marks an operation as needing `Authorization: Bearer …` in the OpenAPI document. */
export const signedIn = { security: [{ bearer: [] }] };

export const json = <T extends z.ZodType>(schema: T, description = "OK") => ({
  description,
  content: { "application/json": { schema } },
});

export const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});

export const ConversationParams = z.object({ conversationId: z.string().max(40) });
export const AttachmentParams = ConversationParams.extend({
  seq: z.coerce.number().int().positive(),
  attachmentId: z.string().max(40),
});

export const UploadResponse = z.object({
  attachmentId: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  maxBytes: z.number(),
});
export const AttachmentLinkResponse = z.object({
  url: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
});
export const SearchResponse = z.object({
  results: z.array(
    z.object({
      conversationId: z.string(),
      seq: z.number(),
      messageId: z.string(),
      author: z.enum(["customer", "agent", "system"]),
      authorName: z.string().optional(),
      text: z.string(),
      attachmentNames: z.array(z.string()),
      kinds: z.array(SearchKind),
      createdAt: z.string(),
    }),
  ),
});
