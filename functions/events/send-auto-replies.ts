import { consume } from "./auto-replies.js";
import { busTarget } from "./bus-target.js";

export const handler = await busTarget(consume);
