import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { listQueues, Queue, QueueList, saveQueues } from "../../../shared/queue/index.js";
import type { Runtime } from "../../ports.js";
import { requireStaff } from "../auth.js";
import { newRouter } from "../router.js";
import { body, errors, json, signedIn } from "../schemas.js";

const tags = ["admin"];
const Queues = json(z.object({ queues: z.array(Queue) }));

/** The admin's departments (issue 6): the queues agents transfer cases to. */
export function adminQueueRoutes(runtime: Runtime) {
  const { ports } = runtime;
  const app = newRouter();
  app.use(requireStaff(runtime, ["admin"]));

  app.openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      ...signedIn,
      summary: "The tenant's departments",
      responses: { 200: Queues, ...errors(401, 403) },
    }),
    async (c) => c.json({ queues: await listQueues(ports, c.get("staff").tenantId) }, 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/",
      tags,
      ...signedIn,
      summary: "Replace the tenant's departments (`general` always among them)",
      request: body(QueueList),
      responses: { 200: Queues, ...errors(400, 401, 403) },
    }),
    async (c) => c.json({ queues: await saveQueues(ports, c.get("staff"), c.req.valid("json")) }, 200),
  );
  return app;
}
