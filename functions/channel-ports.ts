import { SESv2Client } from "@aws-sdk/client-sesv2";
import { createSesMailSender } from "../shared/adapters/aws/ses-mail-sender.js";
import { createGraphSender } from "../shared/adapters/meta/graph-sender.js";
import { createMessengerProfiles } from "../shared/adapters/meta/messenger-profiles.js";
import { createMetaMediaFetcher } from "../shared/adapters/meta/meta-media-fetcher.js";
import * as MessengerErrors from "../shared/channels/messenger/send-api-error.js";
import { toSendApiRequests } from "../shared/channels/messenger/send-api-message.js";
import type { ChannelSender, OutgoingFile } from "../shared/channels/outbound.js";
import * as WhatsAppErrors from "../shared/channels/whatsapp/graph-error.js";
import { toGraphMessage } from "../shared/channels/whatsapp/graph-message.js";
import type { ChannelPorts } from "../shared/ports.js";
import type { Config } from "./config.js";

/** Our own presigned download of an attachment, read back to go into an e-mail. */
async function fetchFile(file: OutgoingFile) {
  const response = await fetch(file.url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`Could not read attachment ${file.name}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

const firstId = (body: unknown) => (body as { messages?: { id?: string }[] } | undefined)?.messages?.[0]?.id;
const messageId = (body: unknown) => (body as { message_id?: string } | undefined)?.message_id;

/**
 * SMTP is for the local cloud only: loaded when first used, so that no Lambda pays for
 * nodemailer's SMTP transport at cold start.
 */
function smtpSender(host: string, port: number): ChannelSender {
  const sender = import("../shared/adapters/smtp-mail-sender.js").then(({ createSmtpMailSender }) =>
    createSmtpMailSender({ host, port, fetchFile }),
  );
  return { send: async (message) => (await sender).send(message) };
}

/** The senders and the media fetcher for a configuration: the same code against Meta or the local simulators. */
export function createChannelPorts(config: Config): ChannelPorts {
  const { whatsapp, messenger, mail } = config.channels;
  return {
    senders: {
      whatsapp: createGraphSender({
        graphUrl: whatsapp.graphUrl,
        accessToken: whatsapp.accessToken,
        toRequests: (message) => [
          { path: `/${encodeURIComponent(message.accountId)}/messages`, body: toGraphMessage(message) },
        ],
        readId: firstId,
        ...WhatsAppErrors,
      }),
      messenger: createGraphSender({
        graphUrl: messenger.graphUrl,
        accessToken: messenger.accessToken,
        toRequests: (message) =>
          toSendApiRequests(message).map((body) => ({
            path: `/${encodeURIComponent(message.accountId)}/messages`,
            body,
          })),
        readId: messageId,
        ...MessengerErrors,
      }),
      email:
        mail.via === "smtp"
          ? smtpSender(mail.host, mail.port)
          : createSesMailSender(new SESv2Client({ region: config.region }), {
              ...(mail.configurationSetName && { configurationSetName: mail.configurationSetName }),
              fetchFile,
            }),
    },
    names: createMessengerProfiles({ graphUrl: messenger.graphUrl, accessToken: messenger.accessToken }),
    media: createMetaMediaFetcher({
      whatsappGraphUrl: whatsapp.graphUrl,
      whatsappAccessToken: whatsapp.accessToken,
      trustedOrigins: [new URL(messenger.graphUrl).origin, ...(config.channels.trustedMediaOrigins ?? [])],
    }),
  };
}
