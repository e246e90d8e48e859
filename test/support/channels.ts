import { randomBytes, randomInt } from "node:crypto";
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

/** A webhook body in Meta's shape: one change on our number carrying `value`. */
function whatsAppChange(phoneNumberId: string, value: Record<string, unknown>) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550100", phone_number_id: phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

/** `messages` from one customer to our number. */
export function whatsAppMessages(phoneNumberId: string, from: Sender, messages: Record<string, unknown>[]) {
  return whatsAppChange(phoneNumberId, {
    contacts: [{ profile: { name: from.name }, wa_id: from.waId }],
    messages: messages.map((message) => ({
      from: from.waId,
      timestamp: String(Math.floor(Date.now() / 1000)),
      ...message,
    })),
  });
}

export const whatsAppText = (phoneNumberId: string, from: Sender, text: string, id = wamid()) =>
  whatsAppMessages(phoneNumberId, from, [{ id, type: "text", text: { body: text } }]);

/** Receipts for messages we sent from our number. */
export const whatsAppStatuses = (phoneNumberId: string, statuses: Record<string, unknown>[]) =>
  whatsAppChange(phoneNumberId, { statuses });

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
