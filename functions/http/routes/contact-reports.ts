import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import * as Reports from "../../../shared/script-reports/index.js";
import type { Runtime } from "../../ports.js";
import { requireStaff } from "../auth.js";
import { newRouter } from "../router.js";
import { errors, json, signedIn } from "../schemas.js";

const tags = ["agent"];
const description = `Supervisors and admins only (agents get 403). Days are counted on the tenant's clock (the time zone of its business hours); a reversed range is 400 \`invalid_date_range\`, more than ${Reports.MAX_REPORT_DAYS} days 400 \`invalid_request\` (\`range_too_long\`). A period with more than ${Reports.MAX_REPORT_CONTACTS} closed contacts reports the first ones and says \`cut\`.`;

const CutHeader = {
  "X-Export-Truncated": {
    description: `"true" when the period held more than ${Reports.MAX_REPORT_CONTACTS} closed contacts and only the first are in the file`,
    schema: { type: "string" as const },
  },
};

/**
 * The supervisor's reports on why customers call (issue 7): the figures as JSON for the
 * console's charts, the contacts as CSV and the report as a PDF. Supervisors and admins; mounted
 * at `/api/agent/reports`.
 */
export function contactReportRoutes(runtime: Runtime) {
  const { ports } = runtime;
  const app = newRouter();
  app.use(requireStaff(runtime, ["supervisor", "admin"]));
  app.openapi(
    createRoute({
      method: "get",
      path: "/contacts",
      tags,
      ...signedIn,
      summary:
        "Why customers called in a period: closed guided contacts by tipo, motivo, escenario, solution, exit tag, day and agent; times per procedure and step; where agents left procedures",
      description,
      request: { query: Reports.ContactReportQuery },
      responses: { 200: json(Reports.ContactReport), ...errors(400, 401, 403) },
    }),
    async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await Reports.contactReport(ports, c.get("staff"), c.req.valid("query")), 200);
    },
  );

  const files = {
    csv: { summary: "The period's closed guided contacts as CSV, one row each", type: "text/csv" },
    pdf: { summary: "The period's report on why customers called, as a PDF", type: "application/pdf" },
  } as const;
  for (const format of ["csv", "pdf"] as const) {
    const { summary, type } = files[format];
    app.openapi(
      createRoute({
        method: "get",
        path: `/contacts.${format}`,
        tags,
        ...signedIn,
        summary,
        description,
        request: { query: Reports.ContactReportQuery },
        responses: {
          200: {
            description: "The file, as an attachment",
            headers: CutHeader,
            content: {
              [type]: { schema: z.string().meta({ format: format === "pdf" ? "binary" : "text" }) },
            },
          },
          ...errors(400, 401, 403),
        },
      }),
      async (c) => {
        const staff = c.get("staff");
        const query = c.req.valid("query");
        const { filename, body, cut } =
          format === "csv"
            ? await Reports.exportContactsCsv(ports, staff, query)
            : await Reports.exportContactsPdf(ports, staff, query);
        c.header("Content-Type", format === "csv" ? "text/csv; charset=utf-8" : type);
        c.header("Content-Disposition", `attachment; filename="${filename}"`);
        c.header("Cache-Control", "no-store");
        if (cut) c.header("X-Export-Truncated", "true");
        return c.body(body, 200);
      },
    );
  }
  return app;
}
