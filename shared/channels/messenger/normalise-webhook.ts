import { z } from "zod";
import type { InboundMedia, MessageContent, NormalisedWebhook } from "../inbound.js";
import { MalformedWebhookError } from "../malformed-webhook.js";

/** How much of a payload we keep when we cannot read it: enough for a person to see what came. */
const RAW_LIMIT = 4096;

const Envelope = z.object({
  object: z.literal("page"),
  entry: z.array(z.unknown()).min(1),
});

/** `standby` holds the events of threads another app controls (handover protocol): not ours to answer. */
const Entry = z.object({
  messaging: z.array(z.unknown()).optional(),
  standby: z.array(z.unknown()).optional(),
});

/** Milliseconds since the epoch; newer payloads sometimes send them as strings. */
const Millis = z
  .union([z.number(), z.string().regex(/^\d+$/).transform(Number)])
  .refine((ms) => Number.isSafeInteger(ms) && ms >= 0 && ms <= 8.64e15, "not a time in milliseconds");

const Party = z.object({ id: z.string().min(1) });

/** Loose, so that an attachment we cannot read is kept whole in `raw`. */
const Attachment = z.looseObject({
  type: z.string(),
  payload: z.unknown().optional(),
  title: z.string().optional(),
  url: z.string().optional(),
});
type Attachment = z.infer<typeof Attachment>;

const MediaPayload = z.object({ url: z.string().min(1), sticker_id: z.unknown().optional() });
const LocationPayload = z.object({ coordinates: z.object({ lat: z.number(), long: z.number() }) });

const MEDIA_TYPES = ["image", "video", "audio", "file"] as const;
type MessengerMediaType = (typeof MEDIA_TYPES)[number];

const MessageEvent = z.object({
  sender: Party,
  recipient: Party,
  timestamp: Millis,
  message: z.looseObject({
    mid: z.string().min(1),
    is_echo: z.boolean().optional(),
    text: z.string().optional(),
    quick_reply: z.object({ payload: z.string() }).optional(),
    reply_to: z.object({ mid: z.string().min(1) }).optional(),
    attachments: z.array(Attachment).optional(),
  }),
});
type MessageEvent = z.infer<typeof MessageEvent>;

const PostbackEvent = z.object({
  sender: Party,
  recipient: Party,
  timestamp: Millis,
  postback: z.object({
    payload: z.string(),
    title: z.string().optional(),
    mid: z.string().min(1).optional(),
  }),
});
type PostbackEvent = z.infer<typeof PostbackEvent>;

const DeliveryEvent = z.object({
  sender: Party,
  recipient: Party,
  timestamp: Millis.optional(),
  delivery: z.object({ mids: z.array(z.string().min(1)).optional(), watermark: Millis }),
});
type DeliveryEvent = z.infer<typeof DeliveryEvent>;

const ReadEvent = z.object({
  sender: Party,
  recipient: Party,
  read: z.object({ watermark: Millis }),
});
type ReadEvent = z.infer<typeof ReadEvent>;

/** Keys every messaging event has whatever it is about. */
const ENVELOPE_KEYS = new Set(["sender", "recipient", "timestamp"]);

/** Events Messenger sends that are neither a message nor a receipt: nothing for an agent to see. */
const IGNORED_EVENTS = new Set([
  "referral",
  "optin",
  "account_linking",
  "checkout_update",
  "policy-enforcement",
]);

/**
 * A Messenger Platform webhook body (signature already checked), normalised. Each messaging
 * event is read on its own, so one we cannot read lands in `rejected` and the others go on.
 */
export function normaliseMessengerWebhook(body: unknown): NormalisedWebhook {
  const envelope = Envelope.safeParse(body);
  if (!envelope.success) throw new MalformedWebhookError(explain(envelope.error));

  const out: NormalisedWebhook = { messages: [], statuses: [], echoes: [], rejected: [], ignored: [] };
  for (const item of envelope.data.entry) {
    const entry = Entry.safeParse(item);
    if (!entry.success) {
      out.rejected.push({ reason: `entry: ${explain(entry.error)}`, raw: rawJson(item) });
    } else if (entry.data.messaging) {
      for (const event of entry.data.messaging) normaliseEvent(event, out);
    } else {
      out.ignored.push({
        reason: entry.data.standby ? "standby: another app holds the thread" : "entry without messaging",
      });
    }
  }
  return out;
}

function normaliseEvent(event: unknown, out: NormalisedWebhook): void {
  const fields = isRecord(event) ? event : {};
  const keys = Object.keys(fields).filter((key) => !ENVELOPE_KEYS.has(key));
  const ignored = keys.find((key) => IGNORED_EVENTS.has(key));
  if ("message" in fields) read(MessageEvent, event, out, onMessage);
  else if ("postback" in fields) read(PostbackEvent, event, out, onPostback);
  else if ("delivery" in fields) read(DeliveryEvent, event, out, onDelivery);
  else if ("read" in fields) read(ReadEvent, event, out, onRead);
  else if (ignored) out.ignored.push({ reason: `${ignored}: neither a message nor a receipt` });
  else if ("sender" in fields) out.ignored.push({ reason: `unknown event: ${keys.join(", ") || "none"}` });
  else out.rejected.push({ reason: "neither a sender nor a known event", raw: rawJson(event) });
}

function read<T extends z.ZodType>(
  schema: T,
  event: unknown,
  out: NormalisedWebhook,
  handle: (event: z.output<T>, out: NormalisedWebhook) => void,
): void {
  const parsed = schema.safeParse(event);
  if (parsed.success) handle(parsed.data, out);
  else out.rejected.push({ reason: explain(parsed.error), raw: rawJson(event) });
}

function onMessage({ sender, recipient, timestamp, message }: MessageEvent, out: NormalisedWebhook): void {
  const sentAt = iso(timestamp);
  if (message.is_echo) {
    out.echoes.push({
      channel: "messenger",
      accountId: sender.id,
      externalId: message.mid,
      recipient: recipient.id,
      text: message.text ?? "",
      sentAt,
    });
    return;
  }
  out.messages.push({
    channel: "messenger",
    accountId: recipient.id,
    externalId: message.mid,
    from: { address: sender.id },
    sentAt,
    text: message.text ?? "",
    ...readContent(message),
    ...(message.reply_to && { replyToExternalId: message.reply_to.mid }),
  });
}

function readContent(message: MessageEvent["message"]): { content: MessageContent; media: InboundMedia[] } {
  if (message.quick_reply) {
    const { payload } = message.quick_reply;
    return {
      content: { kind: "choice", choice: { id: payload, title: message.text ?? payload } },
      media: [],
    };
  }
  const attachments = message.attachments ?? [];
  const [first] = attachments;
  if (!first) {
    return message.text === undefined
      ? { content: unsupported("message", message, "no text and no attachment"), media: [] }
      : { content: { kind: "text" }, media: [] };
  }

  const location = LocationPayload.safeParse(first.payload);
  if (first.type === "location" && location.success) {
    const { lat, long } = location.data.coordinates;
    return {
      content: {
        kind: "location",
        latitude: lat,
        longitude: long,
        ...(first.title && { name: first.title }),
        ...(first.url && { url: first.url }),
      },
      media: [],
    };
  }

  if (!isMedia(first)) return { content: unsupported(first.type, attachments), media: [] };
  const firstPayload = MediaPayload.safeParse(first.payload);
  if (!firstPayload.success) {
    return { content: unsupported(first.type, attachments, "attachment without a url"), media: [] };
  }
  const media = attachments.filter(isMedia).flatMap((attachment): InboundMedia[] => {
    const payload = MediaPayload.safeParse(attachment.payload);
    return payload.success ? [{ source: { from: "url", url: payload.data.url } }] : [];
  });
  // A sticker (the thumbs-up too) arrives as an image that carries a sticker_id.
  const mediaType =
    first.type === "image" && firstPayload.data.sticker_id !== undefined ? "sticker" : first.type;
  return { content: { kind: "media", mediaType }, media };
}

function onPostback({ sender, recipient, timestamp, postback }: PostbackEvent, out: NormalisedWebhook): void {
  const title = postback.title ?? postback.payload;
  out.messages.push({
    channel: "messenger",
    accountId: recipient.id,
    // Older postbacks carry no mid; sender and time make a redelivery the same message.
    externalId: postback.mid ?? `postback:${sender.id}:${timestamp}`,
    from: { address: sender.id },
    sentAt: iso(timestamp),
    text: title,
    content: { kind: "choice", choice: { id: postback.payload, title } },
    media: [],
  });
}

function onDelivery({ sender, recipient, timestamp, delivery }: DeliveryEvent, out: NormalisedWebhook): void {
  const base = {
    channel: "messenger",
    accountId: recipient.id,
    recipient: sender.id,
    state: "delivered",
  } as const;
  const mids = delivery.mids ?? [];
  if (mids.length === 0) {
    // Older Messenger clients send only the watermark: every message sent before it was delivered.
    out.statuses.push({ ...base, at: iso(delivery.watermark) });
    return;
  }
  const at = iso(timestamp ?? delivery.watermark);
  for (const mid of mids) out.statuses.push({ ...base, externalId: mid, at });
}

function onRead({ sender, recipient, read }: ReadEvent, out: NormalisedWebhook): void {
  out.statuses.push({
    channel: "messenger",
    accountId: recipient.id,
    recipient: sender.id,
    state: "read",
    at: iso(read.watermark),
  });
}

function isMedia(attachment: Attachment): attachment is Attachment & { type: MessengerMediaType } {
  return (MEDIA_TYPES as readonly string[]).includes(attachment.type);
}

function unsupported(providerType: string, raw: unknown, reason?: string): MessageContent {
  return { kind: "unsupported", providerType, ...(reason && { reason }), raw: rawJson(raw) };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function explain(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

function rawJson(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  if (json.length <= RAW_LIMIT) return json;
  // Cutting between the halves of a surrogate pair would leave text no UTF-8 store accepts.
  const last = json.charCodeAt(RAW_LIMIT - 1);
  return json.slice(0, last >= 0xd800 && last <= 0xdbff ? RAW_LIMIT - 1 : RAW_LIMIT);
}
