import { createHash } from "node:crypto";
import type { Ports } from "../../ports.js";
import { type Acceptance, acceptInboundMessage } from "../accept-inbound.js";
import { findChannelAccount } from "../channel-accounts.js";
import { parseEmail } from "./parse-email.js";

/** File names from a mail are the sender's words: kept readable, never a path. */
const safeName = (name: string) => name.replace(/[^\p{L}\p{N}._ -]+/gu, "_").slice(0, 120) || "adjunto";

/**
 * A mail delivered to one of our addresses (by the local SMTP server, or by SES through S3):
 * the first recipient that is a tenant's support address decides the tenant; the raw message
 * and its attachments are kept under that tenant, and the message is accepted like any
 * channel's. The same mail delivered twice is recognised by its Message-ID.
 */
export async function receiveEmail(
  ports: Pick<Ports, "db" | "events" | "clock" | "files">,
  raw: Uint8Array,
  recipients: readonly string[],
): Promise<Acceptance> {
  const account = await firstAccount(ports, recipients);
  if (!account) return "unrouted";
  const digest = createHash("sha256").update(raw).digest("hex");
  const folder = `tenants/${account.tenantId}/mail/${digest}`;
  await ports.files.put(`${folder}/message.eml`, raw, "message/rfc822");
  let index = 0;
  const message = await parseEmail(raw, {
    accountId: account.accountId,
    storeAttachment: async (file) => {
      const key = `${folder}/${index++}-${safeName(file.name)}`;
      await ports.files.put(key, file.bytes, file.contentType);
      return { key, size: file.bytes.byteLength };
    },
  });
  return acceptInboundMessage(ports, message);
}

async function firstAccount(ports: Pick<Ports, "db">, recipients: readonly string[]) {
  for (const recipient of recipients) {
    const account = await findChannelAccount(ports, "email", recipient.trim().toLowerCase());
    if (account) return account;
  }
  return undefined;
}
