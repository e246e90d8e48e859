import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import * as Query from "../../../shared/query/index.js";
import { consumeRateLimit } from "../../../shared/rate-limit/consume-rate-limit.js";
import { logger } from "../../observability.js";
import type { Runtime } from "../../ports.js";
import type { AppEnv } from "../auth.js";
import { body, errors, json, signedIn } from "../schemas.js";

const tags = ["customer"];

/**
 * "Mi cuenta" (seed 002): the customer sends queries and complaints to the back office and
 * follows them. Mounted among the customer's routes, behind his session.
 */
export function addCustomerQueries(
  app: OpenAPIHono<AppEnv>,
  runtime: Runtime,
  clientIp: (c: Context) => string | undefined,
) {
  const { ports } = runtime;

  app.openapi(
    createRoute({
      method: "post",
      path: "/queries",
      tags,
      ...signedIn,
      summary: "Send a query or complaint to the back office",
      request: body(Query.SubmitQueryInput),
      responses: {
        201: json(z.object({ query: Query.QueryInfo })),
        200: json(z.object({ query: Query.QueryInfo }), "Already sent with this client request id"),
        ...errors(400, 401, 429),
      },
    }),
    async (c) => {
      const customer = c.get("customer");
      const address = clientIp(c);
      // By person and by address: anonymous sessions are cheap to open, addresses are not.
      await consumeRateLimit(ports, Query.QUERY_SUBMIT_LIMIT, `${customer.tenantId}#${customer.customerId}`);
      if (address) await consumeRateLimit(ports, Query.QUERY_SUBMIT_LIMIT, address);
      const { query, duplicate, profileRecorded } = await Query.submitQuery(
        ports,
        customer,
        c.req.valid("json"),
      );
      if (!profileRecorded)
        logger.warn("A query's contact details could not be copied to the customer's profile", {
          tenantId: customer.tenantId,
          customerId: customer.customerId,
          recordId: query.queryId,
        });
      return c.json({ query }, duplicate ? 200 : 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/queries",
      tags,
      ...signedIn,
      summary: `The customer's own queries, newest first (the latest ${Query.MY_QUERIES_LIMIT})`,
      responses: { 200: json(z.object({ queries: z.array(Query.QueryInfo) })), ...errors(401) },
    }),
    async (c) => c.json({ queries: await Query.listMyQueries(ports, c.get("customer")) }, 200),
  );
}
