import type { SESEvent } from "aws-lambda";
import { z } from "zod";
import type { Acceptance } from "../../shared/channels/accept-inbound.js";
import { UnreadableEmailError } from "../../shared/channels/email/parse-email.js";
import { receiveEmail } from "../../shared/channels/email/receive-email.js";
import type { Ports } from "../../shared/ports.js";
import { configFromLambdaEnv } from "../config.js";
import { logger } from "../observability.js";
import { createRuntime, type Runtime } from "../ports.js";

/** Where the receipt rule's S3 action stores each mail, by SES's message id (infra/aws/constructs/mail-receiving.ts). */
export const INBOUND_MAIL_PREFIX = "inbound-mail/";

/** What we read of SES's receipt event; the message id becomes an object key, so it must be one. */
const SesReceipt = z.object({
  mail: z.object({ messageId: z.string().regex(/^[A-Za-z0-9-]{1,128}$/) }),
  receipt: z.object({
    recipients: z.array(z.string()).min(1),
    virusVerdict: z.object({ status: z.string() }).optional(),
  }),
});

export type SesReceipt = z.input<typeof SesReceipt>;

const SesEvent = z.object({ Records: z.array(z.object({ ses: SesReceipt })) });

/** The stored mail is not there: SES had not finished writing it, or it was removed. Thrown, so Lambda retries. */
export class StoredMailMissingError extends Error {
  constructor(readonly key: string) {
    super(`No mail is stored at ${key}`);
    this.name = "StoredMailMissingError";
  }
}

/**
 * One mail SES received for the support domain and stored in the files bucket: read back and
 * received like any mail (receive-email.ts), for the tenant whose address it was sent to. A
 * mail SES found a virus in never reaches an agent, and one that cannot be read is left where
 * SES stored it for a person to look at: trying it again would fail the same way.
 */
export async function receiveSesEmail(
  ports: Pick<Ports, "db" | "events" | "clock" | "files">,
  delivery: SesReceipt,
): Promise<Acceptance | "infected" | "unreadable"> {
  const { mail, receipt } = SesReceipt.parse(delivery);
  const key = `${INBOUND_MAIL_PREFIX}${mail.messageId}`;
  if (receipt.virusVerdict?.status === "FAIL") {
    logger.warn("Mail with a virus dropped", { key });
    return "infected";
  }
  const raw = await ports.files.read(key);
  if (!raw) throw new StoredMailMissingError(key);
  try {
    const outcome = await receiveEmail(ports, raw, receipt.recipients);
    if (outcome === "unrouted")
      logger.warn("Mail for an address no tenant has", { key, to: receipt.recipients });
    return outcome;
  } catch (error) {
    if (!(error instanceof UnreadableEmailError)) throw error;
    logger.error("Unreadable mail left in the bucket", { key, error });
    return "unreadable";
  }
}

// Built on the first invocation rather than at import, so the function above can be imported
// (by the tests) where there is no Lambda environment to configure from.
let runtime: Promise<Runtime> | undefined;

/** SES receipt rule's Lambda action (invoked as an event, after the S3 action stored the mail). */
export const handler = async (event: SESEvent) => {
  runtime ??= configFromLambdaEnv()
    .then((config) => createRuntime(config))
    .catch((error: unknown) => {
      runtime = undefined;
      throw error;
    });
  const { ports } = await runtime;
  for (const record of SesEvent.parse(event).Records) await receiveSesEmail(ports, record.ses);
};
