import { z } from "zod";

/**
 * A card of the material catalog (`shared/catalog/`) as it travels in a message (issue 6): its
 * words, its image (the message's attachment, served by the attachment link), and what the
 * customer can press, open or fill in. Within WhatsApp's limits, so every channel can take it.
 */
export const CARD_BUTTONS_MAX = 3;
export const CARD_BUTTON_TITLE_MAX = 20;
export const CARD_FORM_FIELDS_MAX = 5;

export const CardButton = z.object({
  id: z.string().min(1).max(200),
  title: z.string().trim().min(1).max(CARD_BUTTON_TITLE_MAX),
});
export type CardButton = z.infer<typeof CardButton>;

export const CardLink = z.object({
  title: z.string().trim().min(1).max(80),
  url: z
    .url({ protocol: /^https$/ })
    .max(2000)
    .describe("https only: a customer's link must not be open to tampering"),
});
export type CardLink = z.infer<typeof CardLink>;

export const CardFormField = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "field names are lowercase letters, digits and '_'"),
    label: z.string().trim().min(1).max(60),
    type: z.enum(["text", "number", "date", "select"]),
    options: z.array(z.string().trim().min(1).max(60)).min(1).max(10).optional(),
    required: z.boolean().default(true),
  })
  .refine((field) => (field.type === "select") === (field.options !== undefined), {
    message: "A select field needs options, and only a select field has them",
    path: ["options"],
  });
export type CardFormField = z.infer<typeof CardFormField>;

export const CardImageRef = z.object({
  attachmentId: z.string(),
  name: z.string(),
  contentType: z.string(),
});

export const CardContent = z.object({
  kind: z.literal("card"),
  cardId: z.string(),
  title: z.string(),
  body: z.string(),
  image: CardImageRef.optional(),
  buttons: z.array(CardButton).max(CARD_BUTTONS_MAX).optional(),
  links: z.array(CardLink).optional(),
  form: z.array(CardFormField).max(CARD_FORM_FIELDS_MAX).optional(),
});
export type CardContent = z.infer<typeof CardContent>;

/**
 * The words of a card as one plain text: what the message's `text` holds (previews, search,
 * e-mail), and the caption or body a channel that cannot draw the card shows.
 */
export function cardText(card: Pick<CardContent, "title" | "body" | "links" | "form">): string {
  const links = (card.links ?? []).map((link) => `${link.title}: ${link.url}`);
  const form = card.form?.length
    ? [["Responda con:", ...card.form.map((field) => `- ${field.label}${optionsOf(field)}`)].join("\n")]
    : [];
  return [card.title, card.body, links.join("\n"), ...form].filter((part) => part.trim()).join("\n\n");
}

function optionsOf(field: CardFormField) {
  return field.options ? ` (${field.options.join(" / ")})` : "";
}
