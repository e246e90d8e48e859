import { busTarget } from "./bus-target.js";
import { consume } from "./conversation-metrics.js";

export const handler = await busTarget(consume);
