import {
  CreateTableCommand,
  DynamoDBClient,
  PutItemCommand,
  ResourceInUseException,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { LOCAL_CHANNEL_ACCOUNTS, localChannelSecrets } from "../infra/local/channels.js";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../infra/local/emulators.js";
import { DEMO_TENANT_ID } from "../infra/local/seed.js";
import { messageWebhook, unixSeconds } from "../infra/local/sim/whatsapp-webhooks.js";
import { signMetaBody, toMetaJson } from "../shared/channels/webhook-signature.js";
import { createDb } from "../shared/data/db.js";
import { percentile, round } from "./stats.js";
import { emulatorPorts, targetStack } from "./target-stack.js";

const CONCURRENCY = 16;
const MEASURE_S = 30;
/** DynamoDB Local's JIT needs load before it runs at speed (see chat-latency). */
const PRIME_S = 30;
const DUPLICATE_SHARE = 0.2;
/** Of the duplicates, this share is sent at the same moment as its original. */
const CONCURRENT_SHARE = 0.5;
const CUSTOMERS = 500;
const SETTLE_TIMEOUT_MS = 120_000;
const FLOOR_TABLE = "atiende-bench-floor";

const log = (message: string) => console.error(`[whatsapp] ${message}`);

const DEMO_NUMBER = {
  businessAccountId: "102290129340398",
  phoneNumberId: LOCAL_CHANNEL_ACCOUNTS.whatsapp.accountId,
  displayPhoneNumber: LOCAL_CHANNEL_ACCOUNTS.whatsapp.label,
};

function webhook(waId: string, id: string) {
  return toMetaJson(
    messageWebhook(
      DEMO_NUMBER,
      { waId, name: `Cliente ${waId.slice(-4)}` },
      {
        from: waId,
        id,
        timestamp: unixSeconds(Date.now()),
        type: "text",
        text: { body: "¿Me confirman la devolución de la comisión del cajero? Gracias 🙏" },
      },
    ),
  );
}

/**
 * Signed WhatsApp webhooks at the running stack, CONCURRENCY at a time for MEASURE_S, one in
 * five a redelivery (half of those at the same moment as the original). A 200 means the message
 * is durably stored; afterwards every acknowledged message is looked for (lost) and every
 * conversation message counted per provider id (doubled). The floor is bare PutItems on the same
 * DynamoDB Local at the same concurrency.
 */
export async function whatsappIngest() {
  const stack = await targetStack();
  try {
    const secret = localChannelSecrets().whatsappAppSecret;
    const url = `${stack.url}/webhooks/whatsapp`;
    const post = async (body: string) => {
      const started = performance.now();
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(body, secret) },
        body,
      });
      await response.arrayBuffer();
      return { ok: response.status === 200, ms: performance.now() - started };
    };
    const waIds = Array.from(
      { length: CUSTOMERS },
      (_, i) => `52${Date.now() % 10 ** 8}${String(i).padStart(4, "0")}`,
    );
    const run = `b${Date.now().toString(36)}`;
    let counter = 0;
    const acked = new Map<string, string>();
    const recent: { id: string; body: string }[] = [];
    const samples: number[] = [];
    let sent = 0;
    let failed = 0;

    const one = async (measured: boolean) => {
      const duplicate = recent.length > 0 && Math.random() < DUPLICATE_SHARE;
      if (duplicate && Math.random() >= CONCURRENT_SHARE) {
        const earlier = recent[Math.floor(Math.random() * recent.length)]!;
        const result = await post(earlier.body);
        if (measured) {
          sent++;
          if (result.ok) samples.push(result.ms);
          else failed++;
        }
        return;
      }
      const waId = waIds[counter % CUSTOMERS]!;
      const id = `wamid.${run}.${counter++}`;
      const body = webhook(waId, id);
      const copies = duplicate ? 2 : 1;
      const results = await Promise.all(Array.from({ length: copies }, () => post(body)));
      if (results.some((result) => result.ok)) {
        acked.set(id, waId);
        recent.push({ id, body });
        if (recent.length > 200) recent.shift();
      }
      if (measured) {
        sent += copies;
        for (const result of results) {
          if (result.ok) samples.push(result.ms);
          else failed++;
        }
      }
    };

    const workers = async (seconds: number, measured: boolean) => {
      const until = Date.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (Date.now() < until) await one(measured).catch(() => (failed += measured ? 1 : 0));
        }),
      );
    };
    log(`priming for ${PRIME_S} s`);
    await workers(PRIME_S, false);
    const uniqueBefore = acked.size;
    log(`measuring for ${MEASURE_S} s at ${CONCURRENCY} concurrent deliveries`);
    const started = performance.now();
    await workers(MEASURE_S, true);
    const elapsed = (performance.now() - started) / 1000;
    const unique = acked.size - uniqueBefore;

    const { dynamodb } = emulatorPorts(stack.dataDir);
    const dynamo = new DynamoDBClient({
      region: LOCAL_REGION,
      endpoint: `http://127.0.0.1:${dynamodb}`,
      credentials: LOCAL_CREDENTIALS,
    });
    const db = createDb(DynamoDBDocumentClient.from(dynamo), "atiende");
    log(`checking ${acked.size} acknowledged messages`);
    const ids = [...acked.keys()];
    const keyOf = (externalId: string) => ({
      tenantId: DEMO_TENANT_ID,
      channel: "whatsapp" as const,
      externalId,
    });
    let lost = 0;
    for (let i = 0; i < ids.length; i += 100) {
      const batch = ids.slice(i, i + 100);
      const { data } = await db.externalMessage.get(batch.map(keyOf)).go();
      lost += batch.length - data.length;
    }

    log("waiting for every stored message to join its conversation");
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    let pending = ids;
    while (pending.length > 0 && Date.now() < deadline) {
      const still: string[] = [];
      for (let i = 0; i < pending.length; i += 100) {
        const { data } = await db.externalMessage.get(pending.slice(i, i + 100).map(keyOf)).go();
        still.push(...data.filter((item) => item.state !== "stored").map((item) => item.externalId));
      }
      pending = still;
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const threads = await Promise.all(
      waIds.map((address) =>
        db.channelThread
          .get({
            tenantId: DEMO_TENANT_ID,
            channel: "whatsapp",
            accountId: LOCAL_CHANNEL_ACCOUNTS.whatsapp.accountId,
            address,
          })
          .go(),
      ),
    );
    let doubled = 0;
    for (const { data: thread } of threads) {
      if (!thread) continue;
      const { data: messages } = await db.message.query
        .byConversation({ tenantId: DEMO_TENANT_ID, conversationId: thread.conversationId })
        .go({ pages: "all" });
      const ours = messages.filter((message) => message.externalId?.startsWith(`wamid.${run}.`));
      doubled += ours.length - new Set(ours.map((message) => message.externalId)).size;
    }

    log(`floor: bare PutItems at ${CONCURRENCY} concurrent`);
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
    let puts = 0;
    let floorKeys = 0;
    const floorUntil = Date.now() + 10_000;
    const floorStarted = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (Date.now() < floorUntil) {
          const key = `${run}-${floorKeys++}`;
          await dynamo.send(
            new PutItemCommand({
              TableName: FLOOR_TABLE,
              Item: {
                pk: { S: key },
                body: { S: "¿Me confirman la devolución de la comisión del cajero?" },
              },
              ConditionExpression: "attribute_not_exists(pk)",
            }),
          );
          puts++;
        }
      }),
    );
    const floorPerSecond = puts / ((performance.now() - floorStarted) / 1000);
    const sorted = samples.sort((a, b) => a - b);
    const storedPerSecond = unique / elapsed;
    log(`${sent} sent, ${failed} failed, ${unique} unique, ${pending.length} not yet in a conversation`);
    return {
      bench: "whatsapp-ingest",
      sent,
      unique,
      stored: unique - lost,
      lost,
      doubled,
      rps: round(sent / elapsed),
      ack_p50_ms: round(percentile(sorted, 50)),
      ack_p99_ms: round(percentile(sorted, 99)),
      floor_puts_per_s: round(floorPerSecond),
      ratio_to_floor: round(storedPerSecond / floorPerSecond),
    };
  } finally {
    await stack.stop();
  }
}
