import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { getRequestListener } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Config } from "../../functions/config.js";
import { CONSUMERS } from "../../functions/events/consumers.js";
import { consume as consumeLexLogs } from "../../functions/events/lex-conversation-logs.js";
import { mountFullApi } from "../../functions/http/apis/full-api.js";
import { createApp } from "../../functions/http/app.js";
import { createRuntime, type Runtime } from "../../functions/ports.js";
import { createSocketHandlers } from "../../functions/ws/socket-handlers.js";
import { startLocalChannels } from "./channels.js";
import { ensureUserPool } from "./cognito.js";
import { lockDataDir } from "./data-dir-lock.js";
import { ensureTable } from "./dynamodb.js";
import { choosePorts, LOCAL_CREDENTIALS, LOCAL_REGION, startChildEmulators } from "./emulators.js";
import { LocalEventBus } from "./event-bus.js";
import { startS3 } from "./s3.js";
import { seedDemo } from "./seed.js";
import { serveWeb } from "./serve-web.js";
import { createIvrSimulator, LOCAL_IVR_NUMBER } from "./sim/ivr-simulator.js";
import { LocalWebSocketGateway } from "./websocket-gateway.js";

export type LocalCloudOptions = {
  port: number;
  dataDir: string;
  /** Serve the built web apps (off for API-only tests). */
  web?: boolean;
  seed?: boolean;
  /** Where customers' mail comes in (2525 for `npm start`); 0 picks a free port. */
  smtpPort?: number;
};

const TABLE_NAME = "atiende";
const BUCKET_NAME = "atiende-files";

/**
 * Per-address rate limits make no sense on one machine, where the widget, the tests and the
 * benchmark all come from 127.0.0.1; per-account limits still apply.
 */
function publicAddress(address: string | undefined) {
  return address && !/^(127\.|::1$|::ffff:127\.)/.test(address) ? address : undefined;
}

/** Listens on the public port first, so that a taken port is reported before anything starts. */
function listen(server: Server, port: number) {
  return new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(
              `Port ${port} is already in use (another Atiende?). Stop it, or set PORT to another port.`,
            )
          : error,
      ),
    );
    server.listen(port, "127.0.0.1", () => resolve());
  });
}

/**
 * Atiende on one machine: DynamoDB Local, s3rver, cognito-local, the WebSocket gateway and the
 * event bus on free loopback ports, and the API, WebSocket and web apps on `port`. `/health`
 * answers 503 until every part is up.
 */
export async function startLocalCloud(options: LocalCloudOptions) {
  const unlock = lockDataDir(options.dataDir);
  const url = `http://127.0.0.1:${options.port}`;
  let handle = getRequestListener(() =>
    Response.json(
      { status: "starting", error: { code: "starting", message: "Atiende is starting" } },
      { status: 503 },
    ),
  );
  const gateway = new LocalWebSocketGateway();
  const server = createServer((request, response) => handle(request, response));
  server.on("upgrade", (request, socket, head) => gateway.handleUpgrade(request, socket, head));

  const cleanups: (() => unknown)[] = [unlock];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    await listen(server, options.port);
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    server.closeIdleConnections?.();

    const ports = await choosePorts(options.dataDir);
    const s3 = startS3(join(options.dataDir, "s3"), ports.s3, BUCKET_NAME, [
      url,
      `http://localhost:${options.port}`,
    ]);
    const emulators = startChildEmulators(options.dataDir, ports);
    const wsManagementEndpoint = gateway.listenManagement(ports.wsManagement);
    cleanups.push(
      async () => (await emulators).stop(),
      async () => (await s3).close(),
      () => gateway.close(),
    );
    const [{ dynamo, cognito }] = await Promise.all([emulators, s3, wsManagementEndpoint]);

    const [pool] = await Promise.all([
      ensureUserPool(join(options.dataDir, "cognito"), cognito),
      ensureTable(dynamo, TABLE_NAME),
    ]);
    let runtime: Runtime | undefined;
    const channels = await startLocalChannels({
      url,
      dataDir: options.dataDir,
      smtpPort: options.smtpPort ?? 0,
      ports: () => runtime!.ports,
    });
    cleanups.push(() => channels.stop());
    const cognitoEndpoint = `http://127.0.0.1:${ports.cognito}`;
    const issuer = `${cognitoEndpoint}/${pool.userPoolId}`;
    const config: Config = {
      region: LOCAL_REGION,
      tableName: TABLE_NAME,
      bucketName: BUCKET_NAME,
      userPoolId: pool.userPoolId,
      userPoolClientId: pool.clientId,
      staffToken: { issuer, jwksUri: `${issuer}/.well-known/jwks.json`, clientId: pool.clientId },
      sessionSecret: new TextEncoder().encode(
        process.env.ATIENDE_SESSION_SECRET ?? "local-only-session-secret-change-me-in-any-real-deployment",
      ),
      wsManagementEndpoint: await wsManagementEndpoint,
      filesOrigin: `http://127.0.0.1:${ports.s3}`,
      endpoints: {
        dynamodb: `http://127.0.0.1:${ports.dynamodb}`,
        s3: `http://127.0.0.1:${ports.s3}`,
        cognito: cognitoEndpoint,
      },
      credentials: LOCAL_CREDENTIALS,
      channels: channels.config,
    };

    const bus = new LocalEventBus(
      CONSUMERS,
      () => runtime!.ports,
      join(options.dataDir, "dead-letters.jsonl"),
    );
    runtime = createRuntime(config, bus);
    cleanups.push(() => bus.drain());
    const accounts = options.seed === false ? [] : await seedDemo(runtime.ports, cognito, pool.userPoolId);

    const app = createApp(
      runtime,
      { clientIp: (c) => publicAddress(getConnInfo(c).remote.address) },
      mountFullApi,
    );
    channels.mount(app);
    const ivr = createIvrSimulator({
      putEvents: (events) => bus.putExternal(events),
      deliverLogs: (event) => consumeLexLogs(runtime!.ports, event),
      systemEndpoint: LOCAL_IVR_NUMBER,
      basePath: "/sim/ivr",
    });
    app.route("/sim/ivr", ivr.app);
    if (options.web !== false) serveWeb(app, config.filesOrigin);
    gateway.use(createSocketHandlers(runtime));
    handle = getRequestListener(app.fetch);

    return { url, config, runtime, bus, gateway, accounts, channels, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export type LocalCloud = Awaited<ReturnType<typeof startLocalCloud>>;
