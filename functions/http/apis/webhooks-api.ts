import type { MountApi } from "../app.js";
import { webhookRoutes } from "../routes/webhooks.js";

/** The channels' webhooks (WhatsApp, Messenger): answered fast, apart from everything else. */
export const mountWebhooksApi: MountApi = (app, runtime) => {
  app.route("/webhooks", webhookRoutes(runtime));
};
