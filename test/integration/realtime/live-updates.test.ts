import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { api, clientId } from "../../support/api.js";
import { type SocketClient, settled, socketPool } from "../../support/socket.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;

beforeAll(async () => {
  tenant = await createTenant(stack);
});

/** Sockets whose `$connect` has finished, closed after every test, passed or failed. */
const sockets = socketPool(stack.url);
afterEach(() => sockets.closeAll());

/** Sends one frame and returns the first frame that comes back. */
async function answerTo(client: SocketClient, payload: unknown) {
  const from = client.frames.length;
  client.send(payload);
  await client.waitFor(() => client.frames.length > from);
  return client.frames[from];
}

/** The events a socket got about one conversation, as `name:seq` (seq only for messages). */
function seen(client: SocketClient, conversationId: string) {
  return client.frames
    .filter((frame) => frame.event?.data.conversationId === conversationId)
    .map(({ event }) => (event!.data.message ? `${event!.name}:${event!.data.message.seq}` : event!.name));
}

async function startConversation(token: string, text: string) {
  const { status, body } = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token,
    body: { clientMessageId: clientId(), text },
  });
  expect(status).toBe(201);
  return body.conversation.conversationId as string;
}

async function post(path: string, token: string, text: string) {
  const { status, body } = await api(stack.url, path, {
    method: "POST",
    token,
    body: { clientMessageId: clientId(), text },
  });
  expect(status).toBe(201);
  return body.message as { seq: number; messageId: string };
}

describe("live updates over the WebSocket", () => {
  it("shows every agent a new conversation waiting in the queue and its first message", async () => {
    const [ana, bruno] = tenant.agents;
    const agents = [await sockets.connect(ana!.token), await sockets.connect(bruno!.token)];
    const customer = await tenant.customer();

    const conversationId = await startConversation(customer.token, "No puedo entrar a la banca en línea");

    for (const socket of agents) {
      const started = await socket.waitFor(
        (f) => f.event?.name === "conversation.started" && f.event.data.conversationId === conversationId,
      );
      expect(started.event!.data).toMatchObject({
        customerId: customer.customerId,
        subject: "No puedo entrar a la banca en línea",
      });
      const received = await socket.waitFor(
        (f) => f.event?.name === "message.received" && f.event.data.conversationId === conversationId,
      );
      expect(received.event!.data.message).toMatchObject({
        seq: 1,
        author: "customer",
        text: "No puedo entrar a la banca en línea",
      });
    }
  });

  it("keeps a taken conversation's messages from other agents, while its agent and the supervisor see them", async () => {
    const [ana, bruno] = tenant.agents;
    const anaSocket = await sockets.connect(ana!.token);
    const brunoSocket = await sockets.connect(bruno!.token);
    const supervisorSocket = await sockets.connect(tenant.supervisor.token);
    const customer = await tenant.customer();
    const conversationId = await startConversation(customer.token, "Quiero cancelar un seguro");

    await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: ana!.token,
    });
    const assigned = await brunoSocket.waitFor(
      (f) => f.event?.name === "conversation.assigned" && f.event.data.conversationId === conversationId,
    );
    expect(assigned.event!.data).toMatchObject({ assigneeId: ana!.staffId, assigneeName: "Agente 1" });

    await post(`/api/customer/conversations/${conversationId}/messages`, customer.token, "es el de hogar");
    await post(`/api/agent/conversations/${conversationId}/messages`, ana!.token, "Le ayudo con eso");

    for (const socket of [anaSocket, supervisorSocket]) {
      await socket.waitFor(
        (f) => f.event?.name === "message.sent" && f.event.data.conversationId === conversationId,
      );
      await settled(socket);
      expect(seen(socket, conversationId).sort()).toEqual([
        "conversation.assigned",
        "conversation.started",
        "message.received:1",
        "message.received:2",
        "message.sent:3",
      ]);
    }
    await settled(brunoSocket);
    expect(seen(brunoSocket, conversationId).sort()).toEqual([
      "conversation.assigned",
      "conversation.started",
      "message.received:1",
    ]);
  });

  it("brings the agent's reply to the customer's open chat with its sequence number, and nothing of other customers", async () => {
    const [ana] = tenant.agents;
    const lucia = await tenant.customer();
    const pedro = await tenant.customer();
    const luciaSocket = await sockets.connect(lucia.token);
    const luciaConversation = await startConversation(lucia.token, "¿Cuál es mi saldo?");
    const pedroConversation = await startConversation(pedro.token, "Mi tarjeta fue rechazada");
    for (const id of [luciaConversation, pedroConversation]) {
      await api(stack.url, `/api/agent/conversations/${id}/take`, { method: "POST", token: ana!.token });
    }

    await post(
      `/api/agent/conversations/${pedroConversation}/messages`,
      ana!.token,
      "Pedro, revisemos la tarjeta",
    );
    const reply = await post(
      `/api/agent/conversations/${luciaConversation}/messages`,
      ana!.token,
      "Lucía, su saldo está en la app",
    );

    const sent = await luciaSocket.waitFor((f) => f.event?.name === "message.sent");
    expect(sent.event!.data).toMatchObject({
      conversationId: luciaConversation,
      message: {
        seq: 2,
        messageId: reply.messageId,
        author: "agent",
        text: "Lucía, su saldo está en la app",
      },
    });
    await settled(luciaSocket);
    expect(seen(luciaSocket, pedroConversation)).toEqual([]);
    const events = luciaSocket.frames.filter((f) => f.event);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((f) => f.event!.data.customerId === lucia.customerId)).toBe(true);
  });

  it("answers a ping with a pong", async () => {
    const socket = await sockets.connect(tenant.agents[0]!.token);

    expect(await answerTo(socket, { action: "ping" })).toEqual({ type: "pong" });
  });

  it("answers an unknown action, or a frame that is not an action, with invalid_request and stays open", async () => {
    const customer = await tenant.customer();
    const socket = await sockets.connect(customer.token);
    const errors = () => socket.frames.filter((f) => f.type === "error");

    socket.send({ action: "takeConversation", conversationId: "cnv_01J00000000000000000000000" });
    socket.send("ping");
    await socket.waitFor(() => errors().length === 2);

    expect(errors()).toEqual([
      { type: "error", error: { code: "invalid_request", message: expect.any(String) } },
      { type: "error", error: { code: "invalid_request", message: expect.any(String) } },
    ]);
    await settled(socket);
  });

  it("takes a frame of exactly API Gateway's 32 KB limit", async () => {
    const customer = await tenant.customer();
    const socket = await sockets.connect(customer.token);

    const answer = await answerTo(socket, JSON.parse(paddedFrame(32 * 1024)));

    expect(answer).toEqual({ type: "pong" });
  });

  it("closes with 1009 a socket that sends a frame over 32 KB, and goes on serving everyone else", async () => {
    // Its own gateway in a child process: should one oversized frame bring the gateway down,
    // it must not take the stack every other test file shares along with it.
    const gateway = await startBareGateway();
    try {
      const bystander = await openRaw(gateway.url);
      const offender = await openRaw(gateway.url);
      const closed = new Promise<number>((resolve) => offender.once("close", resolve));

      offender.send(paddedFrame(32 * 1024 + 1));

      expect(await closed).toBe(1009);

      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(gateway.exitCode(), `the gateway died: ${gateway.errors()}`).toBeNull();
      expect(bystander.readyState).toBe(WebSocket.OPEN);
      const next = await openRaw(gateway.url);
      const answer = new Promise<string>((resolve) =>
        next.once("message", (data) => resolve(data.toString())),
      );
      next.send('{"action":"ping"}');
      expect(JSON.parse(await answer)).toEqual({ type: "received", bytes: 17 });
      next.close();
      bystander.close();
    } finally {
      gateway.stop();
    }
  });
});

/** A JSON ping padded to exactly `bytes` bytes. */
function paddedFrame(bytes: number) {
  const head = '{"action":"ping","pad":"';
  const frame = `${head}${"x".repeat(bytes - head.length - 2)}"}`;
  expect(Buffer.byteLength(frame)).toBe(bytes);
  return frame;
}

function openRaw(url: string) {
  const socket = new WebSocket(`${url.replace(/^http/, "ws")}/ws`);
  return new Promise<WebSocket>((resolve, reject) => {
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

/**
 * The local gateway in a child process, with handlers that let everyone in and answer each
 * frame with its size, so only the gateway's own frame handling is under test.
 */
async function startBareGateway() {
  const gatewayModule = fileURLToPath(new URL("../../../infra/local/websocket-gateway.ts", import.meta.url));
  const script = `
    import { createServer } from "node:http";
    import { LocalWebSocketGateway } from ${JSON.stringify(gatewayModule)};
    const gateway = new LocalWebSocketGateway();
    const ok = async () => ({ statusCode: 200, body: "" });
    gateway.use({
      authorize: async () => ({ principalId: "anyone", policyDocument: { Version: "2012-10-17", Statement: [] }, context: {} }),
      connect: ok,
      disconnect: ok,
      message: async (event) => {
        const { socket } = gateway.connections.get(event.requestContext.connectionId);
        socket.send(JSON.stringify({ type: "received", bytes: Buffer.byteLength(event.body) }));
        return ok();
      },
    });
    const server = createServer();
    server.on("upgrade", (request, socket, head) => gateway.handleUpgrade(request, socket, head));
    server.listen(0, "127.0.0.1", () => console.log(server.address().port));
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let errors = "";
  child.stderr.on("data", (data) => {
    errors += data;
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (data) => resolve(String(data).trim()));
    child.once("exit", (code) => reject(new Error(`the gateway exited (${code}) before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    exitCode: () => child.exitCode,
    errors: () => errors,
    stop: () => child.kill(),
  };
}
