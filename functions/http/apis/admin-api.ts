import type { MountApi } from "../app.js";
import { adminAgentProfileRoutes } from "../routes/admin-agent-profiles.js";
import { adminAutoReplyRoutes } from "../routes/admin-auto-replies.js";
import { adminBotFlowRoutes } from "../routes/admin-bot-flows.js";
import { adminCatalogRoutes } from "../routes/admin-catalog.js";
import { adminQueueRoutes } from "../routes/admin-queues.js";
import { adminScriptRoutes } from "../routes/admin-scripts.js";

/** What admins change at any time: the chatbot, the catalog, automatic replies, queues. */
export const mountAdminApi: MountApi = (app, runtime) => {
  app.route("/api/admin/bot-flows", adminBotFlowRoutes(runtime));
  app.route("/api/admin/catalog", adminCatalogRoutes(runtime));
  app.route("/api/admin/auto-replies", adminAutoReplyRoutes(runtime));
  app.route("/api/admin/queues", adminQueueRoutes(runtime));
  // Kardex profiles: which tipos each agent attends, read by routing (issue 7).
  app.route("/api/admin/agent-profiles", adminAgentProfileRoutes(runtime));
  // The guided scripts' tree (issue 7).
  app.route("/api/admin/scripts", adminScriptRoutes(runtime));
};
