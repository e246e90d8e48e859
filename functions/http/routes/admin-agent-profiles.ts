import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import {
  AgentProfile,
  AgentProfileInput,
  listAgentProfiles,
  profileChoices,
  saveAgentProfile,
} from "../../../shared/scripts/agent-profiles.js";
import type { Runtime } from "../../ports.js";
import { requireStaff } from "../auth.js";
import { newRouter } from "../router.js";
import { body, errors, json, signedIn } from "../schemas.js";

const tags = ["admin"];
const TipoChoice = z.object({ id: z.string(), name: z.string() });
const StaffParams = z.object({ staffId: z.string().min(1).max(80) });

/** The admin's Kardex profiles (issue 7): which tipos of the script tree each agent attends. */
export function adminAgentProfileRoutes(runtime: Runtime) {
  const { ports } = runtime;
  const app = newRouter();
  app.use(requireStaff(runtime, ["admin"]));

  app.openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      ...signedIn,
      summary: "The tenant's agents with the tipos each attends (none: every tipo)",
      description: "`tipos` are the published script tree's, to choose from; absent while none is published.",
      responses: {
        200: json(z.object({ agents: z.array(AgentProfile), tipos: z.array(TipoChoice).optional() })),
        ...errors(401, 403),
      },
    }),
    async (c) => {
      const staff = c.get("staff");
      const [agents, tipos] = await Promise.all([
        listAgentProfiles(ports, staff),
        profileChoices(ports, staff.tenantId),
      ]);
      return c.json({ agents, ...(tipos && { tipos }) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/{staffId}",
      tags,
      ...signedIn,
      summary: "Set the tipos an agent attends; an empty list lets him attend every tipo",
      description:
        "With a published script tree, a tipo it does not have is refused with `400 unknown_tipo`; a staff id that is not one of the tenant's agents is `404 agent_not_found`.",
      request: { params: StaffParams, ...body(AgentProfileInput) },
      responses: { 200: json(AgentProfile), ...errors(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await saveAgentProfile(ports, c.get("staff"), c.req.valid("param").staffId, c.req.valid("json")),
        200,
      ),
  );
  return app;
}
