import type { ConversationEvent } from "../../../../events/catalog.js";

export type LiveStatus = "connecting" | "open" | "offline";
export type ResumePoint = { conversationId: string; afterSeq: number };

type Options = {
  url: string;
  /** What the page holds, asked again at every (re)connection so the server replays what was missed. */
  resumePoints: () => ResumePoint[];
  onEvent: (event: ConversationEvent, replay: boolean) => void;
  /** After each successful (re)connection, once the replay is done. */
  onResumed: () => void;
  onStatus: (status: LiveStatus) => void;
};

const PING_MS = 5 * 60 * 1000;
const MAX_BACKOFF_MS = 30_000;
const MAX_RESUME = 100;

/** Doubling waits with jitter, so many browsers back from one outage do not reconnect together. */
export function backoffDelay(attempt: number, random: () => number = Math.random) {
  const ceiling = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function liveUrl(origin: string, token: string) {
  return `${origin.replace(/^http/, "ws")}/ws?token=${encodeURIComponent(token)}`;
}

/**
 * The customer's live updates. The socket may drop at any time (sleep, network change, an
 * idle timeout): it reconnects with backoff and resumes from the last sequence numbers held.
 */
export function connectLive(options: Options) {
  let socket: WebSocket | undefined;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;

  const send = (payload: unknown) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
  };

  function open() {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    if (stopped || (socket && socket.readyState <= WebSocket.OPEN)) return;
    options.onStatus("connecting");
    const current = new WebSocket(options.url);
    socket = current;

    current.onopen = () => {
      attempt = 0;
      options.onStatus("open");
      send({ action: "resume", conversations: options.resumePoints().slice(0, MAX_RESUME) });
      pingTimer = setInterval(() => send({ action: "ping" }), PING_MS);
    };
    current.onmessage = (message) => {
      let frame: { type?: string; event?: ConversationEvent; replay?: boolean };
      try {
        frame = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (frame.type === "event" && frame.event) options.onEvent(frame.event, frame.replay === true);
      else if (frame.type === "resumed") options.onResumed();
    };
    current.onclose = () => {
      clearInterval(pingTimer);
      if (socket !== current || stopped) return;
      socket = undefined;
      options.onStatus("offline");
      retryTimer = setTimeout(open, backoffDelay(attempt++));
    };
  }

  /** Back online or back to the tab: no reason to wait out the backoff. */
  const reconnectNow = () => {
    if (!socket && !stopped) open();
  };
  const onVisibility = () => {
    if (document.visibilityState === "visible") reconnectNow();
  };
  window.addEventListener("online", reconnectNow);
  document.addEventListener("visibilitychange", onVisibility);
  open();

  return {
    close() {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      window.removeEventListener("online", reconnectNow);
      document.removeEventListener("visibilitychange", onVisibility);
      socket?.close();
    },
  };
}
