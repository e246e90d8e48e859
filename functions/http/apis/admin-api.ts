import type { MountApi } from "../app.js";
import { adminAutoReplyRoutes } from "../routes/admin-auto-replies.js";
import { adminBotFlowRoutes } from "../routes/admin-bot-flows.js";
import { adminCatalogRoutes } from "../routes/admin-catalog.js";
import { adminQueueRoutes } from "../routes/admin-queues.js";

/** What admins change at any time: the chatbot, the catalog, automatic replies, queues. */
export const mountAdminApi: MountApi = (app, runtime) => {
  app.route("/api/admin/bot-flows", adminBotFlowRoutes(runtime));
  app.route("/api/admin/catalog", adminCatalogRoutes(runtime));
  app.route("/api/admin/auto-replies", adminAutoReplyRoutes(runtime));
  app.route("/api/admin/queues", adminQueueRoutes(runtime));
};
