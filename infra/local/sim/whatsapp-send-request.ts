import { z } from "zod";
import type { GraphError } from "./graph-errors.js";

/** A file sent by `link` (fetched by Meta) or by the `id` of one uploaded to `/media`. */
const Media = z
  .object({
    link: z.url({ protocol: /^https?$/ }).optional(),
    id: z.string().min(1).optional(),
    caption: z.string().max(1024).optional(),
    filename: z.string().max(240).optional(),
  })
  .refine((media) => Boolean(media.link) !== Boolean(media.id), "give exactly one of link and id");

const Text = z.object({ text: z.string() });

const Interactive = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("button"),
    header: z.looseObject({ type: z.string(), text: z.string().optional() }).optional(),
    body: Text,
    footer: Text.optional(),
    action: z.object({
      buttons: z.array(
        z.object({ type: z.literal("reply"), reply: z.object({ id: z.string(), title: z.string() }) }),
      ),
    }),
  }),
  z.object({
    type: z.literal("list"),
    header: z.object({ type: z.literal("text"), text: z.string() }).optional(),
    body: Text,
    footer: Text.optional(),
    action: z.object({
      button: z.string(),
      sections: z
        .array(
          z.object({
            title: z.string().optional(),
            rows: z.array(
              z.object({ id: z.string(), title: z.string(), description: z.string().optional() }),
            ),
          }),
        )
        .min(1),
    }),
  }),
]);

/** A template is defined at Meta, so only its name, language and parameters travel. */
const Template = z.object({
  name: z.string().min(1),
  language: z.object({ code: z.string().min(2), policy: z.literal("deterministic").optional() }),
  components: z
    .array(
      z.object({
        type: z.enum(["header", "body", "button", "footer"]),
        sub_type: z.string().optional(),
        index: z.union([z.string(), z.number()]).optional(),
        parameters: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })).optional(),
      }),
    )
    .optional(),
});

const common = {
  messaging_product: z.literal("whatsapp"),
  recipient_type: z.literal("individual").optional(),
  to: z.string().regex(/^\+?[\d\s().-]{6,24}$/, "not a phone number"),
  context: z.object({ message_id: z.string().min(1) }).optional(),
  /** Handed back in this message's status webhooks, so a sender can find its own record. */
  biz_opaque_callback_data: z.string().max(512).optional(),
};

/** The body of `POST /{phone-number-id}/messages` that sends a message, as the Cloud API takes it. */
export const WhatsAppSendRequest = z.preprocess(
  // The Cloud API takes a body without `type` as text.
  (body) => (body && typeof body === "object" && !("type" in body) ? { ...body, type: "text" } : body),
  z.discriminatedUnion("type", [
    z.object({
      ...common,
      type: z.literal("text"),
      text: z.object({ body: z.string().min(1).max(4096), preview_url: z.boolean().optional() }),
    }),
    z.object({ ...common, type: z.literal("image"), image: Media }),
    z.object({ ...common, type: z.literal("video"), video: Media }),
    z.object({ ...common, type: z.literal("audio"), audio: Media }),
    z.object({ ...common, type: z.literal("document"), document: Media }),
    z.object({ ...common, type: z.literal("sticker"), sticker: Media }),
    z.object({
      ...common,
      type: z.literal("location"),
      location: z.object({
        latitude: z.coerce.number(),
        longitude: z.coerce.number(),
        name: z.string().optional(),
        address: z.string().optional(),
      }),
    }),
    z.object({ ...common, type: z.literal("interactive"), interactive: Interactive }),
    z.object({ ...common, type: z.literal("template"), template: Template }),
    z.object({
      ...common,
      type: z.literal("reaction"),
      reaction: z.object({ message_id: z.string().min(1), emoji: z.string() }),
    }),
  ]),
);
export type WhatsAppSendRequest = z.infer<typeof WhatsAppSendRequest>;

/** The same route marks a customer's message read (blue ticks), optionally showing "typing…". */
export const WhatsAppMarkRead = z.object({
  messaging_product: z.literal("whatsapp"),
  status: z.literal("read"),
  message_id: z.string().min(1),
  typing_indicator: z.object({ type: z.literal("text") }).optional(),
});

/** The Cloud API's answer to a body it cannot read, with what is wrong in `details`. */
export const invalidParameter = (details: string): GraphError => ({
  message: "(#100) Invalid parameter",
  type: "OAuthException",
  code: 100,
  error_data: { messaging_product: "whatsapp", details },
});

const invalidValue = (details: string): GraphError => ({
  message: "(#131009) Parameter value is not valid",
  type: "OAuthException",
  code: 131009,
  error_data: { messaging_product: "whatsapp", details },
});

const length = (text: string) => [...text].length;

/**
 * Meta's limits on interactive messages, refused with 131009 as the Cloud API does (the
 * structure itself is checked by the schema, refused with 100).
 */
function interactiveLimits(request: Extract<WhatsAppSendRequest, { type: "interactive" }>) {
  const { interactive } = request;
  if (interactive.type === "button") {
    const { buttons } = interactive.action;
    if (buttons.length < 1 || buttons.length > 3)
      return invalidValue("Invalid buttons count. Min allowed buttons: 1, Max allowed buttons: 3");
    if (buttons.some(({ reply }) => length(reply.title) < 1 || length(reply.title) > 20))
      return invalidValue("Button title length invalid. Min length: 1, Max length: 20");
    return undefined;
  }
  const rows = interactive.action.sections.flatMap((section) => section.rows);
  if (rows.length < 1 || rows.length > 10)
    return invalidValue("Invalid rows count. Min allowed rows: 1, Max allowed rows: 10");
  if (rows.some((row) => length(row.title) > 24))
    return invalidValue("Row title is too long. Max length is 24");
  if (rows.some((row) => length(row.description ?? "") > 72))
    return invalidValue("Row description is too long. Max length is 72");
  if (length(interactive.action.button) > 20)
    return invalidValue("Button label is too long. Max length is 20");
  return undefined;
}

/** Reads a send body the way the Cloud API does: the parsed request, or Meta's error for it. */
export function parseWhatsAppSend(
  body: unknown,
): { ok: true; request: WhatsAppSendRequest } | { ok: false; error: GraphError } {
  if (
    !body ||
    typeof body !== "object" ||
    (body as { messaging_product?: unknown }).messaging_product !== "whatsapp"
  )
    return {
      ok: false,
      error: {
        message: "(#100) The parameter messaging_product is required.",
        type: "OAuthException",
        code: 100,
      },
    };
  const parsed = WhatsAppSendRequest.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: invalidParameter(`${issue?.path.join(".") || "body"}: ${issue?.message}`) };
  }
  const error = parsed.data.type === "interactive" ? interactiveLimits(parsed.data) : undefined;
  return error ? { ok: false, error } : { ok: true, request: parsed.data };
}
