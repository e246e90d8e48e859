import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../infra/local/emulators.js";
import { DEMO_STAFF, DEMO_TENANT_ID, demoSecrets } from "../infra/local/seed.js";
import type { ConversationItem, MessageItem } from "../shared/conversation/info.js";
import { createDb } from "../shared/data/db.js";
import { percentile, round } from "./stats.js";
import { emulatorPorts, targetStack } from "./target-stack.js";

/** Closed cases in the tenant's history: more than the similar-case search reads (500). */
const CLOSED_CASES = 800;
/** What one loyal customer has exchanged over the years, across his cases. */
const HISTORY_MESSAGES = 3_000;
const REQUESTS = 150;
const WARMUP = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

const log = (message: string) => console.error(`[case-memory] ${message}`);

const TROUBLES = [
  "Me cobraron dos veces la misma compra en la tienda",
  "Comisión en el cajero del aeropuerto que no debería pagar",
  "No puedo entrar en la app desde el móvil nuevo",
  "Quiero contratar un seguro de viaje para Europa",
  "La tarjeta fue rechazada en un comercio de Madrid",
  "Necesito el certificado de retenciones del año pasado",
  "Cambio de domicilio y de teléfono de contacto",
  "Transferencia internacional que no ha llegado",
];
const DISPOSITIONS = ["resolved", "information_given", "refund_approved", "escalated"];

function conversationItem(
  customerId: string,
  id: string,
  subject: string,
  closedAt: string,
  messageSeq: number,
  disposition: string,
): ConversationItem {
  return {
    tenantId: DEMO_TENANT_ID,
    conversationId: id,
    customerId,
    customerName: "Cliente de prueba",
    channel: "web",
    status: "closed",
    inboxKey: "closed",
    subject,
    lastMessagePreview: "Le devolvimos el cargo tras revisar el ticket",
    lastMessageAuthor: "agent",
    messageSeq,
    recentClientMessageIds: [],
    customerUnread: 0,
    agentUnread: 0,
    disposition,
    createdAt: closedAt,
    lastActivityAt: closedAt,
    closedAt,
  };
}

function messageItem(conversation: ConversationItem, seq: number, at: string): MessageItem {
  const fromCustomer = seq % 2 === 1;
  const withImage = seq % 5 === 0;
  return {
    tenantId: DEMO_TENANT_ID,
    conversationId: conversation.conversationId,
    seq,
    messageId: `msg_bench_${conversation.conversationId}_${seq}`,
    clientMessageId: `bench-${conversation.conversationId}-${seq}`,
    customerId: conversation.customerId,
    author: fromCustomer ? "customer" : "agent",
    authorId: fromCustomer ? conversation.customerId : "bench-agent",
    text: fromCustomer
      ? `${conversation.subject}, mensaje ${seq}`
      : seq % 7 === 0
        ? `Mire este enlace: https://bancodemo.example/ayuda/${seq}`
        : `Revisamos su caso, respuesta ${seq}`,
    attachments: withImage
      ? [
          {
            attachmentId: `att_bench_${seq}`,
            key: `bench/${seq}`,
            name: `foto-${seq}.png`,
            contentType: "image/png",
            size: 2048,
          },
        ]
      : [],
    createdAt: at,
  };
}

async function timed(samples: number[], run: () => Promise<Response>) {
  const started = performance.now();
  const response = await run();
  const ms = performance.now() - started;
  if (response.status !== 200)
    throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
  samples.push(ms);
}

const summary = (samples: number[]) => {
  const sorted = samples.slice(WARMUP).sort((a, b) => a - b);
  return { p50_ms: round(percentile(sorted, 50)), p95_ms: round(percentile(sorted, 95)) };
};

/**
 * What an agent and a customer ask of a case's memory, one request at a time through the HTTP
 * API: the similar past cases of a case (over the tenant's last 500 closed ones, of 800), the
 * case summary of a case with 200 messages, and a customer's search of 3,000 messages by kind
 * (pictures) and by words. Seeded once; the stack keeps its data in `.data/bench-case-memory`.
 */
export async function caseMemory() {
  const stack = await targetStack({ keepIn: ".data/bench-case-memory" });
  try {
    const { dynamodb } = emulatorPorts(stack.dataDir);
    const dynamo = new DynamoDBClient({
      region: LOCAL_REGION,
      endpoint: `http://127.0.0.1:${dynamodb}`,
      credentials: LOCAL_CREDENTIALS,
    });
    const db = createDb(DynamoDBDocumentClient.from(dynamo), "atiende");
    const json = { "content-type": "application/json" };

    const session = await fetch(`${stack.url}/api/customer/sessions`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ tenantId: DEMO_TENANT_ID }),
    });
    const customer = (await session.json()) as { token: string; customerId: string };
    const agent = DEMO_STAFF.find((staff) => staff.role === "agent")!;
    const login = await fetch(`${stack.url}/api/auth/login`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ email: agent.email, password: demoSecrets().password }),
    });
    const { idToken } = (await login.json()) as { idToken: string };

    const now = Date.now();
    const { data: seeded } = await db.conversation
      .get({
        tenantId: DEMO_TENANT_ID,
        conversationId: `cnv_BENCHPAST${String(CLOSED_CASES - 1).padStart(17, "0")}`,
      })
      .go();
    if (!seeded) {
      const past = Array.from({ length: CLOSED_CASES }, (_, i) =>
        conversationItem(
          `cus_bench_${i}`,
          `cnv_BENCHPAST${String(i).padStart(17, "0")}`,
          TROUBLES[i % TROUBLES.length]!,
          new Date(now - (i + 1) * 3_600_000).toISOString(),
          6,
          DISPOSITIONS[i % DISPOSITIONS.length]!,
        ),
      );
      await db.conversation.put(past).go({ concurrency: 8 });
      await db.message
        .put(past.flatMap((c) => Array.from({ length: 6 }, (_, s) => messageItem(c, s + 1, c.createdAt))))
        .go({ concurrency: 8 });
      log(`${CLOSED_CASES} closed cases seeded`);
    }

    // This run's customer: 15 cases of 200 messages over two years; the last one is open.
    const cases = Array.from({ length: 15 }, (_, i) =>
      conversationItem(
        customer.customerId,
        `cnv_BENCH${customer.customerId.slice(-8)}${String(i).padStart(13, "0")}`,
        TROUBLES[i % TROUBLES.length]!,
        new Date(now - (15 - i) * 45 * DAY_MS).toISOString(),
        HISTORY_MESSAGES / 15,
        DISPOSITIONS[i % DISPOSITIONS.length]!,
      ),
    );
    const open = { ...cases.at(-1)!, status: "queued" as const, inboxKey: "queued" };
    delete open.closedAt;
    delete open.disposition;
    await db.conversation.put([...cases.slice(0, -1), open]).go({ concurrency: 8 });
    await db.message
      .put(
        cases.flatMap((c) =>
          Array.from({ length: HISTORY_MESSAGES / 15 }, (_, s) =>
            messageItem(c, s + 1, new Date(Date.parse(c.createdAt) + s * 60_000).toISOString()),
          ),
        ),
      )
      .go({ concurrency: 8 });
    log(`customer with ${HISTORY_MESSAGES} messages seeded`);

    const staffGet = (path: string) =>
      fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${idToken}` } });
    const take = await fetch(`${stack.url}/api/agent/conversations/${open.conversationId}/take`, {
      method: "POST",
      headers: { authorization: `Bearer ${idToken}` },
    });
    if (take.status !== 200) throw new Error(`take: ${take.status} ${await take.text()}`);

    const similar: number[] = [];
    const caseSummary: number[] = [];
    const byKind: number[] = [];
    const byWords: number[] = [];
    for (let i = 0; i < REQUESTS + WARMUP; i++) {
      await timed(similar, () => staffGet(`/api/agent/conversations/${open.conversationId}/similar`));
      await timed(caseSummary, () => staffGet(`/api/agent/conversations/${open.conversationId}/summary`));
      await timed(byKind, () =>
        fetch(`${stack.url}/api/customer/search?kind=images`, {
          headers: { authorization: `Bearer ${customer.token}` },
        }),
      );
      await timed(byWords, () =>
        fetch(`${stack.url}/api/customer/search?q=${encodeURIComponent("cajero aeropuerto")}`, {
          headers: { authorization: `Bearer ${customer.token}` },
        }),
      );
    }
    const all = [similar, caseSummary, byKind, byWords].flatMap((samples) => samples.slice(WARMUP));
    all.sort((a, b) => a - b);
    log(`similar cases ${JSON.stringify(summary(similar))}`);
    log(`case summary ${JSON.stringify(summary(caseSummary))}`);
    log(`search by kind ${JSON.stringify(summary(byKind))}`);
    log(`search by words ${JSON.stringify(summary(byWords))}`);
    return {
      bench: "case-memory",
      closed_cases: CLOSED_CASES,
      history_messages: HISTORY_MESSAGES,
      requests: all.length,
      similar_p95_ms: summary(similar).p95_ms,
      summary_p95_ms: summary(caseSummary).p95_ms,
      search_kind_p95_ms: summary(byKind).p95_ms,
      search_words_p95_ms: summary(byWords).p95_ms,
      p50_ms: round(percentile(all, 50)),
      p95_ms: round(percentile(all, 95)),
    };
  } finally {
    await stack.stop();
  }
}
