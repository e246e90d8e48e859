import { busTarget } from "./bus-target.js";
import { consume } from "./outgoing-messages.js";

export const handler = await busTarget(consume);
