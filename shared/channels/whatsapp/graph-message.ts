import { RATING_ROWS, ratingChoiceId } from "../../rating/rating-list.js";
import type { CardContent } from "../card-content.js";
import type { MessageContent } from "../inbound.js";
import { ChannelSendError, type OutgoingFile, type OutgoingMessage } from "../outbound.js";

const KB = 1024;
const MB = 1024 * KB;

/**
 * What the Cloud API plays or shows inline, and up to what size. Anything else (a GIF, a HEIC
 * photo, an image over 5 MB) still reaches the customer when sent as a document.
 */
const INLINE_MEDIA = [
  { type: "image", mimeTypes: ["image/jpeg", "image/png"], maxBytes: 5 * MB },
  { type: "sticker", mimeTypes: ["image/webp"], maxBytes: 500 * KB },
  { type: "video", mimeTypes: ["video/mp4", "video/3gpp"], maxBytes: 16 * MB },
  {
    type: "audio",
    mimeTypes: ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"],
    maxBytes: 16 * MB,
  },
] as const;

const MAX_BUTTONS = 3;
const BUTTON_TITLE_MAX = 20;
const LIST_BUTTON_MAX = 20;
const SECTION_TITLE_MAX = 24;
const ROW_TITLE_MAX = 24;
const ROW_DESCRIPTION_MAX = 72;
const MAX_LIST_ROWS = 10;
/** A caption and an interactive body both stop at 1024 characters. */
const CARD_TEXT_MAX = 1024;

/** The JSON body of `POST /{version}/{phone_number_id}/messages` for one outgoing message. */
export function toGraphMessage(message: OutgoingMessage): Record<string, unknown> {
  return {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to: message.to,
    ...(message.replyToExternalId && { context: { message_id: message.replyToExternalId } }),
    ...body(message),
  };
}

function body(message: OutgoingMessage): Record<string, unknown> {
  const { content, text, files } = message;
  if (files.length > 1) {
    throw new ChannelSendError(false, "too_many_files", "WhatsApp takes one file per message");
  }
  const file = files[0];
  if (file && content.kind !== "text" && content.kind !== "media" && content.kind !== "card") {
    throw new ChannelSendError(
      false,
      "files_not_allowed",
      `WhatsApp cannot attach a file to ${content.kind}`,
    );
  }
  switch (content.kind) {
    case "text":
    case "media":
    // A document request's words (title, note, how to answer) are its text.
    case "document_request":
      return file
        ? media(file, text)
        : { type: "text", text: { body: text, preview_url: /https?:\/\//i.test(text) } };
    // The approval's card becomes its words: the code it asks for comes on its own way.
    case "approval_request":
      return { type: "text", text: { body: text, preview_url: false } };
    case "rating_request":
      return interactive("list", text, ratingList(content.conversationId));
    case "card":
      return card(content, text, file);
    case "buttons":
      return interactive("button", text, { buttons: buttons(content) });
    case "list":
      return interactive("list", text, list(content));
    case "template":
      return { type: "template", template: template(content) };
    case "reaction":
      return { type: "reaction", reaction: { message_id: content.targetExternalId, emoji: content.emoji } };
    default:
      throw new ChannelSendError(false, "unsupported_content", `WhatsApp cannot send ${content.kind}`);
  }
}

function media(file: OutgoingFile, text: string): Record<string, unknown> {
  const mimeType = file.contentType.split(";")[0]!.trim().toLowerCase();
  const type =
    INLINE_MEDIA.find(
      (kind) => (kind.mimeTypes as readonly string[]).includes(mimeType) && file.size <= kind.maxBytes,
    )?.type ?? "document";
  // Audio and stickers show no caption; the Cloud API refuses one.
  const caption = text && type !== "audio" && type !== "sticker" ? text : undefined;
  const filename = type === "document" ? file.name : undefined;
  return { type, [type]: { link: file.url, caption, filename } };
}

function interactive(type: "button" | "list", text: string, action: Record<string, unknown>) {
  return { type: "interactive", interactive: { type, body: { text }, action } };
}

/**
 * A catalog card's nearest equivalent: with buttons, reply buttons under its image (as the
 * header) and its words; without, its image with its words as the caption, or its words alone.
 */
function card(content: CardContent, text: string, file: OutgoingFile | undefined): Record<string, unknown> {
  const words = clip(text, CARD_TEXT_MAX);
  if (content.buttons?.length) {
    const header = file && { header: { type: "image", image: { link: file.url } } };
    const action = { buttons: buttons({ buttons: content.buttons }) };
    return { type: "interactive", interactive: { type: "button", ...header, body: { text: words }, action } };
  }
  if (file) return media(file, words);
  return { type: "text", text: { body: text, preview_url: (content.links?.length ?? 0) > 0 } };
}

function buttons(content: Pick<Extract<MessageContent, { kind: "buttons" }>, "buttons">) {
  if (content.buttons.length > MAX_BUTTONS) {
    throw new ChannelSendError(false, "too_many_buttons", `WhatsApp shows at most ${MAX_BUTTONS} buttons`);
  }
  return content.buttons.map((button) => ({
    type: "reply",
    reply: { id: button.id, title: clip(button.title, BUTTON_TITLE_MAX) },
  }));
}

function list(content: Extract<MessageContent, { kind: "list" }>) {
  const rows = content.sections.reduce((count, section) => count + section.rows.length, 0);
  if (rows > MAX_LIST_ROWS) {
    throw new ChannelSendError(false, "list_too_long", `WhatsApp lists hold at most ${MAX_LIST_ROWS} rows`);
  }
  return {
    button: clip(content.buttonLabel, LIST_BUTTON_MAX),
    sections: content.sections.map((section) => ({
      title: section.title && clip(section.title, SECTION_TITLE_MAX),
      rows: section.rows.map((row) => ({
        id: row.id,
        title: clip(row.title, ROW_TITLE_MAX),
        description: row.description && clip(row.description, ROW_DESCRIPTION_MAX),
      })),
    })),
  };
}

/** Five scores do not fit WhatsApp's three reply buttons: the rating request opens a list of five rows. */
function ratingList(conversationId: string) {
  return {
    button: "Calificar",
    sections: [
      {
        title: "Tu calificación",
        rows: RATING_ROWS.map((row) => ({ id: ratingChoiceId(row.score, conversationId), title: row.title })),
      },
    ],
  };
}

function template(content: Extract<MessageContent, { kind: "template" }>) {
  const parameters = content.parameters.map((text) => ({ type: "text", text }));
  return {
    name: content.name,
    language: { code: content.language },
    ...(parameters.length > 0 && { components: [{ type: "body", parameters }] }),
  };
}

/** Cut by characters, not UTF-16 units, so an emoji at the limit is not split in half. */
function clip(text: string, max: number): string {
  const characters = Array.from(text);
  return characters.length > max ? characters.slice(0, max).join("") : text;
}
