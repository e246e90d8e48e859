import { z } from "zod";
import { CardContent } from "./card-content.js";

/**
 * What every channel provider's payload is normalised into before the domain sees it
 * (one normaliser per provider, `shared/channels/<provider>/`). The core never branches on
 * the provider: a WhatsApp image, a Messenger image and an e-mail attachment all arrive as an
 * `InboundMessage` with `content.kind === "media"` and a `media` entry to fetch.
 */
export const Channel = z.enum(["web", "whatsapp", "messenger", "email"]);
export type Channel = z.infer<typeof Channel>;

export const ExternalChannel = z.enum(["whatsapp", "messenger", "email"]);
export type ExternalChannel = z.infer<typeof ExternalChannel>;

/** Where a file the provider holds can be fetched from, once, right after it arrives. */
export const MediaSource = z.discriminatedUnion("from", [
  /** A WhatsApp media id: its URL is asked of the Graph API, then downloaded with the token. */
  z.object({ from: z.literal("whatsapp"), mediaId: z.string() }),
  /** A provider's direct download URL (Messenger attachments). */
  z.object({ from: z.literal("url"), url: z.string() }),
  /** Already in our file store (e-mail attachments are cut out of the stored message). */
  z.object({ from: z.literal("stored"), key: z.string(), size: z.number().int().nonnegative() }),
]);
export type MediaSource = z.infer<typeof MediaSource>;

export const InboundMedia = z.object({
  source: MediaSource,
  mimeType: z.string().optional(),
  fileName: z.string().optional(),
});
export type InboundMedia = z.infer<typeof InboundMedia>;

export const MediaType = z.enum(["image", "video", "audio", "voice", "document", "sticker", "file"]);

const Choice = z.object({ id: z.string(), title: z.string(), description: z.string().optional() });

/** Agent side: text with up to three reply buttons. */
export const ButtonsContent = z.object({
  kind: z.literal("buttons"),
  buttons: z
    .array(z.object({ id: z.string().min(1).max(200), title: z.string().trim().min(1).max(20) }))
    .min(1)
    .max(3),
});

/** Agent side: text with a list the customer opens with `buttonLabel`. */
export const ListContent = z.object({
  kind: z.literal("list"),
  buttonLabel: z.string().trim().min(1).max(20),
  sections: z
    .array(
      z.object({
        title: z.string().max(24).optional(),
        rows: z
          .array(
            z.object({
              id: z.string().min(1).max(200),
              title: z.string().trim().min(1).max(24),
              description: z.string().max(72).optional(),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

/** Agent side: an approved template, the only thing WhatsApp lets us send outside the 24 h window. */
export const TemplateContent = z.object({
  kind: z.literal("template"),
  name: z.string().min(1).max(512),
  language: z.string().min(2).max(15),
  parameters: z.array(z.string().max(1024)).max(20),
});

/**
 * Agent side (issue 6): an operation the customer is asked to approve with a one-time code; the
 * card the widget and console draw. Its state lives on the approval, not in the message.
 */
export const ApprovalRequestContent = z.object({
  kind: z.literal("approval_request"),
  approvalId: z.string(),
  operation: z.enum(["refund", "insurance", "payment", "other"]),
  description: z.string(),
  amount: z.object({ value: z.number(), currency: z.string() }).optional(),
  expiresAt: z.string(),
  channel: z.enum(["email", "whatsapp"]),
  maskedDestination: z.string(),
});

/** Agent side: asks the customer for a document of the case (a purchase ticket, say). */
export const DocumentRequestContent = z.object({
  kind: z.literal("document_request"),
  requestId: z.string(),
  title: z.string(),
  note: z.string().optional(),
});

/** Customer side: answered a document request; the file itself stays with the case's documents. */
export const DocumentReceivedContent = z.object({
  kind: z.literal("document_received"),
  requestId: z.string(),
  title: z.string(),
  name: z.string(),
});

/**
 * System side (issue 6, `shared/rating/`): the closed case asks its customer to rate it. The
 * rating itself lives on the conversation; the widget draws the card, WhatsApp gets a list.
 */
export const RatingRequestContent = z.object({
  kind: z.literal("rating_request"),
  conversationId: z.string(),
});

/**
 * What a message is, beyond its text and files. `text` on the message always holds the words
 * a person would read (the body, a caption, a button's title, an e-mail's plain text), so
 * previews and search work the same for every kind.
 */
export const MessageContent = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text") }),
  z.object({ kind: z.literal("media"), mediaType: MediaType }),
  z.object({
    kind: z.literal("location"),
    latitude: z.number(),
    longitude: z.number(),
    name: z.string().optional(),
    address: z.string().optional(),
    url: z.string().optional(),
  }),
  z.object({
    kind: z.literal("contacts"),
    contacts: z.array(
      z.object({ name: z.string(), phones: z.array(z.string()), emails: z.array(z.string()) }),
    ),
  }),
  /** The customer picked a reply button, a list row or a quick reply. */
  z.object({ kind: z.literal("choice"), choice: Choice }),
  /** A reaction to an earlier message; an empty emoji takes the reaction back. */
  z.object({ kind: z.literal("reaction"), emoji: z.string(), targetExternalId: z.string() }),
  /** A form the customer filled in (WhatsApp Flows). */
  z.object({
    kind: z.literal("form"),
    fields: z.array(z.object({ name: z.string(), value: z.string() })),
  }),
  z.object({
    kind: z.literal("order"),
    items: z.array(
      z.object({
        productId: z.string(),
        quantity: z.number(),
        price: z.number().optional(),
        currency: z.string().optional(),
      }),
    ),
  }),
  /** Something the platform tells about the customer (a new number, a new identity). */
  z.object({ kind: z.literal("system"), event: z.string() }),
  ButtonsContent,
  ListContent,
  TemplateContent,
  ApprovalRequestContent,
  // Documents of a case (`shared/documents/`): the agent's request card, and the customer's answer
  // to it, whose file is fetched only through the case's document link.
  DocumentRequestContent,
  DocumentReceivedContent,
  // A card of the material catalog (`shared/catalog/`), drawn whole by the widget and console.
  CardContent,
  RatingRequestContent,
  z.object({
    kind: z.literal("email"),
    subject: z.string(),
    from: z.string(),
    to: z.array(z.string()),
    cc: z.array(z.string()),
  }),
  /**
   * A type we do not know, or one the platform could not deliver: kept and shown as such,
   * never dropped. `raw` is the provider's JSON for it, cut at 4 KB.
   */
  z.object({
    kind: z.literal("unsupported"),
    providerType: z.string(),
    reason: z.string().optional(),
    raw: z.string(),
  }),
]);
export type MessageContent = z.infer<typeof MessageContent>;

/** Who wrote, as the channel knows him: `address` is where replies go (wa_id, PSID, e-mail address). */
export const ChannelContact = z.object({
  address: z.string().min(1),
  name: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
});
export type ChannelContact = z.infer<typeof ChannelContact>;

export const InboundMessage = z.object({
  channel: ExternalChannel,
  /** Our account on the channel: the WhatsApp phone_number_id, the Facebook page id, our receiving address. */
  accountId: z.string().min(1),
  /** The provider's id of the message (wamid, mid, Message-ID): what makes a redelivery one message. */
  externalId: z.string().min(1),
  from: ChannelContact,
  sentAt: z.string().datetime(),
  text: z.string(),
  content: MessageContent,
  media: z.array(InboundMedia),
  /** The provider id of the message this one answers (WhatsApp context, Messenger reply_to). */
  replyToExternalId: z.string().optional(),
  forwarded: z.boolean().optional(),
  /** E-mail threading: the ids this message refers to, newest last (In-Reply-To, then References). */
  threadRefs: z.array(z.string()).optional(),
});
export type InboundMessage = z.infer<typeof InboundMessage>;

export const DeliveryState = z.enum(["queued", "sent", "delivered", "read", "failed"]);
export type DeliveryState = z.infer<typeof DeliveryState>;

/** A receipt for one of our outgoing messages, by its provider id, or for all up to a time (Messenger watermarks). */
export const StatusUpdate = z.object({
  channel: ExternalChannel,
  accountId: z.string(),
  recipient: z.string(),
  state: DeliveryState.exclude(["queued"]),
  at: z.string().datetime(),
  /** One message, or (when absent) every message to `recipient` sent up to `at`. */
  externalId: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type StatusUpdate = z.infer<typeof StatusUpdate>;

/** A message our own page sent (Messenger `is_echo`): never the customer's words. */
export const EchoedMessage = z.object({
  channel: ExternalChannel,
  accountId: z.string(),
  externalId: z.string(),
  recipient: z.string(),
  text: z.string(),
  sentAt: z.string().datetime(),
});
export type EchoedMessage = z.infer<typeof EchoedMessage>;

/**
 * One webhook body, normalised. An entry that cannot be read lands in `rejected` with the
 * reason while the others go on; entries that need no action (an opt-in, a referral) in `ignored`.
 */
export type NormalisedWebhook = {
  messages: InboundMessage[];
  statuses: StatusUpdate[];
  echoes: EchoedMessage[];
  rejected: { reason: string; raw: string }[];
  ignored: { reason: string }[];
};
