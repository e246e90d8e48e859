import { z } from "zod";
import { CustomerFile, customerFileBytes } from "./customer-file.js";
import type { MediaStore, StoredMedia } from "./media-store.js";
import { SimulatorError } from "./simulator-error.js";
import type { WhatsAppSendRequest } from "./whatsapp-send-request.js";
import { unixSeconds, type WhatsAppInboundMessage } from "./whatsapp-webhooks.js";

const customer = {
  waId: z.string().regex(/^\d{8,15}$/, "a phone number in international format, digits only"),
  name: z.string().trim().min(1).max(60),
  /** The business number he writes to: the simulator's own unless another tenant's number is named. */
  phoneNumberId: z
    .string()
    .regex(/^\d{10,20}$/)
    .optional(),
};
/** The wamid of the message he answers (quotes), for a reply. */
const replyTo = z.string().min(1).optional();

const media = <T extends "image" | "video" | "audio" | "document">(type: T) =>
  z.object({
    ...customer,
    type: z.literal(type),
    file: CustomerFile,
    caption: z.string().max(1024).optional(),
    replyTo,
  });

/** Everything a customer can do on the simulated phone. */
export const WhatsAppCustomerInput = z.discriminatedUnion("type", [
  z.object({ ...customer, type: z.literal("text"), text: z.string().trim().min(1).max(4096), replyTo }),
  media("image"),
  media("video"),
  media("audio"),
  media("document"),
  z.object({
    ...customer,
    type: z.literal("location"),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    placeName: z.string().max(100).optional(),
    address: z.string().max(200).optional(),
    replyTo,
  }),
  /** He taps a reply button of an interactive message he received. */
  z.object({
    ...customer,
    type: z.literal("button_reply"),
    messageId: z.string().min(1),
    buttonId: z.string(),
  }),
  /** He picks a row of an interactive list he received. */
  z.object({ ...customer, type: z.literal("list_reply"), messageId: z.string().min(1), rowId: z.string() }),
  /** An empty emoji takes his reaction back. */
  z.object({
    ...customer,
    type: z.literal("reaction"),
    messageId: z.string().min(1),
    emoji: z.string().max(16),
  }),
]);
export type WhatsAppCustomerInput = z.input<typeof WhatsAppCustomerInput>;

/** A message already in the chat, as the input refers to it by wamid. */
export type ChatEntry =
  | { id: string; from: "business"; request: WhatsAppSendRequest }
  | { id: string; from: "customer" };

export type InboundContext = {
  id: string;
  now: number;
  displayPhoneNumber: string;
  find: (wamid: string) => ChatEntry | undefined;
  media: MediaStore;
};

function target(context: InboundContext, wamid: string) {
  const entry = context.find(wamid);
  if (!entry) throw new SimulatorError("not_found", `No message ${wamid} in this chat`);
  return entry;
}

function interactiveOf(context: InboundContext, wamid: string, kind: "button" | "list") {
  const entry = target(context, wamid);
  if (
    entry.from !== "business" ||
    entry.request.type !== "interactive" ||
    entry.request.interactive.type !== kind
  )
    throw new SimulatorError(
      "invalid_input",
      `Message ${wamid} has no ${kind === "button" ? "buttons" : "list"}`,
    );
  return entry.request.interactive;
}

/**
 * The `messages[]` element Meta writes for what the customer did, and the file it stored for
 * it. Replies carry `context` with who wrote the quoted message.
 */
export function toInboundMessage(
  parsed: z.output<typeof WhatsAppCustomerInput>,
  context: InboundContext,
): { message: WhatsAppInboundMessage; stored?: StoredMedia } {
  const head = { from: parsed.waId, id: context.id, timestamp: unixSeconds(context.now) };
  const quoting = (wamid: string) => {
    const quoted = target(context, wamid);
    return { from: quoted.from === "business" ? context.displayPhoneNumber : parsed.waId, id: wamid };
  };
  const replying = "replyTo" in parsed && parsed.replyTo ? { context: quoting(parsed.replyTo) } : {};

  switch (parsed.type) {
    case "text":
      return { message: { ...replying, ...head, type: "text", text: { body: parsed.text } } };
    case "location": {
      const { latitude, longitude, placeName, address } = parsed;
      return {
        message: {
          ...replying,
          ...head,
          type: "location",
          location: {
            latitude,
            longitude,
            ...(placeName && { name: placeName }),
            ...(address && { address }),
          },
        },
      };
    }
    case "button_reply": {
      const button = interactiveOf(context, parsed.messageId, "button");
      const reply =
        button.type === "button" &&
        button.action.buttons.find(({ reply }) => reply.id === parsed.buttonId)?.reply;
      if (!reply)
        throw new SimulatorError("invalid_input", `No button ${parsed.buttonId} on ${parsed.messageId}`);
      return {
        message: {
          context: quoting(parsed.messageId),
          ...head,
          type: "interactive",
          interactive: { type: "button_reply", button_reply: { id: reply.id, title: reply.title } },
        },
      };
    }
    case "list_reply": {
      const list = interactiveOf(context, parsed.messageId, "list");
      const row =
        list.type === "list" &&
        list.action.sections.flatMap(({ rows }) => rows).find(({ id }) => id === parsed.rowId);
      if (!row) throw new SimulatorError("invalid_input", `No row ${parsed.rowId} on ${parsed.messageId}`);
      return {
        message: {
          context: quoting(parsed.messageId),
          ...head,
          type: "interactive",
          interactive: {
            type: "list_reply",
            list_reply: {
              id: row.id,
              title: row.title,
              ...(row.description && { description: row.description }),
            },
          },
        },
      };
    }
    case "reaction":
      target(context, parsed.messageId);
      return {
        message: {
          ...head,
          type: "reaction",
          reaction: { message_id: parsed.messageId, emoji: parsed.emoji },
        },
      };
    default: {
      const stored = context.media.put({
        bytes: customerFileBytes(parsed.file),
        mimeType: parsed.file.mimeType,
        ...(parsed.file.fileName && { fileName: parsed.file.fileName }),
      });
      const object = {
        ...(parsed.caption && { caption: parsed.caption }),
        ...(parsed.type === "document" && { filename: parsed.file.fileName ?? "document" }),
        mime_type: stored.mimeType,
        sha256: stored.sha256.toString("base64"),
        id: stored.id,
        ...(parsed.type === "audio" && { voice: false }),
      };
      return { message: { ...replying, ...head, type: parsed.type, [parsed.type]: object }, stored };
    }
  }
}
