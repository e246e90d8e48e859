import { consume } from "./connect-contact-events.js";
import { externalBusTarget } from "./external-bus-target.js";

export const handler = await externalBusTarget(consume);
