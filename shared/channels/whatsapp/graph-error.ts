import { z } from "zod";
import { ChannelSendError } from "../outbound.js";

/** Throttling and passing trouble on Meta's side: the same request may pass later. */
const TRANSIENT_CODES = new Set([2, 4, 80007, 130429, 131016, 131048, 131056]);
const AUTH_CODES = new Set([10, 190]);
// Graph's permission errors are the 200-299 range.
const isPermissionCode = (code: number) => code >= 200 && code <= 299;
const isTemplateCode = (code: number) => code >= 132000 && code <= 132015;

const GraphErrorBody = z.object({
  error: z.object({
    message: z.string().optional(),
    code: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
    is_transient: z.boolean().optional(),
    error_data: z.object({ details: z.string().optional() }).optional().catch(undefined),
  }),
});

/** Turns a Graph API error answer into what the outbox retries (transient) or shows the agent. */
export function toSendError(status: number, body: unknown): ChannelSendError {
  const error = GraphErrorBody.safeParse(body).data?.error;
  const message =
    [error?.message, error?.error_data?.details].filter(Boolean).join(": ") ||
    `WhatsApp answered HTTP ${status}`;
  const code = error?.code;
  const fallback = code === undefined ? `http_${status}` : `whatsapp_${code}`;
  if ((code !== undefined && TRANSIENT_CODES.has(code)) || error?.is_transient) {
    return new ChannelSendError(true, fallback, message);
  }
  if (code === 131047) return new ChannelSendError(false, "window_closed", message);
  if (code === 131026) return new ChannelSendError(false, "undeliverable", message);
  if (code !== undefined && isTemplateCode(code)) {
    return new ChannelSendError(false, "template_rejected", message);
  }
  if (code !== undefined && (AUTH_CODES.has(code) || isPermissionCode(code))) {
    return new ChannelSendError(false, "channel_auth", message);
  }
  const transient = status >= 500 || status === 429;
  return new ChannelSendError(transient, fallback, message);
}

/** The request never got an answer (DNS, reset connection, timeout): worth another try. */
export function fromNetworkError(error: unknown): ChannelSendError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ChannelSendError(true, "channel_unreachable", `WhatsApp could not be reached: ${reason}`, {
    cause: error,
  });
}
