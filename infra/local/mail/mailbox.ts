import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type AddressObject, simpleParser } from "mailparser";
import { z } from "zod";
import { type SmtpEnvelope, startInboundSmtp } from "./smtp-inbound.js";

export const ReceivedAttachment = z.object({
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  /** The bytes, base64: a line of the mailbox file holds the whole mail. */
  content: z.string(),
});
export type ReceivedAttachment = z.infer<typeof ReceivedAttachment>;

/** One e-mail Atiende sent to a customer, as the customer's mail program would show it. */
export const ReceivedMail = z.object({
  /** The mailbox's own number for the mail, in the order received. */
  id: z.string(),
  receivedAt: z.string(),
  envelope: z.object({ from: z.string(), to: z.array(z.string()) }),
  messageId: z.string(),
  inReplyTo: z.string().optional(),
  references: z.array(z.string()),
  from: z.object({ address: z.string(), name: z.string() }),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  subject: z.string(),
  date: z.string(),
  text: z.string(),
  attachments: z.array(ReceivedAttachment),
});
export type ReceivedMail = z.infer<typeof ReceivedMail>;

export type Mailbox = {
  /** The port the customers' mail server listens on. */
  port: number;
  /** Every mail received, oldest first. */
  messages(): ReceivedMail[];
  find(id: string): ReceivedMail | undefined;
  close(): Promise<void>;
};

function addresses(header: AddressObject | AddressObject[] | undefined): string[] {
  return [header ?? []].flat().flatMap((object) => object.value.flatMap((mailbox) => mailbox.address ?? []));
}

/** A line cut short by a crash while it was written is skipped; the rest of the mailbox survives. */
function load(file: string): ReceivedMail[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [ReceivedMail.parse(JSON.parse(line))];
      } catch {
        return [];
      }
    });
}

async function read(raw: Buffer, envelope: SmtpEnvelope): Promise<Omit<ReceivedMail, "id">> {
  const mail = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true });
  const from = mail.from?.value.find((mailbox) => mailbox.address);
  return {
    receivedAt: new Date().toISOString(),
    envelope,
    messageId: mail.messageId ?? "",
    inReplyTo: mail.inReplyTo,
    references: [mail.references ?? []].flat(),
    from: { address: from?.address ?? envelope.from, name: from?.name ?? "" },
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject: mail.subject ?? "",
    date: (mail.date ?? new Date()).toISOString(),
    text: mail.text ?? "",
    attachments: mail.attachments.map((attachment, index) => ({
      fileName: attachment.filename ?? `attachment-${index + 1}`,
      contentType: attachment.contentType,
      size: attachment.size,
      content: attachment.content.toString("base64"),
    })),
  };
}

/**
 * The customers' mail server on one machine: an SMTP server on loopback that takes every mail
 * for any address and keeps it, in memory and one JSON line per mail in `dataDir`, so a
 * restart of the local cloud keeps the mailbox.
 */
export async function startMailbox(options: { dataDir: string; port: number }): Promise<Mailbox> {
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, "mailbox.jsonl");
  const mails = load(file);
  const server = await startInboundSmtp({
    port: options.port,
    acceptRecipient: () => true,
    async onMessage(raw, envelope) {
      const parsed = await read(raw, envelope);
      // Numbered, written and listed in one synchronous step, so mails arriving together get distinct ids.
      const mail = { id: String(mails.length + 1), ...parsed };
      // Written before the mail is acknowledged: the sender counts it delivered once it hears 250.
      appendFileSync(file, `${JSON.stringify(mail)}\n`);
      mails.push(mail);
    },
  });
  return {
    port: server.port,
    messages: () => [...mails],
    find: (id) => mails.find((mail) => mail.id === id),
    close: () => server.close(),
  };
}
