import { z } from "zod";
import { ChannelSendError } from "../outbound.js";

/** Graph API's error body; every field optional, so a partial answer still gives what it has. */
const GraphErrorBody = z.object({
  error: z.object({
    message: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    is_transient: z.boolean().optional(),
  }),
});

/** Graph codes that say "try again later": unknown and service errors, throttling, temporary send failure. */
const TRANSIENT_CODES = new Set([1, 2, 4, 17, 32, 613, 1200]);
const OUTSIDE_ALLOWED_WINDOW = 2018278;

/** What a Send API refusal means for the outbox: retry it, or fail the message with a code the agent sees. */
export function toSendError(status: number, body: unknown): ChannelSendError {
  const error = GraphErrorBody.safeParse(body).data?.error ?? {};
  const { code, error_subcode: subcode } = error;
  const message = error.message ?? `Messenger answered HTTP ${status}`;

  if (code === 10 && subcode === OUTSIDE_ALLOWED_WINDOW)
    return new ChannelSendError(false, "window_closed", message);
  if (code === 551) return new ChannelSendError(false, "undeliverable", message);
  if (code === 190 || code === 200) return new ChannelSendError(false, "channel_auth", message);

  const transient =
    status >= 500 ||
    status === 429 ||
    (code !== undefined && TRANSIENT_CODES.has(code)) ||
    error.is_transient === true;
  return new ChannelSendError(
    transient,
    code === undefined ? `messenger_http_${status}` : `messenger_${code}`,
    message,
  );
}

/** A request that got no answer (DNS, TLS, reset, timeout): Messenger may be fine, so it is tried again. */
export function fromNetworkError(error: unknown): ChannelSendError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ChannelSendError(true, "channel_unreachable", `Messenger could not be reached: ${reason}`, {
    cause: error,
  });
}
