import type { DomainEvent } from "../../events/catalog.js";
import { answerCustomer } from "../../shared/chatbot/answer-customer.js";
import type { Ports } from "../../shared/ports.js";

/** The web chatbot answers each customer message of a chat it attends (see events/rules.ts). */
export async function consume(ports: Ports, event: DomainEvent) {
  if (event.name === "message.received") await answerCustomer(ports, event);
}
