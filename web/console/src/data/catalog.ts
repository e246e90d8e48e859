import type { CardFields, CatalogCard } from "../../../../shared/catalog/card.js";
import type { CardContent, CardFormField } from "../../../../shared/channels/card-content.js";

export type { CardContent, CardFormField, CatalogCard };

/** What the admin's editor saves: the card's fields, with its image as an upload claim. */
export type CardDraft = CardFields;

/** The catalog's limits, as the server checks them (`shared/channels/card-content.ts`). */
export const CARD_BUTTONS_MAX = 3;
export const CARD_BUTTON_TITLE_MAX = 20;
export const CARD_FORM_FIELDS_MAX = 5;
export const CARD_LINKS_MAX = 5;
export const CARD_IMAGE_TYPES = ["image/png", "image/jpeg"];
export const CARD_IMAGE_MAX_BYTES = 5 * 1024 * 1024;

/** The words the console shows of a card in a list: its topic and title. */
export const cardLabel = (card: Pick<CatalogCard, "topic" | "title">) => `${card.topic} · ${card.title}`;
