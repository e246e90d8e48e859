import { z } from "zod";
import type { CustomerIdentity, StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";

export const SearchQuery = z.object({ q: z.string().trim().min(1).max(200) });

/** Case- and accent-insensitive, so "tarjeta" finds "Tarjeta" and "credito" finds "crédito". */
function fold(text: string) {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLocaleLowerCase("es");
}

/**
 * Everything ever exchanged with one customer that contains the words searched, newest first.
 * The query is plain text: every word must appear; nothing in it is an operator.
 */
export async function searchCustomerHistory(
  ports: Pick<Ports, "db">,
  viewer: CustomerIdentity | StaffIdentity,
  customerId: string,
  query: z.input<typeof SearchQuery>,
) {
  const words = fold(SearchQuery.parse(query).q).split(/\s+/).filter(Boolean);
  const { data } = await ports.db.message.query
    .byCustomer({ tenantId: viewer.tenantId, customerId })
    .go({ order: "desc", pages: "all" });
  return data
    .filter((message) => {
      const haystack = fold([message.text, ...message.attachments.map((a) => a.name)].join(" "));
      return words.every((word) => haystack.includes(word));
    })
    .slice(0, 100)
    .map(({ conversationId, seq, messageId, author, authorName, text, attachments, createdAt }) => ({
      conversationId,
      seq,
      messageId,
      author,
      authorName,
      text,
      attachmentNames: attachments.map((a) => a.name),
      createdAt,
    }));
}
