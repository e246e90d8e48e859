import { z } from "zod";
import { CustomerFile, customerFileBytes } from "./customer-file.js";
import type { MediaStore, StoredMedia } from "./media-store.js";
import type { MessengerMessage } from "./messenger-send-request.js";
import { SimulatorError } from "./simulator-error.js";

const customer = {
  psid: z.string().regex(/^\d{5,20}$/, "a page-scoped id: digits only"),
  name: z.string().trim().min(1).max(60),
  /** The page he writes to: the simulator's own unless another tenant's page is named. */
  pageId: z
    .string()
    .regex(/^\d{10,20}$/)
    .optional(),
};
/** The mid of the message he answers (quotes), for a reply. */
const replyTo = z.string().min(1).optional();

const attachment = <T extends "image" | "video" | "audio" | "file">(type: T) =>
  z.object({ ...customer, type: z.literal(type), file: CustomerFile, replyTo });

/** Everything a customer can do in the simulated Messenger. */
export const MessengerCustomerInput = z.discriminatedUnion("type", [
  z.object({ ...customer, type: z.literal("text"), text: z.string().trim().min(1).max(2000), replyTo }),
  attachment("image"),
  attachment("video"),
  attachment("audio"),
  attachment("file"),
  /** He taps one of the quick replies under a page's message. */
  z.object({
    ...customer,
    type: z.literal("quick_reply"),
    messageId: z.string().min(1),
    payload: z.string(),
  }),
  /** He taps a postback button of a button or generic template. */
  z.object({ ...customer, type: z.literal("postback"), messageId: z.string().min(1), payload: z.string() }),
]);
export type MessengerCustomerInput = z.input<typeof MessengerCustomerInput>;

export type InboundContext = {
  mid: string;
  /** The page's message a quick reply or postback belongs to. */
  find: (mid: string) => { from: "business"; message: MessengerMessage } | { from: "customer" } | undefined;
  media: MediaStore;
  mediaUrl: (stored: StoredMedia) => string;
};

function pageMessage(context: InboundContext, mid: string) {
  const found = context.find(mid);
  if (!found) throw new SimulatorError("not_found", `No message ${mid} in this chat`);
  if (found.from !== "business")
    throw new SimulatorError("invalid_input", `${mid} is not the page's message`);
  return found.message;
}

function postbackButton(message: MessengerMessage, payload: string) {
  const template = message.attachment?.type === "template" ? message.attachment.payload : undefined;
  const buttons =
    template?.template_type === "button"
      ? template.buttons
      : (template?.elements.flatMap((element) => element.buttons ?? []) ?? []);
  return buttons.find((button) => button.type === "postback" && button.payload === payload);
}

/**
 * The `message` or `postback` of the messaging event Meta posts for what the customer did, and
 * the file it stored for it. Attachment URLs point at the simulator, as Meta's at its CDN.
 */
export function toCustomerContent(
  parsed: z.output<typeof MessengerCustomerInput>,
  context: InboundContext,
): {
  content: { message: Record<string, unknown> } | { postback: Record<string, unknown> };
  stored?: StoredMedia;
} {
  const { mid } = context;
  const replying = (replyTo?: string) => {
    if (!replyTo) return {};
    if (!context.find(replyTo)) throw new SimulatorError("not_found", `No message ${replyTo} in this chat`);
    return { reply_to: { mid: replyTo } };
  };
  switch (parsed.type) {
    case "text":
      return { content: { message: { mid, text: parsed.text, ...replying(parsed.replyTo) } } };
    case "quick_reply": {
      const option = pageMessage(context, parsed.messageId).quick_replies?.find(
        (reply) => reply.content_type === "text" && String(reply.payload) === parsed.payload,
      );
      if (!option)
        throw new SimulatorError("invalid_input", `No quick reply ${parsed.payload} on ${parsed.messageId}`);
      return {
        content: { message: { mid, text: option.title ?? "", quick_reply: { payload: parsed.payload } } },
      };
    }
    case "postback": {
      const button = postbackButton(pageMessage(context, parsed.messageId), parsed.payload);
      if (!button)
        throw new SimulatorError("invalid_input", `No postback ${parsed.payload} on ${parsed.messageId}`);
      return { content: { postback: { mid, title: button.title, payload: parsed.payload } } };
    }
    default: {
      const stored = context.media.put({
        bytes: customerFileBytes(parsed.file),
        mimeType: parsed.file.mimeType,
        ...(parsed.file.fileName && { fileName: parsed.file.fileName }),
      });
      return {
        content: {
          message: {
            mid,
            attachments: [{ type: parsed.type, payload: { url: context.mediaUrl(stored) } }],
            ...replying(parsed.replyTo),
          },
        },
        stored,
      };
    }
  }
}
