import { busTarget } from "./bus-target.js";
import { consume } from "./chat-records.js";

export const handler = await busTarget(consume);
