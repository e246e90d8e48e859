import type { EntityItem } from "electrodb";
import { z } from "zod";
import { AttachmentClaim } from "../attachment/index.js";
import {
  CARD_BUTTON_TITLE_MAX,
  CARD_BUTTONS_MAX,
  CARD_FORM_FIELDS_MAX,
  CardFormField,
  CardLink,
} from "../channels/card-content.js";
import type { Db } from "../data/db.js";
import { ConflictError, NotFoundError } from "../errors.js";
import type { Ports } from "../ports.js";

export type CatalogCardItem = EntityItem<Db["catalogCard"]>;

/** The card's image: a file an admin uploaded and the magic-byte check passed. */
export const CardImage = z.object({
  attachmentId: z.string(),
  key: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int().positive(),
});
export type CardImage = z.infer<typeof CardImage>;

const CardButtonInput = z.object({ title: z.string().trim().min(1).max(CARD_BUTTON_TITLE_MAX) });

/** What an admin writes on a card. */
export const CardFields = z.object({
  topic: z.string().trim().min(1).max(60),
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().max(900).default(""),
  /** An upload of the admin (`POST /api/admin/catalog/uploads`), or the card's current image kept. */
  image: AttachmentClaim.optional(),
  buttons: z
    .array(CardButtonInput)
    .max(CARD_BUTTONS_MAX)
    .refine((buttons) => new Set(buttons.map((button) => button.title)).size === buttons.length, {
      message: "Two buttons cannot say the same",
    })
    .default([]),
  links: z.array(CardLink).max(5).default([]),
  form: z
    .array(CardFormField)
    .max(CARD_FORM_FIELDS_MAX)
    .refine((fields) => new Set(fields.map((field) => field.name)).size === fields.length, {
      message: "Two form fields cannot have the same name",
    })
    .default([]),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  language: z.enum(["es", "en"]).default("es"),
});
export type CardFields = z.input<typeof CardFields>;

export const CatalogCard = z.object({
  cardId: z.string(),
  state: z.enum(["active", "archived"]),
  revision: z.number().int().positive(),
  topic: z.string(),
  title: z.string(),
  body: z.string(),
  image: CardImage.omit({ key: true }).optional(),
  buttons: z.array(z.object({ id: z.string(), title: z.string() })),
  links: z.array(CardLink),
  form: z.array(CardFormField),
  tags: z.array(z.string()),
  language: z.enum(["es", "en"]),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type CatalogCard = z.infer<typeof CatalogCard>;

/** What is stored is shown without the file's key: files are reached only through a link. */
export function toCatalogCard(item: CatalogCardItem): CatalogCard {
  const image = item.image ? CardImage.parse(item.image) : undefined;
  return CatalogCard.parse({
    ...item,
    image: image && { ...image, key: undefined },
    buttons: item.buttons ?? [],
    links: item.links ?? [],
    form: item.form ?? [],
  });
}

/** Buttons get their ids from their place on the card: the customer's press names the button it was. */
export function buttonsWithIds(buttons: readonly { title: string }[]) {
  return buttons.map((button, index) => ({ id: `b${index + 1}`, title: button.title }));
}

export async function getCardItem(ports: Pick<Ports, "db">, tenantId: string, cardId: string) {
  const { data } = await ports.db.catalogCard.get({ tenantId, cardId }).go();
  if (!data) throw new NotFoundError("card");
  return data;
}

export class StaleCardError extends ConflictError {
  constructor(currentRevision: number) {
    super("stale_card", "Someone saved the card since you loaded it; load it again", { currentRevision });
  }
}

/** Case- and accent-insensitive, so "cajeros" finds "Cajeros" and "comision" finds "comisión". */
export function fold(text: string) {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLocaleLowerCase("es");
}
