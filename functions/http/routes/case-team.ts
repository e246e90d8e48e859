import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import {
  addNote,
  answerConsult,
  askSupervisor,
  ConsultInfo,
  ConsultsQuery,
  CustomerNote,
  findSimilarCases,
  listConsults,
  listCustomerNotes,
  listNotes,
  NoteInfo,
  NoteInput,
  ResolveConsultInput,
  resolveConsult,
  SimilarCase,
} from "../../../shared/case-team/index.js";
import type { Runtime } from "../../ports.js";
import type { newRouter } from "../router.js";
import { body, ConversationParams, errors, json, signedIn } from "../schemas.js";

const tags = ["agent"];
const Entry = z.object({ note: NoteInfo.nullable(), consult: ConsultInfo.nullable() });

/**
 * The team's side of a case (issue 6): private notes, the consult to a supervisor, similar past
 * cases and the notes of a customer's other cases. On the agent router, behind its staff check;
 * nothing here is reachable from a customer route.
 */
export function caseTeamRoutes(app: ReturnType<typeof newRouter>, { ports }: Runtime) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/conversations/{conversationId}/notes",
      tags,
      ...signedIn,
      summary: "The case's private notes and its consult thread, oldest first",
      request: { params: ConversationParams },
      responses: {
        200: json(
          z.object({ notes: z.array(NoteInfo), thread: z.array(NoteInfo), consult: ConsultInfo.nullable() }),
        ),
        ...errors(401, 403, 404),
      },
    }),
    async (c) => c.json(await listNotes(ports, c.get("staff"), c.req.valid("param").conversationId), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/notes",
      tags,
      ...signedIn,
      summary: "Add a private note to the case (never shown to the customer)",
      request: { params: ConversationParams, ...body(NoteInput) },
      responses: { 201: json(z.object({ note: NoteInfo }), "Stored"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const note = await addNote(
        ports,
        c.get("staff"),
        c.req.valid("param").conversationId,
        c.req.valid("json"),
      );
      return c.json({ note }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/consult",
      tags,
      ...signedIn,
      summary: "Ask the supervisors about the case in its side thread",
      request: { params: ConversationParams, ...body(NoteInput) },
      responses: { 201: json(Entry, "Asked"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      return c.json(await askSupervisor(ports, c.get("staff"), conversationId, c.req.valid("json")), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/consult/answer",
      tags,
      ...signedIn,
      summary: "Answer the case's consult (supervisors and admins)",
      request: { params: ConversationParams, ...body(NoteInput) },
      responses: { 201: json(Entry, "Answered"), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      return c.json(await answerConsult(ports, c.get("staff"), conversationId, c.req.valid("json")), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/consult/resolve",
      tags,
      ...signedIn,
      summary: "Settle the case's consult: it leaves the pending list",
      request: { params: ConversationParams, ...body(ResolveConsultInput) },
      responses: { 200: json(Entry), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      return c.json(await resolveConsult(ports, c.get("staff"), conversationId, c.req.valid("json")), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/consults",
      tags,
      ...signedIn,
      summary: "The tenant's consults in a state; pending (open) ones oldest first (supervisors and admins)",
      request: { query: ConsultsQuery },
      responses: { 200: json(z.object({ consults: z.array(ConsultInfo) })), ...errors(400, 401, 403) },
    }),
    async (c) => c.json({ consults: await listConsults(ports, c.get("staff"), c.req.valid("query")) }, 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/conversations/{conversationId}/similar",
      tags,
      ...signedIn,
      summary: "Similar past cases of the tenant, best first, with how each was solved",
      request: { params: ConversationParams },
      responses: { 200: json(z.object({ cases: z.array(SimilarCase) })), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      return c.json({ cases: await findSimilarCases(ports, c.get("staff"), conversationId) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/customers/{customerId}/notes",
      tags,
      ...signedIn,
      summary: "The private notes of every case of a customer, newest first (his 360 view)",
      request: { params: z.object({ customerId: z.string().max(60) }) },
      responses: { 200: json(z.object({ notes: z.array(CustomerNote) })), ...errors(401, 403) },
    }),
    async (c) => {
      const { customerId } = c.req.valid("param");
      return c.json({ notes: await listCustomerNotes(ports, c.get("staff"), customerId) }, 200);
    },
  );
}
