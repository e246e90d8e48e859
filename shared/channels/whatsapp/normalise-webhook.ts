import { z } from "zod";
import type {
  ChannelContact,
  InboundMedia,
  InboundMessage,
  MessageContent,
  NormalisedWebhook,
  StatusUpdate,
} from "../inbound.js";
import { MalformedWebhookError } from "../malformed-webhook.js";

const RAW_LIMIT = 4096;

type Reading = Pick<InboundMessage, "text" | "content" | "media">;

const reading = (text: string, content: MessageContent, media: InboundMedia[] = []): Reading => ({
  text,
  content,
  media,
});

/** Meta writes timestamps, coordinates and prices as JSON numbers or as strings, depending on the year. */
const Numeric = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);

const SecondsTimestamp = Numeric.transform((seconds, ctx) => {
  const date = new Date(seconds * 1000);
  if (!Number.isNaN(date.getTime())) return date.toISOString();
  ctx.issues.push({ code: "custom", message: "timestamp out of range", input: seconds });
  return z.NEVER;
});

/** Older payloads put `details` on the error itself, newer ones under `error_data`. */
const WebhookError = z.object({
  code: z.union([z.number(), z.string()]).optional(),
  title: z.string().optional(),
  message: z.string().optional(),
  details: z.string().optional(),
  error_data: z.object({ details: z.string().optional() }).optional(),
});
type WebhookError = z.infer<typeof WebhookError>;

const Errors = z.array(WebhookError).optional().catch(undefined);

function describeError(error: WebhookError): string | undefined {
  const details = error.error_data?.details ?? error.details;
  return [error.title ?? error.message, details].filter(Boolean).join(": ") || undefined;
}

const Body = z.object({ object: z.literal("whatsapp_business_account"), entry: z.array(z.unknown()) });
const Entry = z.object({ changes: z.array(z.unknown()) });
const Change = z.object({ field: z.string(), value: z.unknown() });

const Contact = z.object({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  profile: z.object({ name: z.string().optional() }).optional(),
});
type Contact = z.infer<typeof Contact>;

const MessagesValue = z.object({
  metadata: z.object({ phone_number_id: z.string().min(1) }),
  // A contact list we cannot read costs the sender's name, not the messages.
  contacts: z.array(Contact).nullish().catch(undefined),
  messages: z.array(z.unknown()).nullish(),
  statuses: z.array(z.unknown()).nullish(),
  errors: Errors,
});
type MessagesValue = z.infer<typeof MessagesValue>;

const MessageEnvelope = z.object({
  id: z.string().min(1),
  timestamp: SecondsTimestamp,
  type: z.string().min(1),
  from: z.string().min(1).optional(),
  // Business-scoped user id: the only sender id of users who hide their number.
  from_user_id: z.string().min(1).optional(),
  context: z
    .object({
      id: z.string().optional(),
      forwarded: z.boolean().optional(),
      frequently_forwarded: z.boolean().optional(),
    })
    .optional()
    .catch(undefined),
  errors: Errors,
});
type MessageEnvelope = z.infer<typeof MessageEnvelope>;

const TextPart = z.object({ body: z.string() }).transform((text) => reading(text.body, { kind: "text" }));

const MediaPart = z.object({
  id: z.string().min(1),
  mime_type: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  voice: z.boolean().optional(),
});

const mediaPart = (mediaType: "image" | "video" | "audio" | "document" | "sticker") =>
  MediaPart.transform((part) =>
    reading(
      part.caption ?? "",
      { kind: "media", mediaType: mediaType === "audio" && part.voice ? "voice" : mediaType },
      [{ source: { from: "whatsapp", mediaId: part.id }, mimeType: part.mime_type, fileName: part.filename }],
    ),
  );

const LocationPart = z
  .object({
    latitude: Numeric,
    longitude: Numeric,
    name: z.string().optional(),
    address: z.string().optional(),
    url: z.string().optional(),
  })
  .transform((location) =>
    reading(
      [location.name, location.address].filter(Boolean).join(", ") ||
        `📍 ${location.latitude}, ${location.longitude}`,
      { kind: "location", ...location },
    ),
  );

const ContactsPart = z
  .array(
    z.object({
      name: z
        .object({
          formatted_name: z.string().optional(),
          first_name: z.string().optional(),
          last_name: z.string().optional(),
        })
        .optional(),
      phones: z.array(z.object({ phone: z.string().optional(), wa_id: z.string().optional() })).optional(),
      emails: z.array(z.object({ email: z.string().optional() })).optional(),
    }),
  )
  .min(1)
  .transform((cards) => {
    const contacts = cards.map((card) => ({
      name:
        card.name?.formatted_name ?? [card.name?.first_name, card.name?.last_name].filter(Boolean).join(" "),
      phones: (card.phones ?? []).flatMap((phone) => phone.phone ?? phone.wa_id ?? []),
      emails: (card.emails ?? []).flatMap((email) => email.email ?? []),
    }));
    return reading(contacts.map((contact) => contact.name).join(", "), { kind: "contacts", contacts });
  });

const ChoicePart = z.object({ id: z.string(), title: z.string(), description: z.string().optional() });

/** A Flow's answers arrive as a JSON document inside a string. */
const FlowAnswers = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.issues.push({ code: "custom", message: "response_json is not JSON", input: text });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string(), z.unknown()));

const InteractivePart = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("button_reply"), button_reply: ChoicePart }),
    z.object({ type: z.literal("list_reply"), list_reply: ChoicePart }),
    z.object({
      type: z.literal("nfm_reply"),
      nfm_reply: z.object({ response_json: FlowAnswers, body: z.string().optional() }),
    }),
  ])
  .transform((interactive) => {
    if (interactive.type === "nfm_reply") {
      const fields = Object.entries(interactive.nfm_reply.response_json).map(([name, value]) => ({
        name,
        value: typeof value === "string" ? value : JSON.stringify(value),
      }));
      return reading(interactive.nfm_reply.body ?? "Formulario enviado", { kind: "form", fields });
    }
    const choice = interactive.type === "button_reply" ? interactive.button_reply : interactive.list_reply;
    return reading(choice.title, { kind: "choice", choice });
  });

/** A template's quick-reply button: the payload is what we set when the template was sent. */
const ButtonPart = z.object({ text: z.string(), payload: z.string().optional() }).transform((button) =>
  reading(button.text, {
    kind: "choice",
    choice: { id: button.payload ?? button.text, title: button.text },
  }),
);

const ReactionPart = z
  .object({ message_id: z.string().min(1), emoji: z.string().optional() })
  .transform((reaction) => {
    const emoji = reaction.emoji ?? "";
    return reading(emoji, { kind: "reaction", emoji, targetExternalId: reaction.message_id });
  });

const OrderPart = z
  .object({
    text: z.string().optional(),
    product_items: z.array(
      z.object({
        product_retailer_id: z.string(),
        quantity: Numeric,
        item_price: Numeric.optional(),
        currency: z.string().optional(),
      }),
    ),
  })
  .transform((order) => {
    const items = order.product_items.map((item) => ({
      productId: item.product_retailer_id,
      quantity: item.quantity,
      price: item.item_price,
      currency: item.currency,
    }));
    const summary = `Pedido: ${items.map((item) => `${item.quantity} × ${item.productId}`).join(", ")}`;
    return reading([order.text, summary].filter(Boolean).join("\n"), { kind: "order", items });
  });

const SystemPart = z
  .object({ type: z.string(), body: z.string().optional() })
  .transform((system) => reading(system.body ?? "", { kind: "system", event: system.type }));

/** Each message type's object sits under the key named by its `type`. */
const CONTENT_READERS = new Map<string, z.ZodType<Reading>>([
  ["text", TextPart],
  ["image", mediaPart("image")],
  ["video", mediaPart("video")],
  ["audio", mediaPart("audio")],
  ["document", mediaPart("document")],
  ["sticker", mediaPart("sticker")],
  ["location", LocationPart],
  ["contacts", ContactsPart],
  ["interactive", InteractivePart],
  ["button", ButtonPart],
  ["reaction", ReactionPart],
  ["order", OrderPart],
  ["system", SystemPart],
]);

const UnsupportedPart = z.object({ type: z.string().min(1) });

const DELIVERY_STATES = new Map<string, StatusUpdate["state"]>([
  ["sent", "sent"],
  ["delivered", "delivered"],
  ["read", "read"],
  // A voice message listened to: for us it has been read.
  ["played", "read"],
  ["failed", "failed"],
]);

const StatusItem = z.object({
  id: z.string().min(1),
  status: z.string(),
  timestamp: SecondsTimestamp,
  recipient_id: z.string().min(1).optional(),
  recipient_user_id: z.string().min(1).optional(),
  errors: Errors,
});

/** Normalises one WhatsApp Cloud API webhook body (already signature-checked and parsed). */
export function normaliseWhatsAppWebhook(body: unknown): NormalisedWebhook {
  const parsed = Body.safeParse(body);
  if (!parsed.success) {
    throw new MalformedWebhookError(`not a WhatsApp webhook: ${firstIssue(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  const out: NormalisedWebhook = { messages: [], statuses: [], echoes: [], rejected: [], ignored: [] };
  for (const item of parsed.data.entry) {
    const entry = Entry.safeParse(item);
    if (!entry.success) {
      out.rejected.push(rejection(`entry: ${firstIssue(entry.error)}`, item));
      continue;
    }
    for (const change of entry.data.changes) readChange(change, out);
  }
  return out;
}

function readChange(item: unknown, out: NormalisedWebhook): void {
  const change = Change.safeParse(item);
  if (!change.success) {
    out.rejected.push(rejection(`change: ${firstIssue(change.error)}`, item));
    return;
  }
  if (change.data.field !== "messages") {
    out.ignored.push({ reason: `field "${change.data.field}" is not handled` });
    return;
  }
  const value = MessagesValue.safeParse(change.data.value);
  if (!value.success) {
    out.rejected.push(rejection(`change value: ${firstIssue(value.error)}`, item));
    return;
  }
  for (const message of value.data.messages ?? []) readMessage(message, value.data, out);
  for (const status of value.data.statuses ?? []) readStatus(status, value.data, out);
}

function readMessage(item: unknown, value: MessagesValue, out: NormalisedWebhook): void {
  const envelope = MessageEnvelope.safeParse(item);
  if (!envelope.success) {
    out.rejected.push(rejection(`message: ${firstIssue(envelope.error)}`, item));
    return;
  }
  const message = envelope.data;
  const from = sender(message, value.contacts ?? []);
  if (!from) {
    out.rejected.push(rejection("message: no sender id", item));
    return;
  }
  out.messages.push({
    channel: "whatsapp",
    accountId: value.metadata.phone_number_id,
    externalId: message.id,
    from,
    sentAt: message.timestamp,
    // The envelope parsed, so the item is an object.
    ...readContent(item as Record<string, unknown>, message, value),
    replyToExternalId: message.context?.id,
    forwarded: message.context?.forwarded || message.context?.frequently_forwarded || undefined,
  });
}

/**
 * A type we do not read, or one whose object is not what we expect, is kept as `unsupported`
 * with Meta's own explanation when it sent one: the customer did write, and an agent must see it.
 */
function readContent(raw: Record<string, unknown>, message: MessageEnvelope, value: MessagesValue): Reading {
  const reader = CONTENT_READERS.get(message.type);
  const content = reader?.safeParse(raw[message.type]);
  if (content?.success) return content.data;
  const metaError = message.errors?.[0] ?? value.errors?.[0];
  const reason =
    (metaError && describeError(metaError)) ?? (content && `${message.type}: ${firstIssue(content.error)}`);
  const providerType =
    message.type === "unsupported"
      ? (UnsupportedPart.safeParse(raw.unsupported).data?.type ?? message.type)
      : message.type;
  return reading("", { kind: "unsupported", providerType, reason, raw: cut(JSON.stringify(raw)) });
}

function sender(message: MessageEnvelope, contacts: Contact[]): ChannelContact | undefined {
  const contact =
    contacts.find((candidate) => message.from && candidate.wa_id === message.from) ??
    contacts.find((candidate) => message.from_user_id && candidate.user_id === message.from_user_id) ??
    (contacts.length === 1 ? contacts[0] : undefined);
  const address = message.from ?? contact?.wa_id ?? message.from_user_id ?? contact?.user_id;
  if (!address) return undefined;
  const waId = message.from ?? contact?.wa_id;
  return {
    address,
    name: contact?.profile?.name,
    phone: waId && /^\d+$/.test(waId) ? `+${waId}` : undefined,
  };
}

function readStatus(item: unknown, value: MessagesValue, out: NormalisedWebhook): void {
  const parsed = StatusItem.safeParse(item);
  if (!parsed.success) {
    out.rejected.push(rejection(`status: ${firstIssue(parsed.error)}`, item));
    return;
  }
  const status = parsed.data;
  const state = DELIVERY_STATES.get(status.status);
  if (!state) {
    out.ignored.push({ reason: `status "${status.status}" is not tracked` });
    return;
  }
  const recipient = status.recipient_id ?? status.recipient_user_id;
  if (!recipient) {
    out.rejected.push(rejection("status: no recipient id", item));
    return;
  }
  const error = status.errors?.[0];
  out.statuses.push({
    channel: "whatsapp",
    accountId: value.metadata.phone_number_id,
    recipient,
    state,
    at: status.timestamp,
    externalId: status.id,
    error: error && {
      code: String(error.code ?? "unknown"),
      message: describeError(error) ?? status.status,
    },
  });
}

function rejection(reason: string, item: unknown): NormalisedWebhook["rejected"][number] {
  return { reason, raw: JSON.stringify(item) ?? String(item) };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid";
  return issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message;
}

/** Cut at the limit without leaving half of a surrogate pair behind. */
function cut(text: string): string {
  const head = text.slice(0, RAW_LIMIT);
  return /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
}
