import { configFromLambdaEnv } from "../config.js";
import { createRuntime } from "../ports.js";
import { createSocketHandlers } from "./socket-handlers.js";

const handlers = createSocketHandlers(createRuntime(await configFromLambdaEnv()));

/** REQUEST authorizer of `$connect`. */
export const handler = handlers.authorize;
