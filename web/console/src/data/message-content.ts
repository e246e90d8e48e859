import type { MessageKey, Params } from "../i18n";
import type { Channel, Delivery, LoggedMessage, MessageContent, MessageInfo } from "./console-types";

/** Something to show, still to be put in the reader's language. */
export type Label = { key: MessageKey; params?: Params };

export const channelLabel = (channel: Channel): Label => ({ key: `channel.${channel}` });

/** How a file is shown: inline (an image), in a player (audio, video), or as a download. */
export function fileKind(contentType: string): "image" | "audio" | "video" | "file" {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type.startsWith("image/")) return "image";
  if (type.startsWith("audio/")) return "audio";
  if (type.startsWith("video/")) return "video";
  return "file";
}

/** A link to the place, never its tiles: the console's CSP loads no map from anywhere. */
export function openStreetMapUrl(latitude: number, longitude: number) {
  const params = new URLSearchParams({ mlat: String(latitude), mlon: String(longitude) });
  return `https://www.openstreetmap.org/?${params}#map=17/${latitude}/${longitude}`;
}

/**
 * The line that says what a message is, for the kinds whose text alone would not: a customer's
 * choice, a reaction, a platform notice, what we sent as buttons, a list or a template, and a
 * kind we cannot show (named, never hidden). Undefined for plain text, files and e-mails.
 */
export function contentNotice(content: MessageContent | undefined): Label | undefined {
  switch (content?.kind) {
    case "choice":
      return { key: "content.choice", params: { title: content.choice.title } };
    case "reaction":
      return content.emoji
        ? { key: "content.reaction", params: { emoji: content.emoji } }
        : { key: "content.reactionRemoved" };
    case "system":
      return { key: "content.system", params: { event: content.event } };
    case "buttons":
      return { key: "content.buttons" };
    case "list":
      return { key: "content.list", params: { label: content.buttonLabel } };
    case "template":
      return { key: "content.template", params: { name: content.name, language: content.language } };
    case "unsupported":
      return { key: "content.unsupported", params: { type: content.providerType } };
    case "location":
      return { key: "content.location" };
    case "contacts":
      return { key: "content.contacts" };
    case "form":
      return { key: "content.form" };
    case "order":
      return { key: "content.order" };
    case "document_request":
      return { key: "content.documentRequest", params: { title: content.title } };
    case "document_received":
      return { key: "content.documentReceived", params: { title: content.title } };
    case "rating_request":
      return { key: "content.ratingRequest" };
    default:
      return undefined;
  }
}

export const missingMediaLabel = (missing: { name: string; reason: string }): Label => ({
  key: "content.missingMedia",
  params: { name: missing.name, reason: missing.reason },
});

/** What the delivery of one of our messages says: the state, and why when it waits or failed. */
export function deliveryLabel(delivery: Delivery): Label {
  const { state, reason } = delivery;
  if (state === "queued" && reason) return { key: "delivery.retrying", params: { reason } };
  if (state === "failed" && reason) return { key: "delivery.failedReason", params: { reason } };
  return { key: `delivery.${state}` };
}

const SNIPPET_CHARS = 80;

/** A message in a few words, for a quote: its text, else its files, else what kind it is. */
export function messageSnippet(message: MessageInfo): Label | { text: string } {
  const source = message.text || message.attachments.map((a) => a.name).join(", ");
  const flat = Array.from(source.replace(/\s+/g, " ").trim());
  if (flat.length) {
    return {
      text: flat.length <= SNIPPET_CHARS ? flat.join("") : `${flat.slice(0, SNIPPET_CHARS - 1).join("")}…`,
    };
  }
  if (message.content?.kind === "media") return { key: `content.media.${message.content.mediaType}` };
  if (message.missingMedia?.[0]) return missingMediaLabel(message.missingMedia[0]);
  return contentNotice(message.content) ?? { key: "content.empty" };
}

/** The loaded message with this sequence number, for a reply's quote. */
export const messageBySeq = (log: readonly MessageInfo[], seq: number) => log.find((m) => m.seq === seq);

type Reaction = Extract<MessageContent, { kind: "reaction" }>;

export const isReaction = (message: MessageInfo): message is MessageInfo & { content: Reaction } =>
  message.content?.kind === "reaction";

/**
 * The message a reaction is about, when it is loaded: by the sequence number the server resolved
 * for it, else by the provider's id (which pushed messages carry).
 */
export function reactionTarget(log: readonly LoggedMessage[], reaction: MessageInfo & { content: Reaction }) {
  if (reaction.replyToSeq !== undefined) return messageBySeq(log, reaction.replyToSeq);
  return log.find((message) => message.externalId === reaction.content.targetExternalId);
}

/**
 * The customer's standing reaction on each message, by sequence number: the latest one wins,
 * and an empty emoji takes it back.
 */
export function reactionsBySeq(log: readonly LoggedMessage[]): ReadonlyMap<number, string> {
  const bySeq = new Map<number, string>();
  for (const message of log) {
    if (!isReaction(message)) continue;
    const target = reactionTarget(log, message)?.seq;
    if (target === undefined) continue;
    if (message.content.emoji) bySeq.set(target, message.content.emoji);
    else bySeq.delete(target);
  }
  return bySeq;
}
