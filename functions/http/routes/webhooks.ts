import { createHash } from "node:crypto";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { acceptInboundMessage } from "../../../shared/channels/accept-inbound.js";
import { applyStatus } from "../../../shared/channels/apply-status.js";
import type { NormalisedWebhook } from "../../../shared/channels/inbound.js";
import { MalformedWebhookError } from "../../../shared/channels/malformed-webhook.js";
import { normaliseMessengerWebhook } from "../../../shared/channels/messenger/normalise-webhook.js";
import { verifyMetaSignature } from "../../../shared/channels/webhook-signature.js";
import { normaliseWhatsAppWebhook } from "../../../shared/channels/whatsapp/normalise-webhook.js";
import type { MetaAppConfig } from "../../config.js";
import { logger, metrics } from "../../observability.js";
import type { Runtime } from "../../ports.js";
import type { ErrorBody } from "../errors.js";

/** Meta's webhooks are small; anything near this is not one. */
const MAX_WEBHOOK_BYTES = 1024 * 1024;

type MetaChannel = "whatsapp" | "messenger";

function countMetric(name: string, channel: MetaChannel, value = 1) {
  const single = metrics.singleMetric();
  single.addDimension("channel", channel);
  single.addMetric(name, MetricUnit.Count, value);
}

/**
 * Meta's webhook endpoints for WhatsApp and Messenger: the verification handshake, then
 * deliveries checked against the app secret over the exact bytes received, before anything is
 * parsed. A delivery is answered 200 only once each of its messages is stored, so Meta's
 * retries cover any failure before that; a body that is signed but unreadable is archived for
 * replay, counted for the alarm, and answered 200, because Meta redelivering it would not help.
 */
export function webhookRoutes(runtime: Runtime) {
  const app = new Hono();
  app.use(
    bodyLimit({
      maxSize: MAX_WEBHOOK_BYTES,
      onError: (c) =>
        c.json<ErrorBody>(
          { error: { code: "payload_too_large", message: "Webhook bodies are limited to 1 MB" } },
          413,
        ),
    }),
  );
  const { whatsapp, messenger } = runtime.config.channels;
  addMetaWebhook(app, runtime, "whatsapp", whatsapp, normaliseWhatsAppWebhook);
  addMetaWebhook(app, runtime, "messenger", messenger, normaliseMessengerWebhook);
  return app;
}

function addMetaWebhook(
  app: Hono,
  runtime: Runtime,
  channel: MetaChannel,
  settings: MetaAppConfig,
  normalise: (body: unknown) => NormalisedWebhook,
) {
  const { ports } = runtime;

  app.get(`/${channel}`, (c) => {
    const mode = c.req.query("hub.mode");
    const token = c.req.query("hub.verify_token");
    const challenge = c.req.query("hub.challenge");
    if (!mode || !token || !challenge) {
      return c.json<ErrorBody>(
        {
          error: {
            code: "invalid_request",
            message: "hub.mode, hub.verify_token and hub.challenge are required",
          },
        },
        400,
      );
    }
    if (mode !== "subscribe" || token !== settings.verifyToken) {
      return c.json<ErrorBody>(
        { error: { code: "verify_token_mismatch", message: "Verification refused" } },
        403,
      );
    }
    return c.text(challenge, 200);
  });

  app.post(`/${channel}`, async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const signature = c.req.header("x-hub-signature-256");
    const signed = signature
      ? verifyMetaSignature(raw, signature, settings.appSecret, "sha256")
      : verifyMetaSignature(raw, c.req.header("x-hub-signature"), settings.appSecret, "sha1");
    if (!signed) {
      countMetric("WebhookSignatureRefused", channel);
      return c.json<ErrorBody>(
        { error: { code: "invalid_signature", message: "The webhook signature does not match" } },
        401,
      );
    }

    let webhook: NormalisedWebhook;
    try {
      webhook = normalise(JSON.parse(new TextDecoder().decode(raw)));
    } catch (error) {
      if (!(error instanceof SyntaxError || error instanceof MalformedWebhookError)) throw error;
      await archive(runtime, channel, raw, error.message);
      return c.json({ received: 0, archived: true }, 200);
    }

    const [accepted, statuses] = await Promise.all([
      Promise.all(webhook.messages.map((message) => acceptInboundMessage(ports, message))),
      Promise.all(webhook.statuses.map((status) => applyStatus(ports, status))),
      ...webhook.rejected.map((entry) =>
        archive(runtime, channel, new TextEncoder().encode(entry.raw), entry.reason),
      ),
    ]);
    const unrouted = [...accepted, ...statuses].filter((outcome) => outcome === "unrouted").length;
    if (unrouted > 0) {
      countMetric("WebhookUnrouted", channel, unrouted);
      logger.warn("Webhook for an account no tenant has", { channel, unrouted });
    }
    return c.json(
      {
        received: accepted.filter((outcome) => outcome === "accepted").length,
        duplicates: accepted.filter((outcome) => outcome === "duplicate").length,
        statuses: statuses.length,
        rejected: webhook.rejected.length,
      },
      200,
    );
  });
}

/** Keeps what could not be read, by its hash (a redelivery overwrites), for a person to replay. */
async function archive(runtime: Runtime, channel: MetaChannel, raw: Uint8Array, reason: string) {
  const hash = createHash("sha256").update(raw).digest("hex");
  const day = runtime.ports.clock.now().toISOString().slice(0, 10);
  const key = `webhook-archive/${channel}/${day}/${hash}.json`;
  await runtime.ports.files.put(key, raw, "application/json");
  countMetric("WebhooksArchived", channel);
  logger.error("Webhook archived for replay", { channel, key, reason });
  return key;
}
