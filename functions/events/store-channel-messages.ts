import { busTarget } from "./bus-target.js";
import { consume } from "./channel-messages.js";

export const handler = await busTarget(consume);
