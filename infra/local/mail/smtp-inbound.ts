import { SMTPServer, type SMTPServerError } from "smtp-server";

/** What SES takes in a received mail, so that what works locally works in AWS. */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export type SmtpEnvelope = { from: string; to: string[] };

export type InboundSmtpOptions = {
  /** Loopback unless told otherwise: this server authenticates nobody. */
  host?: string;
  /** 0 picks a free port; the one taken is in the result. */
  port: number;
  acceptRecipient: (address: string) => boolean;
  /** Keeps the mail; the sender hears 250 only once it resolved. */
  onMessage: (raw: Buffer, envelope: SmtpEnvelope) => Promise<void>;
};

export type InboundSmtp = { port: number; close(): Promise<void> };

function smtpError(responseCode: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * A mail server (MX) on one machine: takes mail for the addresses `acceptRecipient` knows and
 * hands each one to `onMessage`, the way SES receiving hands it to S3 in AWS. No AUTH, no TLS:
 * it listens on loopback only. A mail is acknowledged only once stored, so that a sender that
 * heard 250 can forget it; a failure to store answers 451 and the sender tries again later.
 */
export async function startInboundSmtp(options: InboundSmtpOptions): Promise<InboundSmtp> {
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: MAX_MESSAGE_BYTES,
    rejectOversized: true,
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.acceptRecipient(address.address)) return callback();
      callback(smtpError(550, `No mailbox here for ${address.address}`));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      // An oversized mail is still read to its end (the protocol needs it) but not kept.
      stream.on("data", (chunk: Buffer) => {
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          return callback(smtpError(552, `Message exceeds the maximum size of ${MAX_MESSAGE_BYTES} bytes`));
        }
        const { mailFrom, rcptTo } = session.envelope;
        const envelope = { from: mailFrom ? mailFrom.address : "", to: rcptTo.map((rcpt) => rcpt.address) };
        Promise.resolve()
          .then(() => options.onMessage(Buffer.concat(chunks), envelope))
          .then(
            () => callback(),
            (error: unknown) => {
              // The cause stays here: the sender is only told to come back later.
              console.error("Inbound mail could not be stored:", error);
              callback(smtpError(451, "Temporary failure storing the message, try again later"));
            },
          );
      });
    },
  });

  // smtp-server reports a client that hangs up mid-session as an error event; with no listener
  // that would end the whole process.
  server.on("error", () => {});

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => {
      server.server.off("error", reject);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    port: typeof address === "object" && address ? address.port : options.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
