import { busTarget } from "./bus-target.js";
import { consume } from "./chatbot-replies.js";

export const handler = await busTarget(consume);
