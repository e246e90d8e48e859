import { randomBytes, randomInt } from "node:crypto";
import {
  messageWebhook,
  statusWebhook,
  unixSeconds,
  type WhatsAppInboundMessage,
  type WhatsAppStatus,
} from "../../infra/local/sim/whatsapp-webhooks.js";
import { registerChannelAccount } from "../../shared/channels/channel-accounts.js";
import { signMetaBody, toMetaJson } from "../../shared/channels/webhook-signature.js";
import { api } from "./api.js";
import type { Stack } from "./stack.js";

/** A WhatsApp phone number id of the test's own, routed to `tenantId`. */
export async function registerWhatsApp(stack: Stack, tenantId: string) {
  const accountId = `1${randomInt(10 ** 12, 10 ** 13)}`;
  await registerChannelAccount(stack.runtime.ports, {
    channel: "whatsapp",
    accountId,
    tenantId,
    label: "+1 555 0100",
  });
  return accountId;
}

/** A Facebook page id of the test's own, routed to `tenantId`. */
export async function registerMessenger(stack: Stack, tenantId: string) {
  const accountId = `1${randomInt(10 ** 12, 10 ** 13)}`;
  await registerChannelAccount(stack.runtime.ports, {
    channel: "messenger",
    accountId,
    tenantId,
    label: "Página",
  });
  return accountId;
}

export const wamid = () => `wamid.${randomBytes(18).toString("base64url")}`;

type Sender = { waId: string; name: string };

/** Our number as the webhooks name it. */
const business = (phoneNumberId: string) => ({
  businessAccountId: "102290129340398",
  phoneNumberId,
  displayPhoneNumber: "15550100",
});

/**
 * `messages` from one customer to our number. Test messages may leave out what a real one
 * always has (an id, say), to prove what the receiver makes of that.
 */
export function whatsAppMessages(phoneNumberId: string, from: Sender, messages: Record<string, unknown>[]) {
  return messageWebhook(
    business(phoneNumberId),
    from,
    ...messages.map(
      (message) =>
        ({ from: from.waId, timestamp: unixSeconds(Date.now()), ...message }) as WhatsAppInboundMessage,
    ),
  );
}

export const whatsAppText = (phoneNumberId: string, from: Sender, text: string, id = wamid()) =>
  whatsAppMessages(phoneNumberId, from, [{ id, type: "text", text: { body: text } }]);

/** Receipts for messages we sent from our number. */
export const whatsAppStatuses = (phoneNumberId: string, statuses: Record<string, unknown>[]) =>
  statusWebhook(business(phoneNumberId), ...(statuses as WhatsAppStatus[]));

/** Posts to one of Meta's webhook endpoints as Meta does: the exact bytes, signed with the app secret. */
export async function postWebhook(
  stack: Stack,
  channel: "whatsapp" | "messenger",
  body: unknown,
  options: { raw?: string; signature?: string | null; secret?: string } = {},
) {
  const raw = options.raw ?? toMetaJson(body);
  const secret = options.secret ?? stack.config.channels[channel].appSecret;
  const signature = options.signature === undefined ? signMetaBody(raw, secret) : options.signature;
  return api(stack.url, `/webhooks/${channel}`, {
    method: "POST",
    rawBody: raw,
    headers: signature === null ? {} : { "x-hub-signature-256": signature },
  });
}
