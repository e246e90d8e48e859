import { type SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import addressparser from "nodemailer/lib/addressparser";
import { composeEmail, emailHeadersOf, type FetchFile } from "../../channels/email/compose-email.js";
import { ChannelSendError, type ChannelSender } from "../../channels/outbound.js";

/** Refusals that stay until someone fixes the account or the identity: retrying cannot help. */
const PERMANENT: Record<string, string> = {
  MessageRejected: "mail_rejected",
  MailFromDomainNotVerifiedException: "mail_from_not_verified",
  AccountSuspendedException: "mail_account_suspended",
  SendingPausedException: "mail_sending_paused",
};

const THROTTLED = new Set(["TooManyRequestsException", "LimitExceededException", "ThrottlingException"]);

type ServiceFailure = Error & { $fault?: "client" | "server"; $retryable?: { throttling?: boolean } };

function toSendError(error: unknown): ChannelSendError {
  const failure = error as ServiceFailure;
  const permanent = PERMANENT[failure.name];
  if (permanent) return new ChannelSendError(false, permanent, failure.message, { cause: error });
  if (THROTTLED.has(failure.name) || failure.$retryable?.throttling) {
    return new ChannelSendError(true, "mail_throttled", failure.message, { cause: error });
  }
  // Any other refusal of the request (a bad address, a configuration set that does not exist).
  if (failure.$fault === "client") {
    return new ChannelSendError(false, "mail_refused", failure.message, { cause: error });
  }
  // A 5xx, or no answer at all (network, timeout).
  return new ChannelSendError(true, "mail_unreachable", failure.message, { cause: error });
}

/** us-east-1 kept the domain SES used before it had other regions. */
async function messageIdDomain(client: SESv2Client): Promise<string> {
  const region = await client.config.region();
  return region === "us-east-1" ? "email.amazonses.com" : `${region}.amazonses.com`;
}

export type SesMailSenderOptions = { configurationSetName?: string; fetchFile: FetchFile };

/**
 * Sends our e-mails with SES v2 as raw MIME, so our threading headers (In-Reply-To,
 * References) and attachments go out as composed.
 *
 * SES replaces any Message-ID we set with its own, `<MessageId@region.amazonses.com>`
 * (https://docs.aws.amazon.com/ses/latest/dg/header-fields.html), and that is the id the
 * customer's mail program quotes when replying. So the external id returned is the one SES
 * wrote, not `message.email.messageId`: threading a reply back must match on it.
 */
export function createSesMailSender(client: SESv2Client, options: SesMailSenderOptions): ChannelSender {
  return {
    async send(message) {
      const email = emailHeadersOf(message);
      const data = await composeEmail(message, options.fetchFile);
      const command = new SendEmailCommand({
        // The bare address: a display name with accents would have to be MIME-encoded here, and
        // the From header in the raw message already carries it, encoded.
        FromEmailAddress: addressparser(email.from, { flatten: true })[0]?.address ?? email.from,
        Destination: { ToAddresses: email.to, CcAddresses: email.cc },
        Content: { Raw: { Data: data } },
        ...(options.configurationSetName ? { ConfigurationSetName: options.configurationSetName } : {}),
      });
      const { MessageId } = await client.send(command).catch((error: unknown) => {
        throw toSendError(error);
      });
      // SES always names what it accepted; the type says optional, and sending again would duplicate the mail.
      return { externalId: MessageId ? `<${MessageId}@${await messageIdDomain(client)}>` : email.messageId };
    },
  };
}
