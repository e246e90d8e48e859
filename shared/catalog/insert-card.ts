import { z } from "zod";
import type { Attachment } from "../attachment/index.js";
import { type CardContent, cardText } from "../channels/card-content.js";
import type { ChannelDetails } from "../conversation/append-message.js";
import { ClientMessageId } from "../conversation/info.js";
import { loadConversation } from "../conversation/load-conversation.js";
import { appendAsAgent, emailDetails } from "../conversation/post-agent-message.js";
import { NotFoundError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { CardImage, type CatalogCardItem, getCardItem, toCatalogCard } from "./card.js";

export const InsertCardInput = z.object({
  cardId: z.string().min(1).max(80),
  clientMessageId: ClientMessageId,
});
export type InsertCardInput = z.input<typeof InsertCardInput>;

/** The card as it travels in a message: a copy, so editing the catalog later leaves sent cards as sent. */
function cardContent(item: CatalogCardItem, image: CardImage | undefined): CardContent {
  const card = toCatalogCard(item);
  return {
    kind: "card",
    cardId: card.cardId,
    title: card.title,
    body: card.body,
    ...(image && {
      image: { attachmentId: image.attachmentId, name: image.name, contentType: image.contentType },
    }),
    ...(card.buttons.length > 0 && { buttons: card.buttons }),
    ...(card.links.length > 0 && { links: card.links }),
    ...(card.form.length > 0 && { form: card.form }),
  };
}

/**
 * The agent on a case sends a card of the catalog. Its image travels as the message's
 * attachment, so the attachment link serves it and the outbox sends it as the channel's media.
 * An e-mail carries the card's words, links and image as a plain e-mail.
 */
export async function insertCard(
  ports: Ports,
  staff: StaffIdentity,
  conversationId: string,
  input: InsertCardInput,
) {
  const { cardId, clientMessageId } = InsertCardInput.parse(input);
  const [conversation, item] = await Promise.all([
    loadConversation(ports, staff, conversationId),
    getCardItem(ports, staff.tenantId, cardId),
  ]);
  if (item.state !== "active") throw new NotFoundError("card");
  const image = item.image ? CardImage.parse(item.image) : undefined;
  const content = cardContent(item, image);
  const details: ChannelDetails =
    conversation.channel === "email" ? await emailDetails(ports, conversation, {}) : { content };
  const attachments: Attachment[] = image ? [image] : [];
  return appendAsAgent(ports, staff, conversationId, {
    clientMessageId,
    text: cardText(content),
    attachments,
    details,
  });
}
