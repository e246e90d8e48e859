import middy from "@middy/core";
import type { EventBridgeEvent } from "aws-lambda";
import { parseEvent } from "../../events/catalog.js";
import { configFromLambdaEnv } from "../config.js";
import { createRuntime } from "../ports.js";
import { consume } from "./conversation-metrics.js";

const runtime = createRuntime(await configFromLambdaEnv());

/** EventBridge target: the event's detail is the domain event envelope. */
export const handler = middy(async (event: EventBridgeEvent<string, unknown>) => {
  await consume(runtime.ports, parseEvent(event.detail));
});
