import type { MountApi } from "../app.js";
import { mountAdminApi } from "./admin-api.js";
import { mountCustomerApi } from "./customer-api.js";
import { mountScriptsApi } from "./scripts-api.js";
import { mountStaffApi } from "./staff-api.js";
import { mountWebhooksApi } from "./webhooks-api.js";

/** Documents every route; in AWS it is written to the site at build time (`write-openapi.ts`). */
export const OPENAPI_INFO = {
  openapi: "3.1.0",
  info: {
    title: "Atiende API",
    version: "0.1.0",
    description:
      "Customer widget, agent console, administration and authentication. Errors are `{ error: { code, message, details? } }`.",
  },
};

/** Every part of the API in one app, with its OpenAPI document: the local server's. */
export const mountFullApi: MountApi = (app, runtime, options) => {
  mountCustomerApi(app, runtime, options);
  mountScriptsApi(app, runtime, options);
  mountStaffApi(app, runtime, options);
  mountAdminApi(app, runtime, options);
  mountWebhooksApi(app, runtime, options);
  app.doc31("/openapi.json", OPENAPI_INFO);
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
};
