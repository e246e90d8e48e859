import { join } from "node:path";
import type { Hono } from "hono";
import type { ChannelsConfig } from "../../functions/config.js";
import { logger } from "../../functions/observability.js";
import { drainOutbox } from "../../shared/channels/deliver-outgoing.js";
import { receiveEmail } from "../../shared/channels/email/receive-email.js";
import type { Ports } from "../../shared/ports.js";
import { createMailSimulator } from "./mail/mail-simulator.js";
import { startInboundSmtp } from "./mail/smtp-inbound.js";
import { createMessengerSimulator } from "./sim/messenger-simulator.js";
import { createWhatsAppSimulator } from "./sim/whatsapp-simulator.js";

/** Our accounts on each channel in the local cloud: the simulators play Meta for them. */
export const LOCAL_CHANNEL_ACCOUNTS = {
  whatsapp: { accountId: "100000000000001", label: "+52 55 5000 0001" },
  messenger: { accountId: "200000000000001", label: "Banco Demo" },
  email: { accountId: "soporte@demo.atiende.local", label: "soporte@demo.atiende.local" },
} as const;

const GRAPH_VERSION = "v21.0";

/**
 * The channels' secrets come from the environment, as in AWS; these defaults only ever talk
 * to the local simulators and are documented in the README.
 */
export function localChannelSecrets(env: NodeJS.ProcessEnv = process.env) {
  return {
    whatsappAppSecret: env.WHATSAPP_APP_SECRET ?? "local-whatsapp-app-secret",
    whatsappVerifyToken: env.WHATSAPP_VERIFY_TOKEN ?? "local-whatsapp-verify-token",
    whatsappAccessToken: env.WHATSAPP_ACCESS_TOKEN ?? "local-whatsapp-access-token",
    messengerAppSecret: env.MESSENGER_APP_SECRET ?? "local-messenger-app-secret",
    messengerVerifyToken: env.MESSENGER_VERIFY_TOKEN ?? "local-messenger-verify-token",
    messengerAccessToken: env.MESSENGER_ACCESS_TOKEN ?? "local-messenger-access-token",
  };
}

/**
 * WhatsApp, Messenger and e-mail on one machine: Meta's side played by the simulators at
 * `/sim/whatsapp` and `/sim/messenger` (the Graph API included, so our senders run unchanged),
 * an SMTP server taking customers' mail, a mailbox at `/sim/mail` for what we send, and the
 * outbox drained every second instead of every minute.
 */
export async function startLocalChannels(options: {
  url: string;
  dataDir: string;
  smtpPort: number;
  ports: () => Ports;
}) {
  const { url } = options;
  const secrets = localChannelSecrets();
  const whatsappGraph = process.env.WHATSAPP_GRAPH_URL ?? `${url}/sim/whatsapp/graph/${GRAPH_VERSION}`;
  const messengerGraph = process.env.MESSENGER_GRAPH_URL ?? `${url}/sim/messenger/graph/${GRAPH_VERSION}`;

  const whatsapp = createWhatsAppSimulator({
    webhookUrl: `${url}/webhooks/whatsapp`,
    appSecret: secrets.whatsappAppSecret,
    accessToken: secrets.whatsappAccessToken,
    phoneNumberId: LOCAL_CHANNEL_ACCOUNTS.whatsapp.accountId,
    displayPhoneNumber: LOCAL_CHANNEL_ACCOUNTS.whatsapp.label,
    publicUrl: `${url}/sim/whatsapp`,
  });
  const messenger = createMessengerSimulator({
    webhookUrl: `${url}/webhooks/messenger`,
    appSecret: secrets.messengerAppSecret,
    accessToken: secrets.messengerAccessToken,
    pageId: LOCAL_CHANNEL_ACCOUNTS.messenger.accountId,
    pageName: LOCAL_CHANNEL_ACCOUNTS.messenger.label,
    publicUrl: `${url}/sim/messenger`,
  });

  const smtp = await startInboundSmtp({
    port: options.smtpPort,
    acceptRecipient: () => true,
    onMessage: async (raw, envelope) => {
      const outcome = await receiveEmail(options.ports(), raw, envelope.to);
      if (outcome === "unrouted") logger.warn("Mail for an address no tenant has", { to: envelope.to });
    },
  });
  const mail = await createMailSimulator({
    dataDir: join(options.dataDir, "mail"),
    outgoingSmtpPort: 0,
    atiendeSmtp: { host: "127.0.0.1", port: smtp.port },
    defaultTo: LOCAL_CHANNEL_ACCOUNTS.email.accountId,
    publicUrl: `${url}/sim/mail`,
  });

  let draining = false;
  const drainer = setInterval(async () => {
    if (draining) return;
    draining = true;
    try {
      await drainOutbox(options.ports());
    } catch (error) {
      logger.error("Outbox drain failed", { error });
    } finally {
      draining = false;
    }
  }, 1000);

  const config: ChannelsConfig = {
    whatsapp: {
      graphUrl: whatsappGraph,
      accessToken: secrets.whatsappAccessToken,
      appSecret: secrets.whatsappAppSecret,
      verifyToken: secrets.whatsappVerifyToken,
    },
    messenger: {
      graphUrl: messengerGraph,
      accessToken: secrets.messengerAccessToken,
      appSecret: secrets.messengerAppSecret,
      verifyToken: secrets.messengerVerifyToken,
    },
    mail: { via: "smtp", host: "127.0.0.1", port: mail.sinkPort },
    trustedMediaOrigins: [new URL(url).origin],
  };

  return {
    config,
    whatsapp,
    messenger,
    mail,
    smtpPort: smtp.port,
    // biome-ignore lint/suspicious/noExplicitAny: mounted on the app of any hono environment
    mount(app: Hono<any>) {
      app.route("/sim/whatsapp", whatsapp.app);
      app.route("/sim/messenger", messenger.app);
      app.route("/sim/mail", mail.app);
    },
    async stop() {
      clearInterval(drainer);
      whatsapp.stop();
      messenger.stop();
      await Promise.all([mail.close(), smtp.close()]);
    },
  };
}

export type LocalChannels = Awaited<ReturnType<typeof startLocalChannels>>;
