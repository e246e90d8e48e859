import type { DomainEvent } from "../../events/catalog.js";
import { recordChat } from "../../shared/care/record-chat.js";
import type { Ports } from "../../shared/ports.js";

/** Any change of a web or WhatsApp conversation brings its Chats record up to date (see events/rules.ts). */
export async function consume(ports: Ports, event: DomainEvent) {
  if ("conversationId" in event.data) await recordChat(ports, event.tenantId, event.data.conversationId);
}
