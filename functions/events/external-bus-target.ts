import middy from "@middy/core";
import { configFromLambdaEnv } from "../config.js";
import { createRuntime } from "../ports.js";
import type { ConsumeExternal, ExternalEvent } from "./consumers.js";

/** A consumer of another service's events as a Lambda, fed by its EventBridge rule; a failure throws, to be retried. */
export async function externalBusTarget(consume: ConsumeExternal) {
  const runtime = createRuntime(await configFromLambdaEnv());
  return middy(async (event: ExternalEvent) => {
    await consume(runtime.ports, event);
  });
}
