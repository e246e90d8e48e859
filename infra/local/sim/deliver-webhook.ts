import { setTimeout as sleep } from "node:timers/promises";
import { logger } from "../../../functions/observability.js";
import {
  type SignatureAlgorithm,
  signMetaBody,
  toMetaJson,
} from "../../../shared/channels/webhook-signature.js";

/**
 * Meta retries a webhook that got no 2xx, less and less often, for up to 7 days; locally a few
 * quick tries are enough to see that our receiver copes with a redelivery.
 */
const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 30_000];

/** How long one attempt waits for our answer before it counts as failed. */
const ATTEMPT_TIMEOUT_MS = 10_000;

/** How many deliveries are kept for the page and the tests to look at. */
const KEPT_DELIVERIES = 200;

const SIGNATURE_HEADERS: Record<SignatureAlgorithm, string> = {
  sha256: "x-hub-signature-256",
  sha1: "x-hub-signature",
};

export type DeliveryAttempt = { at: string; status?: number; error?: string };

export type WebhookDelivery = {
  seq: number;
  /** Exactly the bytes sent (and signed), as `toMetaJson` wrote them. */
  body: string;
  attempts: DeliveryAttempt[];
  outcome: "pending" | "delivered" | "gave_up";
};

export type WebhookDelivererOptions = {
  url: string;
  appSecret: string;
  /** WhatsApp signs with SHA-256; Messenger still adds the legacy SHA-1 header. */
  signatures: readonly SignatureAlgorithm[];
  retryDelaysMs?: readonly number[];
  /** Aborted when the simulator stops: pending retries are dropped. */
  signal: AbortSignal;
};

/** Posts webhooks as Meta does: signed over the exact body, retried until a 2xx, every attempt recorded. */
export function createWebhookDeliverer(options: WebhookDelivererOptions) {
  const { url, appSecret, signatures, signal } = options;
  const retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const deliveries: WebhookDelivery[] = [];
  let seq = 0;

  async function attempt(body: string, headers: Record<string, string>): Promise<DeliveryAttempt> {
    const at = new Date().toISOString();
    try {
      const response = await fetch(url, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.any([signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
      });
      await response.body?.cancel();
      return { at, status: response.status };
    } catch (error) {
      return { at, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Resolves once the webhook was accepted or every retry failed. */
  async function deliver(payload: unknown): Promise<WebhookDelivery> {
    const body = toMetaJson(payload);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "facebookexternalua",
    };
    for (const algorithm of signatures)
      headers[SIGNATURE_HEADERS[algorithm]] = signMetaBody(body, appSecret, algorithm);
    const delivery: WebhookDelivery = { seq: ++seq, body, attempts: [], outcome: "pending" };
    deliveries.push(delivery);
    if (deliveries.length > KEPT_DELIVERIES) deliveries.shift();

    for (const wait of [0, ...retryDelaysMs]) {
      if (signal.aborted) break;
      if (wait > 0) await sleep(wait, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) break;
      const result = await attempt(body, headers);
      delivery.attempts.push(result);
      if (result.status !== undefined && result.status >= 200 && result.status < 300) {
        delivery.outcome = "delivered";
        return delivery;
      }
    }
    delivery.outcome = "gave_up";
    if (!signal.aborted) logger.warn("Simulated Meta webhook was never accepted", { url, seq: delivery.seq });
    return delivery;
  }

  return { deliver, deliveries: (): readonly WebhookDelivery[] => deliveries };
}
