import middy from "@middy/core";
import type { CloudWatchLogsEvent } from "aws-lambda";
import { configFromLambdaEnv } from "../config.js";
import { createRuntime } from "../ports.js";
import { consume } from "./lex-conversation-logs.js";

const runtime = createRuntime(await configFromLambdaEnv());

/** The IVR bot's conversation logs, from their log group's subscription filter (infra/aws/stacks/service-stack.ts). */
export const handler = middy((event: CloudWatchLogsEvent) => consume(runtime.ports, event));
