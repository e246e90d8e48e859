import type { MountApi } from "../app.js";
import { agentRoutes } from "../routes/agent.js";
import { authRoutes } from "../routes/auth.js";
import { careRoutes } from "../routes/care.js";

/** The console's sign-in, its cases and its back office ("Atención al cliente"). */
export const mountStaffApi: MountApi = (app, runtime, options) => {
  app.route("/api/auth", authRoutes(runtime, options.clientIp));
  app.route("/api/agent", agentRoutes(runtime));
  app.route("/api/care", careRoutes(runtime));
};
