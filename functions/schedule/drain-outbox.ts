import { drainOutbox } from "../../shared/channels/deliver-outgoing.js";
import { configFromLambdaEnv } from "../config.js";
import { createRuntime } from "../ports.js";

const runtime = createRuntime(await configFromLambdaEnv());

/** Every minute: the outgoing messages whose retry is due (a channel that was down and may be back). */
export const handler = async () => ({ sent: await drainOutbox(runtime.ports) });
