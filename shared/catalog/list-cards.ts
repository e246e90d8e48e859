import { z } from "zod";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { type CatalogCard, type CatalogCardItem, fold, toCatalogCard } from "./card.js";

export const CardSearchQuery = z.object({
  q: z.string().trim().max(100).default(""),
  topic: z.string().trim().max(60).optional(),
});
export type CardSearchQuery = z.input<typeof CardSearchQuery>;

/** At most a few hundred cards a tenant: one query reads them all (ACCESS_PATTERNS 80). */
async function allCards(ports: Pick<Ports, "db">, tenantId: string): Promise<CatalogCardItem[]> {
  const { data } = await ports.db.catalogCard.query.byTenant({ tenantId }).go({ pages: "all" });
  return data;
}

const byTopicThenTitle = (a: CatalogCard, b: CatalogCard) =>
  a.topic.localeCompare(b.topic, "es") || a.title.localeCompare(b.title, "es");

/** Every card of the tenant, archived ones too, by topic and title: the admin's catalog. */
export async function listCards(ports: Pick<Ports, "db">, admin: StaffIdentity) {
  return (await allCards(ports, admin.tenantId)).map(toCatalogCard).sort(byTopicThenTitle);
}

/**
 * The agent's search: active cards of the topic (if one is given) with every word of `q` in
 * their title, body, topic or tags, ignoring case and accents.
 */
export async function searchCards(ports: Pick<Ports, "db">, staff: StaffIdentity, query: CardSearchQuery) {
  const { q, topic } = CardSearchQuery.parse(query);
  const words = fold(q).split(/\s+/).filter(Boolean);
  const wantedTopic = topic ? fold(topic) : undefined;
  return (await allCards(ports, staff.tenantId))
    .filter((card) => card.state === "active")
    .filter((card) => wantedTopic === undefined || fold(card.topic) === wantedTopic)
    .filter((card) => {
      const haystack = fold([card.title, card.body, card.topic, ...card.tags].join(" "));
      return words.every((word) => haystack.includes(word));
    })
    .map(toCatalogCard)
    .sort(byTopicThenTitle);
}
