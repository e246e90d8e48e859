import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import * as CaseRating from "../../../shared/rating/index.js";
import type { Runtime } from "../../ports.js";
import type { newRouter } from "../router.js";
import { body, ConversationParams, errors, json, signedIn } from "../schemas.js";

/** The customer rates his finalized case (issue 6). On the customer router, behind its session check. */
export function caseRatingRoutes(app: ReturnType<typeof newRouter>, { ports }: Runtime) {
  app.openapi(
    createRoute({
      method: "post",
      path: "/conversations/{conversationId}/rating",
      tags: ["customer"],
      ...signedIn,
      summary: "Rate a finalized case from 1 to 5, with an optional comment",
      description:
        "Once per case: the same rating sent again is answered as stored, a different one is `409 already_rated`; a case not finalized yet is `409 conversation_not_closed`.",
      request: { params: ConversationParams, ...body(CaseRating.RatingInput) },
      responses: {
        200: json(z.object({ rating: CaseRating.Rating })),
        ...errors(400, 401, 404, 409),
      },
    }),
    async (c) => {
      const { conversationId } = c.req.valid("param");
      const rating = await CaseRating.rateCase(ports, c.get("customer"), conversationId, c.req.valid("json"));
      return c.json({ rating }, 200);
    },
  );
}
