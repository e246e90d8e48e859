import { createHash } from "node:crypto";
import { type AddressObject, type Attachment, type EmailAddress, simpleParser } from "mailparser";
import { type InboundMedia, InboundMessage } from "../inbound.js";

/** A received e-mail that cannot become a message: there is nobody to answer. */
export class UnreadableEmailError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UnreadableEmailError";
  }
}

export type EmailAttachmentFile = { name: string; contentType: string; bytes: Uint8Array };

/** Puts one attachment in the file store, where the domain finds it as `{ from: "stored", key }`. */
export type StoreAttachment = (file: EmailAttachmentFile) => Promise<{ key: string; size: number }>;

export type ParseEmailOptions = {
  /** Our receiving address the mail was sent to. */
  accountId: string;
  storeAttachment: StoreAttachment;
};

/** Every mailbox of a header, members of a group included, lower-cased. */
function addresses(header: AddressObject | AddressObject[] | undefined): string[] {
  const mailboxes = (entry: EmailAddress): EmailAddress[] =>
    entry.group ? entry.group.flatMap(mailboxes) : [entry];
  return [header ?? []]
    .flat()
    .flatMap((object) => object.value.flatMap(mailboxes))
    .flatMap((mailbox) => (mailbox.address ? [mailbox.address.toLowerCase()] : []));
}

/** Message-IDs of References and In-Reply-To, oldest first; a header may hold several, space separated. */
function messageIds(header: string | string[] | undefined): string[] {
  return [header ?? []].flat().flatMap((value) => value.split(/\s+/).filter(Boolean));
}

/**
 * An image the HTML shows through `cid:` and that has no name is part of the layout (a logo in
 * a signature); the HTML itself is dropped, so such images would only be noise. Anything the
 * sender named, or attached, is kept.
 */
function isRealAttachment(attachment: Attachment): boolean {
  return Boolean(attachment.filename) || !attachment.related;
}

/**
 * One e-mail, raw as it came over SMTP, as an `InboundMessage`: the plain text the customer
 * wrote (HTML only mails converted to text, quoted replies kept), the addresses, the threading
 * ids, and every attachment already put in the file store.
 */
export async function parseEmail(raw: Uint8Array, options: ParseEmailOptions): Promise<InboundMessage> {
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  // cid: images stay links: the HTML is never kept, so inlining them as data: URLs is wasted work.
  const mail = await simpleParser(bytes, { skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true });

  const fromMailbox = mail.from?.value.find((mailbox) => mailbox.address);
  if (!fromMailbox?.address) throw new UnreadableEmailError("The e-mail has no From address");
  const address = fromMailbox.address.toLowerCase();

  const media: InboundMedia[] = [];
  for (const [index, attachment] of mail.attachments.filter(isRealAttachment).entries()) {
    const fileName = attachment.filename ?? `attachment-${index + 1}`;
    const stored = await options.storeAttachment({
      name: fileName,
      contentType: attachment.contentType,
      bytes: attachment.content,
    });
    media.push({
      source: { from: "stored", key: stored.key, size: stored.size },
      mimeType: attachment.contentType,
      fileName,
    });
  }

  // A redelivered mail without a Message-ID must still be recognised as the same message.
  const externalId =
    mail.messageId ?? `<${createHash("sha256").update(bytes).digest("hex")}@atiende.invalid>`;
  const threadRefs = [...new Set([...messageIds(mail.references), ...messageIds(mail.inReplyTo)])];

  return InboundMessage.parse({
    channel: "email",
    accountId: options.accountId,
    externalId,
    from: { address, name: fromMailbox.name || undefined, email: address },
    sentAt: (mail.date ?? new Date()).toISOString(),
    text: mail.text ?? "",
    content: {
      kind: "email",
      subject: mail.subject ?? "",
      from: address,
      to: addresses(mail.to),
      cc: addresses(mail.cc),
    },
    media,
    threadRefs,
  });
}
