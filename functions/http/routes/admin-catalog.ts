import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { RequestUploadInput } from "../../../shared/attachment/index.js";
import * as Catalog from "../../../shared/catalog/index.js";
import type { Runtime } from "../../ports.js";
import { requireStaff } from "../auth.js";
import { newRouter } from "../router.js";
import { body, errors, json, signedIn, UploadResponse } from "../schemas.js";

const tags = ["admin"];
const CardParams = z.object({ cardId: z.string().max(80) });
const One = z.object({ card: Catalog.CatalogCard });

/** The admin's catalog of interactive material (issue 6): cards the agents search and send into cases. */
export function adminCatalogRoutes(runtime: Runtime) {
  const { ports } = runtime;
  const app = newRouter();
  app.use(requireStaff(runtime, ["admin"]));

  app.openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      ...signedIn,
      summary: "Every card of the catalog, archived ones too, by topic and title",
      responses: { 200: json(z.object({ cards: z.array(Catalog.CatalogCard) })), ...errors(401, 403) },
    }),
    async (c) => c.json({ cards: await Catalog.listCards(ports, c.get("staff")) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      ...signedIn,
      summary: "Add a card; a retry with the same client request id returns the card it created",
      request: body(Catalog.CreateCardInput),
      responses: {
        201: json(One),
        200: json(One, "Already created with this client request id"),
        ...errors(400, 401, 403, 413, 415),
      },
    }),
    async (c) => {
      const { card, duplicate } = await Catalog.createCard(ports, c.get("staff"), c.req.valid("json"));
      return c.json({ card }, duplicate ? 200 : 201);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/{cardId}",
      tags,
      ...signedIn,
      summary: "Save a card over the revision it was loaded at",
      description: "A save over a revision someone else saved since is refused with `409 stale_card`.",
      request: { params: CardParams, ...body(Catalog.UpdateCardInput) },
      responses: { 200: json(One), ...errors(400, 401, 403, 404, 409, 413, 415) },
    }),
    async (c) => {
      const { cardId } = c.req.valid("param");
      return c.json(
        { card: await Catalog.updateCard(ports, c.get("staff"), cardId, c.req.valid("json")) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/{cardId}",
      tags,
      ...signedIn,
      summary: "Archive a card: agents no longer find it; cards already sent stay in their cases",
      request: { params: CardParams },
      responses: { 200: json(One), ...errors(401, 403, 404) },
    }),
    async (c) =>
      c.json({ card: await Catalog.archiveCard(ports, c.get("staff"), c.req.valid("param").cardId) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/uploads",
      tags,
      ...signedIn,
      summary: "A presigned upload for a card's image (PNG or JPEG)",
      request: body(RequestUploadInput),
      responses: { 201: json(UploadResponse), ...errors(400, 401, 403, 413, 415) },
    }),
    async (c) => c.json(await Catalog.requestCardUpload(ports, c.get("staff"), c.req.valid("json")), 201),
  );

  return app;
}
