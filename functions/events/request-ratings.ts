import { busTarget } from "./bus-target.js";
import { consume } from "./rating-requests.js";

export const handler = await busTarget(consume);
