import { z } from "zod";
import { ExternalChannel } from "./inbound.js";

/** The channels where Meta decides what may be sent from when the customer last wrote. */
export const WindowedChannel = ExternalChannel.extract(["whatsapp", "messenger"]);
export type WindowedChannel = z.infer<typeof WindowedChannel>;

/**
 * `open`: anything may be sent. `human_agent`: Messenger only, an agent's reply sent with the
 * HUMAN_AGENT tag. `closed`: WhatsApp templates only, nothing at all on Messenger.
 */
export const MessagingWindowState = z.enum(["open", "human_agent", "closed"]);
export type MessagingWindowState = z.infer<typeof MessagingWindowState>;

export const MessagingWindow = z.object({
  state: MessagingWindowState,
  /** When the state ends; absent once closed, since only a new customer message opens it again. */
  closesAt: z.iso.datetime().optional(),
});
export type MessagingWindow = z.infer<typeof MessagingWindow>;

const HOUR = 3_600_000;
const STANDARD_WINDOW = 24 * HOUR;
const HUMAN_AGENT_WINDOW = 7 * 24 * HOUR;

const LastCustomerMessageAt = z.iso.datetime({ offset: true }).optional();

/** What Meta lets us send a customer `now`, given when the customer last wrote (24 h, then 7 days on Messenger). */
export function messagingWindow(
  channel: WindowedChannel,
  lastCustomerMessageAt: string | undefined,
  now: Date,
): MessagingWindow {
  const windowed = WindowedChannel.parse(channel);
  const last = LastCustomerMessageAt.parse(lastCustomerMessageAt);
  if (last === undefined) return { state: "closed" };

  const wroteAt = Date.parse(last);
  const elapsed = now.getTime() - wroteAt;
  if (elapsed < STANDARD_WINDOW) {
    return { state: "open", closesAt: new Date(wroteAt + STANDARD_WINDOW).toISOString() };
  }
  if (windowed === "messenger" && elapsed < HUMAN_AGENT_WINDOW) {
    return { state: "human_agent", closesAt: new Date(wroteAt + HUMAN_AGENT_WINDOW).toISOString() };
  }
  return { state: "closed" };
}
