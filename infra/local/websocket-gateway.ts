import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";
import { logger } from "../../functions/observability.js";
import type { SocketEvent, SocketHandlers } from "../../functions/ws/socket-handlers.js";

/** API Gateway's limits, so that what works here works there. */
export const GATEWAY_LIMITS = {
  frameBytes: 32 * 1024,
  idleMs: 10 * 60 * 1000,
  lifetimeMs: 2 * 60 * 60 * 1000,
};

/** API Gateway's answer for a connection that is no more; the SDK names the error from the header. */
function gone(response: ServerResponse) {
  return response
    .writeHead(410, { "content-type": "application/json", "x-amzn-errortype": "GoneException" })
    .end('{"message":"Gone"}');
}

type Connection = {
  connectionId: string;
  socket: WebSocket;
  authorizer: Record<string, unknown>;
  connectedAt: Date;
  lastActiveAt: Date;
  sourceIp: string;
  timers: NodeJS.Timeout[];
};

/**
 * API Gateway's WebSocket API on one machine. Upgrades on `/ws` go through the same authorizer
 * and `$connect`/`$disconnect`/`$default` handlers as in AWS, with API-Gateway-shaped events;
 * pushes arrive on a management endpoint that serves `POST /@connections/{id}` like AWS, so
 * the real SDK client delivers them.
 */
export class LocalWebSocketGateway {
  readonly connections = new Map<string, Connection>();
  #wss = new WebSocketServer({ noServer: true, maxPayload: GATEWAY_LIMITS.frameBytes });
  #management?: Server;
  #handlers?: SocketHandlers;

  /** Handlers arrive once the stack is wired; upgrades before that are refused. */
  use(handlers: SocketHandlers) {
    this.#handlers = handlers;
  }

  #event(
    connectionId: string,
    routeKey: string,
    eventType: string,
    extra: Partial<SocketEvent> = {},
    connectedAt?: Date,
  ) {
    const connection = this.connections.get(connectionId);
    const now = Date.now();
    const { requestContext: given, ...rest } = extra;
    return {
      requestContext: {
        routeKey,
        eventType,
        connectionId,
        messageId: randomBytes(6).toString("base64"),
        extendedRequestId: randomBytes(6).toString("base64"),
        requestId: randomBytes(6).toString("base64"),
        domainName: "127.0.0.1",
        stage: "live",
        apiId: "local",
        connectedAt: (connection?.connectedAt ?? connectedAt)?.getTime() ?? now,
        requestTimeEpoch: now,
        messageDirection: "IN",
        authorizer: connection?.authorizer,
        ...given,
      },
      isBase64Encoded: false,
      ...rest,
    } as unknown as SocketEvent;
  }

  /**
   * Like API Gateway: the authorizer, then `$connect`, and only if both succeed does the client
   * get its socket (a refusal is an HTTP answer to the upgrade, never an open-then-close).
   */
  async handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    const handlers = this.#handlers;
    const url = new URL(request.url ?? "/", "http://local");
    if (!handlers || url.pathname !== "/ws") {
      socket.end("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const connectionId = randomBytes(12).toString("base64");
    let authorizer: Record<string, unknown>;
    try {
      const result = await handlers.authorize({
        type: "REQUEST",
        methodArn: "arn:aws:execute-api:local:000000000000:local/live/$connect",
        queryStringParameters: Object.fromEntries(url.searchParams),
        headers: request.headers as Record<string, string>,
        requestContext: { connectionId, routeKey: "$connect", eventType: "CONNECT" },
      } as never);
      authorizer = result.context ?? {};
    } catch {
      socket.end("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const connectedAt = new Date();
    const connected = await handlers
      .connect(
        this.#event(
          connectionId,
          "$connect",
          "CONNECT",
          { requestContext: { authorizer } } as never,
          connectedAt,
        ),
      )
      .then(
        (result) => result.statusCode === 200,
        (error) => {
          logger.error("$connect failed", { error });
          return false;
        },
      );
    if (!connected) {
      socket.end("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    this.#wss.handleUpgrade(request, socket, head, (ws) =>
      this.#open(
        ws,
        { connectionId, authorizer, connectedAt, sourceIp: request.socket.remoteAddress ?? "127.0.0.1" },
        handlers,
      ),
    );
  }

  #open(
    socket: WebSocket,
    opened: {
      connectionId: string;
      authorizer: Record<string, unknown>;
      connectedAt: Date;
      sourceIp: string;
    },
    handlers: SocketHandlers,
  ) {
    const { connectionId } = opened;
    const connection: Connection = { ...opened, socket, lastActiveAt: new Date(), timers: [] };
    this.connections.set(connectionId, connection);
    const idle = () => setTimeout(() => socket.close(1001, "Going away"), GATEWAY_LIMITS.idleMs);
    connection.timers = [
      idle(),
      setTimeout(() => socket.close(1001, "Going away"), GATEWAY_LIMITS.lifetimeMs),
    ];

    // ws closes an oversized frame's socket with 1009 and then reports the error; it is the
    // client's fault, not the gateway's, so it must not take the process down.
    socket.on("error", (error) =>
      logger.warn("WebSocket client error", { connectionId, error: error.message }),
    );
    socket.on("message", (data, isBinary) => {
      connection.lastActiveAt = new Date();
      clearTimeout(connection.timers[0]);
      connection.timers[0] = idle();
      const body = isBinary ? Buffer.from(data as Buffer).toString("base64") : data.toString();
      handlers
        .message(this.#event(connectionId, "$default", "MESSAGE", { body, isBase64Encoded: isBinary }))
        .catch((error) => logger.error("$default failed", { error }));
    });
    socket.on("close", async () => {
      for (const timer of connection.timers) clearTimeout(timer);
      await handlers
        .disconnect(this.#event(connectionId, "$disconnect", "DISCONNECT"))
        .catch((error) => logger.error("$disconnect failed", { error }));
      this.connections.delete(connectionId);
    });
  }

  /** Starts the management endpoint on a loopback port; returns its URL for the SDK client. */
  async listenManagement(port: number) {
    this.#management = createServer((request, response) => {
      const match = request.url?.match(/^\/@connections\/([^/?]+)/);
      const connection = match?.[1] ? this.connections.get(decodeURIComponent(match[1])) : undefined;
      if (!match) return response.writeHead(404).end();
      if (!connection || connection.socket.readyState !== WebSocket.OPEN) {
        return gone(response);
      }
      if (request.method === "GET") {
        const info = {
          connectedAt: connection.connectedAt.toISOString(),
          lastActiveAt: connection.lastActiveAt.toISOString(),
          identity: { sourceIp: connection.sourceIp },
        };
        return response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(info));
      }
      if (request.method === "DELETE") {
        connection.socket.close(1000);
        return response.writeHead(204).end();
      }
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const body = Buffer.concat(chunks);
        if (body.length > 128 * 1024) return response.writeHead(413).end();
        connection.socket.send(body.toString("utf8"), (error) =>
          error ? gone(response) : response.writeHead(200).end(),
        );
      });
    });
    await new Promise<void>((resolve) => this.#management!.listen(port, "127.0.0.1", resolve));
    return `http://127.0.0.1:${port}`;
  }

  async close() {
    for (const { socket } of this.connections.values()) socket.terminate();
    await new Promise((resolve) => this.#management?.close(resolve) ?? resolve(undefined));
  }
}
