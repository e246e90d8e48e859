import { z } from "zod";
import type { Identity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { toConversationInfo, toMessageInfo } from "./info.js";
import { loadConversation } from "./load-conversation.js";

export const ReadMessagesQuery = z.object({
  /** Only messages after this sequence number (to catch up). */
  after: z.coerce.number().int().nonnegative().optional(),
  /** Only messages before this sequence number (to scroll back). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReadMessagesQuery = z.input<typeof ReadMessagesQuery>;

/** A conversation with a page of its messages in order; without bounds, the latest page. */
export async function readConversation(
  ports: Pick<Ports, "db">,
  viewer: Identity,
  conversationId: string,
  query: ReadMessagesQuery,
) {
  const { after, before, limit } = ReadMessagesQuery.parse(query);
  const conversation = await loadConversation(ports, viewer, conversationId);
  const key = { tenantId: viewer.tenantId, conversationId: conversation.conversationId };
  const messages =
    after !== undefined
      ? await ports.db.message.query.byConversation(key).gt({ seq: after }).go({ order: "asc", limit })
      : await ports.db.message.query
          .byConversation(key)
          .lt({ seq: before ?? conversation.messageSeq + 1 })
          .go({ order: "desc", limit });
  const items = after !== undefined ? messages.data : messages.data.reverse();
  return {
    conversation: toConversationInfo(conversation, viewer.kind === "customer" ? "customer" : "staff"),
    messages: items.map(toMessageInfo),
  };
}
