import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import * as Catalog from "../../../shared/catalog/index.js";
import { MessageInfo, toMessageInfo } from "../../../shared/conversation/index.js";
import type { Runtime } from "../../ports.js";
import type { AppEnv } from "../auth.js";
import { body, ConversationParams, errors, json, signedIn } from "../schemas.js";

const Sent = z.object({ message: MessageInfo });

/** Agents search the catalog and send a card into a case (issue 6). On the agent router, behind its staff check. */
export function agentCatalogRoutes(app: OpenAPIHono<AppEnv>, { ports }: Runtime) {
  const tags = ["agent"];
  app.openapi(
    createRoute({
      method: "get",
      path: "/catalog",
      tags,
      ...signedIn,
      summary: "Search the active cards by words (case and accents ignored) and topic",
      request: { query: Catalog.CardSearchQuery },
      responses: { 200: json(z.object({ cards: z.array(Catalog.CatalogCard) })), ...errors(400, 401) },
    }),
    async (c) =>
      c.json({ cards: await Catalog.searchCards(ports, c.get("staff"), c.req.valid("query")) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/cards",
      tags,
      ...signedIn,
      summary: "Send a card of the catalog in a conversation one has taken, on its channel",
      description:
        "The card's image travels as the message's attachment. WhatsApp and Messenger get their nearest equivalent; an e-mail gets the words, links and image.",
      request: { params: ConversationParams, ...body(Catalog.InsertCardInput) },
      responses: {
        201: json(Sent),
        200: json(Sent, "Already stored with this client message id"),
        ...errors(400, 401, 404, 409),
      },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      const { message, duplicate } = await Catalog.insertCard(
        ports,
        c.get("staff"),
        conversationId,
        c.req.valid("json"),
      );
      return c.json({ message: toMessageInfo(message) }, duplicate ? 200 : 201);
    },
  );
}

const CardMessageParams = ConversationParams.extend({ seq: z.coerce.number().int().positive() });

/** The customer answers a card in the widget: presses a button or submits its form. On the customer router. */
export function customerCardRoutes(app: OpenAPIHono<AppEnv>, { ports }: Runtime) {
  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/messages/{seq}/answer",
      tags: ["customer"],
      ...signedIn,
      summary: "Answer the card sent as message `seq`: a button's id in `choice`, or the form in `fields`",
      description:
        "A button not on the card is refused with `400 invalid_choice`; answers that do not fit the form with `400 invalid_form`.",
      request: { params: CardMessageParams, ...body(Catalog.CardAnswerInput) },
      responses: {
        201: json(Sent),
        200: json(Sent, "Already stored with this client message id"),
        ...errors(400, 401, 404, 409),
      },
    }),
    async (c) => {
      const { conversationId, seq } = c.req.valid("param");
      const { message, duplicate } = await Catalog.answerCard(
        ports,
        c.get("customer"),
        conversationId,
        seq,
        c.req.valid("json"),
      );
      return c.json({ message: toMessageInfo(message) }, duplicate ? 200 : 201);
    },
  );
}
