import type { MountApi } from "../app.js";
import { contactReportRoutes } from "../routes/contact-reports.js";
import { guidedContactRoutes } from "../routes/guided-contacts.js";

/**
 * The guided scripts on the console's side (issue 7): the agent's guided contacts and the
 * supervisor's reports on why customers call. Its own Lambda, beside the console's: API
 * Gateway sends these more specific prefixes here.
 */
export const mountScriptsApi: MountApi = (app, runtime) => {
  app.route("/api/agent/guided", guidedContactRoutes(runtime));
  app.route("/api/agent/reports", contactReportRoutes(runtime));
};
