import { z } from "zod";
import type { GraphError } from "./graph-errors.js";

const httpUrl = z.url({ protocol: /^https?$/ });

const Button = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("postback"),
    title: z.string().min(1).max(20),
    payload: z.string().min(1).max(1000),
  }),
  z.looseObject({ type: z.literal("web_url"), title: z.string().min(1).max(20), url: httpUrl }),
  z.object({ type: z.literal("phone_number"), title: z.string().min(1).max(20), payload: z.string().min(1) }),
]);

const Template = z.discriminatedUnion("template_type", [
  z.object({
    template_type: z.literal("button"),
    text: z.string().min(1).max(640),
    buttons: z.array(Button).min(1).max(3),
  }),
  z.object({
    template_type: z.literal("generic"),
    elements: z
      .array(
        z.object({
          title: z.string().min(1).max(80),
          subtitle: z.string().max(80).optional(),
          image_url: httpUrl.optional(),
          buttons: z.array(Button).max(3).optional(),
        }),
      )
      .min(1)
      .max(10),
  }),
]);

const file = <T extends "image" | "video" | "audio" | "file">(type: T) =>
  z.object({
    type: z.literal(type),
    payload: z.object({ url: httpUrl, is_reusable: z.boolean().optional() }),
  });

const Attachment = z.discriminatedUnion("type", [
  file("image"),
  file("video"),
  file("audio"),
  file("file"),
  z.object({ type: z.literal("template"), payload: Template }),
]);

const QuickReply = z.object({
  content_type: z.enum(["text", "user_phone_number", "user_email"]),
  title: z.string().max(20).optional(),
  payload: z.union([z.string(), z.number()]).optional(),
  image_url: httpUrl.optional(),
});

const Message = z
  .object({
    text: z.string().min(1).max(2000).optional(),
    attachment: Attachment.optional(),
    quick_replies: z.array(QuickReply).min(1).max(13).optional(),
    /** Handed back in the echo, so the sender can tell its own messages. */
    metadata: z.string().max(1000).optional(),
  })
  .refine(
    (message) => Boolean(message.text) !== Boolean(message.attachment),
    "must have either text or attachment",
  );
export type MessengerMessage = z.infer<typeof Message>;

/** The tags that still let a page message outside the 24 h window. */
const MESSAGE_TAGS = [
  "HUMAN_AGENT",
  "ACCOUNT_UPDATE",
  "CONFIRMED_EVENT_UPDATE",
  "POST_PURCHASE_UPDATE",
] as const;

/** The body of `POST /me/messages`, as the Send API takes it: a message or a sender action. */
export const MessengerSendRequest = z
  .object({
    recipient: z.object({ id: z.string().min(1) }),
    messaging_type: z.enum(["RESPONSE", "UPDATE", "MESSAGE_TAG"]).default("RESPONSE"),
    tag: z.enum(MESSAGE_TAGS).optional(),
    message: Message.optional(),
    sender_action: z.enum(["typing_on", "typing_off", "mark_seen"]).optional(),
  })
  .refine((request) => Boolean(request.message) !== Boolean(request.sender_action), {
    message: "must have either message or sender_action",
    path: ["message"],
  })
  .refine((request) => (request.messaging_type === "MESSAGE_TAG") === Boolean(request.tag), {
    message: "must be given with messaging_type MESSAGE_TAG, and only then",
    path: ["tag"],
  });
export type MessengerSendRequest = z.infer<typeof MessengerSendRequest>;

/** `message.attachment.payload.url` as the Graph API names parameters: `message[attachment][payload][url]`. */
const paramName = (path: readonly PropertyKey[]) =>
  path.map((key, i) => (i === 0 ? String(key) : `[${String(key)}]`)).join("");

/** Reads a Send API body the way Meta does: the parsed request, or its `(#100)` error. */
export function parseMessengerSend(
  body: unknown,
): { ok: true; request: MessengerSendRequest } | { ok: false; error: GraphError } {
  const parsed = MessengerSendRequest.safeParse(body);
  if (parsed.success) return { ok: true, request: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    error: {
      message: `(#100) Param ${paramName(issue?.path ?? []) || "body"}: ${issue?.message}`,
      type: "OAuthException",
      code: 100,
    },
  };
}

/** A page may answer within 24 h of the customer's last message (or later only with a tag). */
export const OUTSIDE_WINDOW: GraphError = {
  message:
    "(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview",
  type: "OAuthException",
  code: 10,
  error_subcode: 2018278,
};

/** A PSID that never wrote to this page. */
export const NO_MATCHING_USER: GraphError = {
  message: "(#100) No matching user found",
  type: "OAuthException",
  code: 100,
  error_subcode: 2018001,
};

/** An attachment `url` Meta could not download. */
export const FETCH_FAILED: GraphError = {
  message: "(#100) Failed to fetch the file from the url",
  type: "OAuthException",
  code: 100,
  error_subcode: 2018008,
};
