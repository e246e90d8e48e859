import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from "@aws-sdk/client-apigatewaymanagementapi";
import {
  CreateTableCommand,
  DynamoDBClient,
  PutItemCommand,
  ResourceInUseException,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import WebSocket from "ws";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../infra/local/emulators.js";
import { DEMO_STAFF, DEMO_TENANT_ID, demoSecrets } from "../infra/local/seed.js";
import { createDb } from "../shared/data/db.js";
import { decodeEntry } from "../shared/realtime/connections.js";
import { percentile, round } from "./stats.js";
import { emulatorPorts, targetStack } from "./target-stack.js";

const CONVERSATIONS = 200;
const RATE_PER_S = 100;
const WARMUP_S = 5;
const MEASURE_S = 30;
/**
 * DynamoDB Local is Java: its first minute of load runs in the interpreter while the JIT
 * compiles, many times slower than afterwards. A stack just started would measure the JIT,
 * not the design, so the chat path first runs untimed, a few sends at a time (open-loop
 * priming of a cold JVM would only build a backlog that spills into the measurement).
 */
const PRIME_S = 60;
const PRIME_CONCURRENCY = 8;
const ARRIVAL_TIMEOUT_MS = 10_000;
const FLOOR_TABLE = "atiende-bench-floor";

const log = (message: string) => console.error(`[chat-latency] ${message}`);

async function post(url: string, path: string, token: string | undefined, body: unknown) {
  const response = await fetch(url + path, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

function openSocket(
  url: string,
  token: string,
  onFrame: (frame: { type: string; [key: string]: unknown }) => void,
) {
  const socket = new WebSocket(`${url.replace(/^http/, "ws")}/ws?token=${encodeURIComponent(token)}`);
  socket.on("message", (data) => onFrame(JSON.parse(data.toString())));
  return new Promise<WebSocket>((resolve, reject) => {
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

/**
 * Runs `send(i)` on an open-loop schedule: every 1000/RATE ms whatever happened to the earlier
 * sends, for the warm-up and then the measured window. Only measured sends count.
 */
async function openLoop(
  send: (index: number, measured: boolean) => void,
  seconds = { warmup: WARMUP_S, measure: MEASURE_S },
) {
  const interval = 1000 / RATE_PER_S;
  const total = (seconds.warmup + seconds.measure) * RATE_PER_S;
  const start = performance.now();
  for (let index = 0; index < total; index++) {
    const due = start + index * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    send(index, index >= seconds.warmup * RATE_PER_S);
  }
}

type Tracker = { pending: Map<string, { sentAt: number; measured: boolean }>; samples: number[] };

const tracker = (): Tracker => ({ pending: new Map(), samples: [] });

function arrived(tracked: Tracker, key: string) {
  const sent = tracked.pending.get(key);
  if (!sent) return;
  tracked.pending.delete(key);
  if (sent.measured) tracked.samples.push(performance.now() - sent.sentAt);
}

async function settle(tracked: Tracker) {
  const deadline = Date.now() + ARRIVAL_TIMEOUT_MS;
  while ([...tracked.pending.values()].some((p) => p.measured) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return [...tracked.pending.values()].filter((p) => p.measured).length;
}

/**
 * 200 customer conversations write together at 100 messages per second; each message is timed
 * from the customer's POST to its arrival on the assigned agent's WebSocket. The floor is the
 * same schedule doing only what any design must: one PutItem on the same DynamoDB Local and one
 * push through the same WebSocket gateway.
 */
export async function chatLatency() {
  // Chats straight to the queue, as this measures the customer-to-agent path, not the bot.
  process.env.ATIENDE_DEMO_CHATBOT = "draft";
  const stack = await targetStack();
  try {
    const { password } = demoSecrets();
    const agentAccounts = DEMO_STAFF.filter((s) => s.role === "agent");
    const agents = await Promise.all(
      agentAccounts.map(
        async ({ email }) =>
          (await post(stack.url, "/api/auth/login", undefined, { email, password })).idToken as string,
      ),
    );

    const chat = tracker();
    const onAgentFrame = (frame: {
      type: string;
      event?: { name: string; data: { message?: { clientMessageId: string } } };
    }) => {
      if (frame.event?.name === "message.received" && frame.event.data.message)
        arrived(chat, frame.event.data.message.clientMessageId);
    };
    const agentSockets = await Promise.all(
      agents.map((token) => openSocket(stack.url, token, onAgentFrame as never)),
    );

    log(`opening ${CONVERSATIONS} conversations`);
    const conversations: { id: string; token: string }[] = [];
    for (let i = 0; i < CONVERSATIONS; i++) {
      const session = await post(stack.url, "/api/customer/sessions", undefined, {
        tenantId: DEMO_TENANT_ID,
      });
      const { conversation } = await post(stack.url, "/api/customer/conversations", session.token, {
        clientMessageId: crypto.randomUUID(),
        text: `Benchmark conversation ${i}`,
      });
      await post(
        stack.url,
        `/api/agent/conversations/${conversation.conversationId}/take`,
        agents[i % agents.length],
        {},
      );
      conversations.push({ id: conversation.conversationId, token: session.token });
    }

    let failedSends = 0;
    const sendChat = (index: number, measured: boolean) => {
      const conversation = conversations[index % CONVERSATIONS]!;
      const clientMessageId = crypto.randomUUID();
      chat.pending.set(clientMessageId, { sentAt: performance.now(), measured });
      post(stack.url, `/api/customer/conversations/${conversation.id}/messages`, conversation.token, {
        clientMessageId,
        text: "¿Me confirman la devolución de la comisión del cajero?",
      }).catch(() => {
        if (measured) failedSends++;
        chat.pending.delete(clientMessageId);
      });
    };
    log(`priming the stack: ${PRIME_CONCURRENCY} sends at a time for ${PRIME_S} s, untimed`);
    const primeUntil = Date.now() + PRIME_S * 1000;
    await Promise.all(
      Array.from({ length: PRIME_CONCURRENCY }, async (_, worker) => {
        for (let index = worker; Date.now() < primeUntil; index += PRIME_CONCURRENCY) {
          const conversation = conversations[index % CONVERSATIONS]!;
          await post(
            stack.url,
            `/api/customer/conversations/${conversation.id}/messages`,
            conversation.token,
            {
              clientMessageId: crypto.randomUUID(),
              text: "Mensaje de calentamiento",
            },
          ).catch(() => undefined);
        }
      }),
    );
    log(`chat: ${RATE_PER_S}/s for ${WARMUP_S}+${MEASURE_S} s`);
    await openLoop(sendChat);
    const chatLost = await settle(chat);

    log("floor: PutItem + WebSocket push on the same schedule");
    const ports = emulatorPorts(stack.dataDir);
    const dynamo = new DynamoDBClient({
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      endpoint: `http://127.0.0.1:${ports.dynamodb}`,
    });
    await dynamo
      .send(
        new CreateTableCommand({
          TableName: FLOOR_TABLE,
          BillingMode: "PAY_PER_REQUEST",
          AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
          KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        }),
      )
      .catch((error) => {
        if (!(error instanceof ResourceInUseException)) throw error;
      });
    const floor = tracker();
    const floorSession = await post(stack.url, "/api/customer/sessions", undefined, {
      tenantId: DEMO_TENANT_ID,
    });
    const floorSocket = await openSocket(stack.url, floorSession.token, (frame) => {
      if (frame.type === "floor") arrived(floor, frame.id as string);
    });
    const db = createDb(DynamoDBDocumentClient.from(dynamo), "atiende");
    const { data: floorPresence } = await db.presence
      .get({ tenantId: DEMO_TENANT_ID, audience: `customer#${floorSession.customerId}` })
      .go();
    const { connectionId } = decodeEntry(floorPresence!.connections![0]!)!;
    const gateway = new ApiGatewayManagementApiClient({
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      endpoint: `http://127.0.0.1:${ports.wsManagement}`,
    });
    await openLoop((index, measured) => {
      const id = `floor-${index}`;
      floor.pending.set(id, { sentAt: performance.now(), measured });
      dynamo
        .send(
          new PutItemCommand({
            TableName: FLOOR_TABLE,
            Item: { pk: { S: id }, text: { S: "¿Me confirman la devolución de la comisión del cajero?" } },
          }),
        )
        .then(() =>
          gateway.send(
            new PostToConnectionCommand({
              ConnectionId: connectionId,
              Data: new TextEncoder().encode(JSON.stringify({ type: "floor", id })),
            }),
          ),
        )
        .catch(() => floor.pending.delete(id));
    });
    const floorLost = await settle(floor);

    for (const socket of [...agentSockets, floorSocket]) socket.close();
    // The supervisor closes them: an agent's chat closes only through the demo's script (seed 001).
    log("closing the benchmark's conversations");
    const supervisor = DEMO_STAFF.find((s) => s.role === "supervisor")!;
    const supervisorToken = (
      await post(stack.url, "/api/auth/login", undefined, { email: supervisor.email, password })
    ).idToken as string;
    for (const conversation of conversations) {
      await post(stack.url, `/api/agent/conversations/${conversation.id}/finalize`, supervisorToken, {
        disposition: "not_applicable",
      }).catch(() => undefined);
    }

    const chatSorted = chat.samples.sort((a, b) => a - b);
    const floorSorted = floor.samples.sort((a, b) => a - b);
    const p99 = percentile(chatSorted, 99);
    const floorP99 = percentile(floorSorted, 99);
    log(
      `chat: ${chatSorted.length} delivered, ${chatLost} lost, ${failedSends} failed sends; floor: ${floorSorted.length} delivered, ${floorLost} lost`,
    );
    return {
      bench: "chat-latency",
      conversations: CONVERSATIONS,
      rate_per_s: RATE_PER_S,
      p50_ms: round(percentile(chatSorted, 50)),
      p99_ms: round(p99),
      floor_p50_ms: round(percentile(floorSorted, 50)),
      floor_p99_ms: round(floorP99),
      ratio_p99: round(p99 / floorP99),
      messages: chatSorted.length,
      lost: chatLost + failedSends,
    };
  } finally {
    await stack.stop();
  }
}
