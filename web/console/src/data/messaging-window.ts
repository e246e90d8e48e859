import type { Channel, ConversationInfo, MessagingWindow } from "./console-types";

const HOUR = 3_600_000;
/** Meta's windows, as the server counts them (shared/channels/messaging-window). */
export const STANDARD_WINDOW_MS = 24 * HOUR;
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR;

export const isWindowed = (channel: Channel): channel is "whatsapp" | "messenger" =>
  channel === "whatsapp" || channel === "messenger";

/**
 * What the agent may send now:
 * - `free`: anything; `closesAt` when a window will end it;
 * - `template`: WhatsApp after 24 h, approved templates only;
 * - `human_agent`: Messenger after 24 h, a reply that goes with the HUMAN_AGENT tag until `closesAt`;
 * - `blocked`: Messenger after 7 days, nothing.
 */
export type ReplyMode =
  | { mode: "free"; closesAt?: string }
  | { mode: "template" }
  | { mode: "human_agent"; closesAt?: string }
  | { mode: "blocked" };

/** The window when the customer has just written: open for 24 h. */
export function windowAfterCustomerMessage(writtenAt: string): MessagingWindow {
  return { state: "open", closesAt: new Date(Date.parse(writtenAt) + STANDARD_WINDOW_MS).toISOString() };
}

/**
 * The window as it stands at `now`: the server's answer was right when it was given, and a
 * window it called open may have closed since, without any event saying so.
 */
export function windowAt(
  channel: "whatsapp" | "messenger",
  window: MessagingWindow | undefined,
  now: number,
): MessagingWindow {
  if (!window) return { state: "closed" };
  const closesAt = window.closesAt ? Date.parse(window.closesAt) : undefined;
  if (closesAt === undefined || closesAt > now) return window;
  if (window.state === "open" && channel === "messenger") {
    // The 7 days run from the same last message as the 24 h.
    const humanAgentEnds = closesAt - STANDARD_WINDOW_MS + HUMAN_AGENT_WINDOW_MS;
    if (humanAgentEnds > now)
      return { state: "human_agent", closesAt: new Date(humanAgentEnds).toISOString() };
  }
  return { state: "closed" };
}

export function replyMode(
  conversation: Pick<ConversationInfo, "channel" | "window">,
  now: number,
): ReplyMode {
  const { channel } = conversation;
  if (!isWindowed(channel)) return { mode: "free" };
  const window = windowAt(channel, conversation.window, now);
  if (window.state === "open") return { mode: "free", ...(window.closesAt && { closesAt: window.closesAt }) };
  if (window.state === "human_agent") {
    return { mode: "human_agent", ...(window.closesAt && { closesAt: window.closesAt }) };
  }
  return channel === "whatsapp" ? { mode: "template" } : { mode: "blocked" };
}
