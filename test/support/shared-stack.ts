import type { Config } from "../../functions/config.js";
import type { LocalCloud } from "../../infra/local/local-cloud.js";

/** What the global setup hands to test files: only plain data crosses into the workers. */
export type SharedStack = { url: string; config: Omit<Config, "sessionSecret"> & { sessionSecret: string } };

export function toSharedStack(cloud: LocalCloud): SharedStack {
  return {
    url: cloud.url,
    config: { ...cloud.config, sessionSecret: new TextDecoder().decode(cloud.config.sessionSecret) },
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    stack: SharedStack;
  }
}
