import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import * as Care from "../../../shared/care/index.js";
import type { Runtime } from "../../ports.js";
import type { newRouter } from "../router.js";
import { errors, signedIn } from "../schemas.js";

const CutHeader = {
  "X-Export-Truncated": {
    description: `"true" when the filters matched more rows than an export holds (${Care.EXPORT_CAPS.tsv} as text, ${Care.EXPORT_CAPS.pdf} in a PDF)`,
    schema: { type: "string" as const },
  },
};

/**
 * Copy and Print of a tab (seed 002): the same filters as the list, every page of it up to
 * EXPORT_CAPS rows, as tab-separated text or a PDF file. Registered on the care router, behind
 * its staff check.
 */
export function careExportRoutes(app: ReturnType<typeof newRouter>, { ports }: Runtime) {
  app.openapi(
    createRoute({
      method: "get",
      path: "/records/export",
      tags: ["care"],
      ...signedIn,
      summary: "A tab as filtered, as tab-separated text (Copy) or a PDF of the table (Print)",
      request: { query: Care.ExportQuery },
      responses: {
        200: {
          description: "The file, as an attachment",
          headers: CutHeader,
          content: {
            "text/tab-separated-values": { schema: z.string() },
            "application/pdf": { schema: z.string().meta({ format: "binary" }) },
          },
        },
        ...errors(400, 401, 403),
      },
    }),
    async (c) => {
      const { filename, contentType, body, cut } = await Care.exportRecords(
        ports,
        c.get("staff"),
        c.req.valid("query"),
      );
      c.header("Content-Type", contentType);
      c.header("Content-Disposition", `attachment; filename="${filename}"`);
      // Staff data: never kept by a browser or a shared cache.
      c.header("Cache-Control", "no-store");
      if (cut) c.header("X-Export-Truncated", "true");
      return c.body(body, 200);
    },
  );
}
