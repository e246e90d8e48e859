import { ChannelSendError, type OutgoingFile, type OutgoingMessage } from "../outbound.js";

/** Messenger's limits for a button's or a quick reply's title, and for how many go in one message. */
const TITLE_LIMIT = 20;
const BUTTON_LIMIT = 3;
const QUICK_REPLY_LIMIT = 13;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The bodies of `POST /{version}/me/messages` for one of our messages, in the order they go out:
 * the words first, then one per file (a Send API message holds text or one attachment, not both).
 */
export function toSendApiRequests(message: OutgoingMessage): Record<string, unknown>[] {
  const words = wordsOf(message);
  const said = words ? [words] : [];
  const files = message.files.map(attachmentOf);
  // A card shows its image first, so its quick replies are on the last message, where Messenger keeps them.
  const bodies = message.content.kind === "card" ? [...files, ...said] : [...said, ...files];
  if (bodies.length === 0)
    throw new ChannelSendError(false, "empty_message", "The message has no text and no file");
  const sendAs = message.humanAgentTag
    ? { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" }
    : { messaging_type: "RESPONSE" };
  return bodies.map((body) => ({ recipient: { id: message.to }, ...sendAs, message: body }));
}

/** The Send API body for a message that goes out in one request: words only, or one file only. */
export function toSendApiRequest(message: OutgoingMessage): Record<string, unknown> {
  const [only, ...more] = toSendApiRequests(message);
  if (!only || more.length > 0) {
    throw new RangeError(`The message goes out in ${more.length + 1} requests: use toSendApiRequests`);
  }
  return only;
}

function wordsOf({ text, content }: OutgoingMessage): Record<string, unknown> | undefined {
  switch (content.kind) {
    case "buttons":
      if (content.buttons.length > BUTTON_LIMIT) {
        throw new ChannelSendError(
          false,
          "too_many_buttons",
          `Messenger shows at most ${BUTTON_LIMIT} buttons`,
        );
      }
      return {
        attachment: {
          type: "template",
          payload: {
            template_type: "button",
            text,
            buttons: content.buttons.map((button) => ({
              type: "postback",
              title: fitTitle(button.title),
              payload: button.id,
            })),
          },
        },
      };
    case "list": {
      // Messenger has no list to open: its rows become quick replies under the text.
      const rows = content.sections.flatMap((section) => section.rows);
      if (rows.length > QUICK_REPLY_LIMIT) {
        throw new ChannelSendError(
          false,
          "list_too_long",
          `Messenger shows at most ${QUICK_REPLY_LIMIT} options; this list has ${rows.length}`,
        );
      }
      return {
        text: text || content.buttonLabel,
        quick_replies: rows.map((row) => ({
          content_type: "text",
          title: fitTitle(row.title),
          payload: row.id,
        })),
      };
    }
    case "card":
      // The card's buttons become quick replies under its words.
      return {
        text,
        ...(content.buttons?.length && {
          quick_replies: content.buttons.map((button) => ({
            content_type: "text",
            title: fitTitle(button.title),
            payload: button.id,
          })),
        }),
      };
    case "template":
    case "reaction":
      throw new ChannelSendError(false, "unsupported_content", `Messenger cannot send a ${content.kind}`);
    default:
      return text.trim() ? { text } : undefined;
  }
}

function attachmentOf(file: OutgoingFile): Record<string, unknown> {
  // A presigned URL lives minutes: nothing to reuse, so Messenger is not asked to keep the file.
  return {
    attachment: { type: attachmentType(file.contentType), payload: { url: file.url, is_reusable: false } },
  };
}

function attachmentType(contentType: string): "image" | "video" | "audio" | "file" {
  const family = contentType.split("/")[0]?.trim().toLowerCase();
  return family === "image" || family === "video" || family === "audio" ? family : "file";
}

/** Cut in whole characters, so an emoji is never split, with an ellipsis to show the cut. */
function fitTitle(title: string): string {
  const characters = Array.from(graphemes.segment(title), ({ segment }) => segment);
  return characters.length <= TITLE_LIMIT ? title : `${characters.slice(0, TITLE_LIMIT - 1).join("")}…`;
}
