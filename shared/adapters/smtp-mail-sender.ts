import { createTransport } from "nodemailer";
import type { NodemailerError } from "nodemailer/lib/errors";
import { composeEmail, emailHeadersOf, type FetchFile } from "../channels/email/compose-email.js";
import { ChannelSendError, type ChannelSender } from "../channels/outbound.js";

/** A refused envelope or message that no server reply explains: our own data is wrong, retrying gets the same. */
const OUR_FAULT = new Set(["EENVELOPE", "EMESSAGE"]);

/**
 * A server reply classifies itself: nodemailer marks it `permanent` for 5xx (except 503, a
 * session in the wrong state, which a new connection may get past). Without a reply the
 * server was not reached, or went away: worth trying again.
 */
function toSendError(error: unknown): ChannelSendError {
  const failure = error as NodemailerError;
  const reply = failure.response ?? failure.message;
  if (typeof failure.responseCode === "number" && failure.responseCode >= 400) {
    return failure.permanent
      ? new ChannelSendError(false, "mail_rejected", reply, { cause: error })
      : new ChannelSendError(true, "mail_deferred", reply, { cause: error });
  }
  if (failure.code && OUR_FAULT.has(failure.code)) {
    return new ChannelSendError(false, "mail_rejected", failure.message, { cause: error });
  }
  return new ChannelSendError(true, "mail_unreachable", failure.message, { cause: error });
}

export type SmtpMailSenderOptions = { host: string; port: number; fetchFile: FetchFile };

/**
 * Sends our e-mails through an SMTP server that asks for no login (the local cloud's
 * customers' mail server). The raw message is ours, so the Message-ID we set is the one the
 * customer's reply will quote.
 */
export function createSmtpMailSender(options: SmtpMailSenderOptions): ChannelSender {
  const transport = createTransport({
    host: options.host,
    port: options.port,
    secure: false,
    // nodemailer waits up to 2 minutes to connect and 10 for a silent socket: far longer than
    // the outbox should hold one message before retrying it.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      const email = emailHeadersOf(message);
      const raw = await composeEmail(message, options.fetchFile);
      await transport
        .sendMail({ raw: Buffer.from(raw), envelope: { from: email.from, to: email.to, cc: email.cc } })
        .catch((error: unknown) => {
          throw toSendError(error);
        });
      return { externalId: email.messageId };
    },
  };
}
