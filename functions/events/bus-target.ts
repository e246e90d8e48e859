import middy from "@middy/core";
import type { EventBridgeEvent } from "aws-lambda";
import { parseEvent } from "../../events/catalog.js";
import { configFromLambdaEnv } from "../config.js";
import { createRuntime } from "../ports.js";
import type { Consume } from "./consumers.js";

/** A bus consumer as an EventBridge target Lambda: the event's detail is the domain event envelope. */
export async function busTarget(consume: Consume) {
  const runtime = createRuntime(await configFromLambdaEnv());
  return middy(async (event: EventBridgeEvent<string, unknown>) => {
    await consume(runtime.ports, parseEvent(event.detail));
  });
}
