import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import * as Care from "../../../shared/care/index.js";
import type { Runtime } from "../../ports.js";
import { requireStaff } from "../auth.js";
import { newRouter } from "../router.js";
import { errors, json, signedIn } from "../schemas.js";

const tags = ["care"];

/**
 * "Atención al cliente" (seed 002): the back office's calls, sales calls, chats, queries and
 * technical services. Every staff role reads it; the central office is here for the services.
 */
export function careRoutes(runtime: Runtime) {
  const { ports } = runtime;
  const app = newRouter();
  app.use(requireStaff(runtime, ["agent", "supervisor", "admin", "central_office"]));

  app.openapi(
    createRoute({
      method: "get",
      path: "/records",
      tags,
      ...signedIn,
      summary: "One page of a tab, filtered by status (open by default), dates and the customer's name or document",
      request: { query: Care.RecordQuery },
      responses: {
        200: json(
          z.object({
            records: z.array(Care.CareRecordInfo),
            nextCursor: z.string().optional().describe("Pass as `cursor` for the next page"),
          }),
        ),
        ...errors(400, 401, 403),
      },
    }),
    async (c) => c.json(await Care.listRecords(ports, c.get("staff"), c.req.valid("query")), 200),
  );

  return app;
}
