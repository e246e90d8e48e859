import { z } from "zod";
import type { CustomerIdentity, StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import type { MessageItem } from "./info.js";

/** What a customer looks for among what he was sent: a picture, a file, a link, something to press or fill in. */
export const SearchKind = z.enum(["images", "documents", "links", "interactive"]);
export type SearchKind = z.infer<typeof SearchKind>;

export const SearchQuery = z
  .object({
    q: z.string().trim().max(200).default(""),
    kind: SearchKind.optional(),
  })
  .refine((query) => query.q.length > 0 || query.kind !== undefined, {
    message: "Search for some words, or for a kind of thing",
    path: ["q"],
  });

/** Content that asks the customer to act: a card, buttons, a list, a form, a document or an approval to give. */
const INTERACTIVE = new Set(["card", "buttons", "list", "form", "document_request", "approval_request"]);
const LINK = /\bhttps?:\/\/\S/i;

/** Case- and accent-insensitive, so "tarjeta" finds "Tarjeta" and "credito" finds "crédito". */
function fold(text: string) {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLocaleLowerCase("es");
}

/** The words a structured message shows besides its text: a card's title and body, a request's title. */
function contentWords(content: unknown): string[] {
  if (typeof content !== "object" || content === null) return [];
  const fields = content as Record<string, unknown>;
  return ["title", "body", "description"].flatMap((field) =>
    typeof fields[field] === "string" ? [fields[field]] : [],
  );
}

function contentKind(message: MessageItem) {
  const { content } = message;
  return typeof content === "object" && content !== null && "kind" in content
    ? String(content.kind)
    : undefined;
}

/** The kinds a message counts as, for the filters: one message can be a picture with a link. */
export function kindsOf(message: MessageItem): SearchKind[] {
  const kinds: SearchKind[] = [];
  const types = message.attachments.map((attachment) => attachment.contentType);
  if (types.some((type) => type.startsWith("image/"))) kinds.push("images");
  if (types.some((type) => !type.startsWith("image/"))) kinds.push("documents");
  const links = (message.content as { links?: unknown[] } | undefined)?.links;
  if (LINK.test(message.text) || (Array.isArray(links) && links.length > 0)) kinds.push("links");
  if (INTERACTIVE.has(contentKind(message) ?? "")) kinds.push("interactive");
  return kinds;
}

/**
 * Everything ever exchanged with one customer that contains the words searched, of the kind
 * asked for, newest first. The query is plain text: every word must appear; nothing in it is an
 * operator.
 */
export async function searchCustomerHistory(
  ports: Pick<Ports, "db">,
  viewer: CustomerIdentity | StaffIdentity,
  customerId: string,
  query: z.input<typeof SearchQuery>,
) {
  const { q, kind } = SearchQuery.parse(query);
  const words = fold(q).split(/\s+/).filter(Boolean);
  const { data } = await ports.db.message.query
    .byCustomer({ tenantId: viewer.tenantId, customerId })
    .go({ order: "desc", pages: "all" });
  return data
    .map((message) => ({ message, kinds: kindsOf(message) }))
    .filter(({ message, kinds }) => {
      if (kind && !kinds.includes(kind)) return false;
      const haystack = fold(
        [message.text, ...contentWords(message.content), ...message.attachments.map((a) => a.name)].join(" "),
      );
      return words.every((word) => haystack.includes(word));
    })
    .slice(0, 100)
    .map(({ message, kinds }) => {
      const { conversationId, seq, messageId, author, authorName, text, attachments, createdAt } = message;
      return {
        conversationId,
        seq,
        messageId,
        author,
        authorName,
        text,
        attachmentNames: attachments.map((a) => a.name),
        kinds,
        createdAt,
      };
    });
}
