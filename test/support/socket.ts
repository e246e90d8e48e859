import WebSocket from "ws";

type Frame = {
  type: string;
  event?: { name: string; data: Record<string, unknown> & { message?: { seq: number } } };
  replay?: boolean;
};

/** A WebSocket client that keeps every frame it gets, and waits for the ones a test expects. */
export async function openSocket(url: string, token: string) {
  const socket = new WebSocket(`${url.replace(/^http/, "ws")}/ws?token=${encodeURIComponent(token)}`);
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  socket.on("message", (data) => {
    frames.push(JSON.parse(data.toString()));
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("unexpected-response", (_request, response) =>
      reject(new Error(`upgrade refused: ${response.statusCode}`)),
    );
    socket.once("error", reject);
  });

  async function waitFor(predicate: (frame: Frame) => boolean, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = frames.find(predicate);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(
          `no matching frame; got ${JSON.stringify(frames.map((f) => f.event?.name ?? f.type))}`,
        );
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          resolve();
        };
        waiters.add(wake);
        setTimeout(wake, 50);
      });
    }
  }

  return {
    frames,
    waitFor,
    send: (payload: unknown) => socket.send(JSON.stringify(payload)),
    events: (name: string) => frames.filter((f) => f.event?.name === name),
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once("close", () => resolve());
        socket.close();
      }),
  };
}

/** Resolves with the HTTP status of a refused upgrade, or "open" when the socket opened. */
export function tryOpen(url: string, token: string | undefined) {
  const query = token === undefined ? "" : `?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(`${url.replace(/^http/, "ws")}/ws${query}`);
  return new Promise<number | "open">((resolve) => {
    socket.once("open", () => {
      socket.close();
      resolve("open");
    });
    socket.once("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
    socket.once("error", () => resolve(0));
  });
}

export type SocketClient = Awaited<ReturnType<typeof openSocket>>;

/**
 * Sends a ping and waits for its pong. Pushes made before travel the same socket ahead of the
 * pong, so once it is here, anything not received was never sent.
 */
export async function settled(client: SocketClient) {
  const pongs = () => client.frames.filter((frame) => frame.type === "pong").length;
  const before = pongs();
  client.send({ action: "ping" });
  await client.waitFor(() => pongs() > before);
}

/** Opens settled sockets and remembers them, so a test file can close them all after each test. */
export function socketPool(url: string) {
  const open: SocketClient[] = [];
  return {
    async connect(token: string) {
      const socket = await openSocket(url, token);
      open.push(socket);
      await settled(socket);
      return socket;
    },
    closeAll: () => Promise.all(open.splice(0).map((socket) => socket.close())),
  };
}
