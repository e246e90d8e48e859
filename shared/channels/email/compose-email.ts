import MailComposer from "nodemailer/lib/mail-composer";
import { ChannelSendError, type OutgoingFile, type OutgoingMessage } from "../outbound.js";

export type EmailHeaders = NonNullable<OutgoingMessage["email"]>;

/** Reads one of the message's files; the senders are given one that downloads `file.url`. */
export type FetchFile = (file: OutgoingFile) => Promise<Uint8Array>;

/**
 * The e-mail part of an outgoing message. Without it there is nothing to address the mail
 * with, and retrying would not change that: a permanent failure the agent sees.
 */
export function emailHeadersOf(message: OutgoingMessage): EmailHeaders {
  if (message.channel !== "email" || !message.email) {
    throw new ChannelSendError(
      false,
      "email_headers_missing",
      "The message has no e-mail headers to send with",
    );
  }
  return message.email;
}

/** The raw MIME message (RFC 5322) for one of our e-mails: headers, plain text and attachments. */
export async function composeEmail(message: OutgoingMessage, fetchFile: FetchFile): Promise<Uint8Array> {
  const email = emailHeadersOf(message);
  const attachments = await Promise.all(
    message.files.map(async (file) => ({
      filename: file.name,
      contentType: file.contentType,
      content: Buffer.from(await fetchFile(file)),
    })),
  );
  const composer = new MailComposer({
    from: email.from,
    to: email.to,
    cc: email.cc.length > 0 ? email.cc : undefined,
    subject: email.subject,
    text: message.text,
    messageId: email.messageId,
    inReplyTo: email.inReplyTo,
    references: email.references.length > 0 ? email.references : undefined,
    attachments,
    // Everything is given as content: a path or URL in a message must never be read.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return composer.compile().build();
}
