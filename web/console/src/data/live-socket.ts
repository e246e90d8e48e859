import type { PushedEvent } from "./console-types";

export type ConnectionState = "connecting" | "live" | "reconnecting";

export type ServerFrame =
  | { type: "event"; event: PushedEvent; replay?: boolean }
  | { type: "resumed"; count: number }
  | { type: "pong" }
  | { type: "error"; error: { code: string; message: string } };

export type ResumePoint = { conversationId: string; afterSeq: number };

type Options = {
  /** The current ID token: read at every (re)connect, so a refreshed token is used. */
  token(): string | undefined;
  onEvent(event: PushedEvent): void;
  onState(state: ConnectionState): void;
  /** Called on every open; what it returns is resumed, and the caller refetches what it lists. */
  onOpen(): ResumePoint[];
};

/** API Gateway drops idle sockets after ten minutes; a ping every five keeps them. */
const PING_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 30_000;

/** Waits longer after each failure, with jitter so a server restart is not met by every console at once. */
export function backoffDelay(failures: number, random = Math.random) {
  const ceiling = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures, 5));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * The console's live connection: reconnects with backoff after a drop, asks the server to
 * replay what was missed, and keeps the socket alive.
 */
export function connectLive(options: Options) {
  let socket: WebSocket | undefined;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let stopped = false;

  const send = (frame: unknown) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  };

  function open() {
    clearTimeout(retryTimer);
    const token = options.token();
    if (stopped || !token) return;
    options.onState(failures ? "reconnecting" : "connecting");
    const url = `${location.origin.replace(/^http/, "ws")}/ws?token=${encodeURIComponent(token)}`;
    const current = new WebSocket(url);
    socket = current;

    current.onopen = () => {
      failures = 0;
      options.onState("live");
      const conversations = options.onOpen();
      if (conversations.length) send({ action: "resume", conversations });
      clearInterval(pingTimer);
      pingTimer = setInterval(() => send({ action: "ping" }), PING_MS);
    };
    current.onmessage = (message) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(message.data)) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === "event") options.onEvent(frame.event);
    };
    current.onclose = () => {
      if (socket !== current) return;
      clearInterval(pingTimer);
      socket = undefined;
      if (stopped) return;
      failures++;
      options.onState("reconnecting");
      retryTimer = setTimeout(open, backoffDelay(failures));
    };
  }

  /** Back online: no point in waiting out the backoff. */
  const reconnectNow = () => {
    if (!socket) open();
  };
  window.addEventListener("online", reconnectNow);
  open();

  return {
    close() {
      stopped = true;
      window.removeEventListener("online", reconnectNow);
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      socket?.close();
      socket = undefined;
    },
  };
}
