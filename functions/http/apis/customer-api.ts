import type { MountApi } from "../app.js";
import { customerRoutes } from "../routes/customer.js";

/** What customers reach from the widget and "Mi cuenta": their cases, files, approvals and queries. */
export const mountCustomerApi: MountApi = (app, runtime, options) => {
  app.route("/api/customer", customerRoutes(runtime, options.clientIp));
};
