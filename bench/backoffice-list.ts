import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../infra/local/emulators.js";
import { DEMO_STAFF, DEMO_TENANT_ID, demoSecrets } from "../infra/local/seed.js";
import { type CareStatus, type CareTab, searchKeys, TAB_STATUSES } from "../shared/care/record.js";
import { createDb } from "../shared/data/db.js";
import { percentile, round } from "./stats.js";
import { emulatorPorts, targetStack } from "./target-stack.js";

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const REQUESTS = 600;
const WARMUP = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

const log = (message: string) => console.error(`[backoffice] ${message}`);

const FIRST = [
  "Lucía",
  "Luis",
  "Marta",
  "Carlos",
  "Ana",
  "José",
  "María",
  "Pedro",
  "Rosa",
  "Juan",
  "Sofía",
  "Diego",
];
const LAST = [
  "Pérez",
  "Gómez",
  "Núñez",
  "Ramos",
  "Torres",
  "Díaz",
  "Vega",
  "Ruiz",
  "Castro",
  "Ortiz",
  "Silva",
  "Rojas",
];
const CITIES = ["Monterrey", "Guadalajara", "Puebla", "Mérida", "Querétaro"];
const TABS: [CareTab, number][] = [
  ["calls", 0.35],
  ["sales_calls", 0.1],
  ["chats", 0.3],
  ["queries", 0.15],
  ["services", 0.1],
];

/** A deterministic generator, so two runs measure the same table. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function pick<T>(next: () => number, weighted: [T, number][]): T {
  let roll = next();
  for (const [value, weight] of weighted) {
    roll -= weight;
    if (roll <= 0) return value;
  }
  return weighted[0]![0];
}

const recordIdOf = (i: number) => `bench-${String(i).padStart(7, "0")}`;

function recordAt(i: number, next: () => number, now: number) {
  const tab = pick(next, TABS);
  const statuses = TAB_STATUSES[tab];
  // Most of a year's records are done with; about a quarter are still open.
  const status: CareStatus =
    next() < 0.25 ? "open" : statuses[1 + Math.floor(next() * (statuses.length - 1))]!;
  const name = `${FIRST[Math.floor(next() * FIRST.length)]} ${LAST[Math.floor(next() * LAST.length)]} ${LAST[Math.floor(next() * LAST.length)]}`;
  const documentNumber = String(10_000_000 + Math.floor(next() * 89_999_999));
  const createdAt = new Date(now - Math.floor(next() * 365 * DAY_MS)).toISOString();
  return {
    tenantId: DEMO_TENANT_ID,
    recordId: recordIdOf(i),
    tab,
    status,
    createdAt,
    updatedAt: createdAt,
    customerName: name,
    documentNumber,
    ...searchKeys({ customerName: name, documentNumber }),
    city: CITIES[Math.floor(next() * CITIES.length)],
    motivo: "Soporte técnico › Internet › Sin conexión",
    origin: tab === "chats" ? "web" : tab === "queries" ? "portal" : "voice",
  };
}

/** The requests the console makes, in about the proportions agents make them. */
function consoleQueries(next: () => number, cursors: string[]): [string, string][] {
  const day = (offset: number) => new Date(Date.now() - offset * DAY_MS).toISOString().slice(0, 10);
  const tab = () => pick(next, TABS);
  return Array.from({ length: REQUESTS + WARMUP }, (): [string, string] => {
    const roll = next();
    if (roll < 0.4) return ["open", `tab=${tab()}&limit=50`];
    if (roll < 0.6) return ["all_by_dates", `tab=${tab()}&status=all&from=${day(60)}&to=${day(30)}&limit=50`];
    if (roll < 0.8) {
      const first = FIRST[Math.floor(next() * FIRST.length)]!;
      return ["name", `tab=${tab()}&status=all&q=${encodeURIComponent(first.slice(0, 4))}&limit=50`];
    }
    if (roll < 0.9)
      return ["document", `tab=${tab()}&status=all&q=${String(10 + Math.floor(next() * 89))}&limit=50`];
    const cursor = cursors[Math.floor(next() * cursors.length)];
    return ["next_page", cursor ?? `tab=calls&limit=50`];
  });
}

/**
 * Seeds RECORDS back-office records (once: the stack it starts keeps its data under
 * `.data/bench-backoffice`) across the five tabs (a year of them, a quarter open) and
 * measures, one request at a time as an agent makes them, the filtered list the console asks
 * for: a tab's open records, every status in a date range, a name or document search, and the
 * next page. Each through the HTTP API with a signed-in agent's token.
 */
export async function backofficeList() {
  const stack = await targetStack({ keepIn: ".data/bench-backoffice" });
  try {
    const { dynamodb } = emulatorPorts(stack.dataDir);
    const dynamo = new DynamoDBClient({
      region: LOCAL_REGION,
      endpoint: `http://127.0.0.1:${dynamodb}`,
      credentials: LOCAL_CREDENTIALS,
    });
    const db = createDb(DynamoDBDocumentClient.from(dynamo), "atiende");
    const next = random(20261124);
    const now = Date.now();
    const started = performance.now();
    const BATCH = 2_000;
    // The last record there means an earlier run seeded them all (DynamoDB Local writes a few
    // hundred a second with four indexes): they are measured again, not written again.
    const { data: seeded } = await db.careRecord
      .get({ tenantId: DEMO_TENANT_ID, recordId: recordIdOf(RECORDS - 1) })
      .go();
    for (let from = seeded ? RECORDS : 0; from < RECORDS; from += BATCH) {
      const items = Array.from({ length: Math.min(BATCH, RECORDS - from) }, (_, i) =>
        recordAt(from + i, next, now),
      );
      const { unprocessed } = await db.careRecord.put(items).go({ concurrency: 8 });
      if (unprocessed.length) await db.careRecord.put(unprocessed as typeof items).go({ concurrency: 2 });
      if ((from / BATCH) % 10 === 0) log(`seeded ${from + items.length} records`);
    }
    log(`${RECORDS} records there after ${Math.round((performance.now() - started) / 1000)} s`);

    const agent = DEMO_STAFF.find((staff) => staff.role === "agent")!;
    const login = await fetch(`${stack.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: agent.email, password: demoSecrets().password }),
    });
    const { idToken } = (await login.json()) as { idToken: string };
    const get = async (query: string) => {
      const response = await fetch(`${stack.url}/api/care/records?${query}`, {
        headers: { authorization: `Bearer ${idToken}` },
      });
      if (response.status !== 200) throw new Error(`${query}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { records: unknown[]; nextCursor?: string };
    };

    const cursors: string[] = [];
    for (const [tab] of TABS) {
      const page = await get(`tab=${tab}&limit=50`);
      if (page.nextCursor) cursors.push(`tab=${tab}&limit=50&cursor=${encodeURIComponent(page.nextCursor)}`);
    }
    const samples = new Map<string, number[]>();
    const all: number[] = [];
    let rows = 0;
    for (const [i, [kind, query]] of consoleQueries(random(7), cursors).entries()) {
      const begun = performance.now();
      const page = await get(query);
      const ms = performance.now() - begun;
      if (i < WARMUP) continue;
      rows += page.records.length;
      all.push(ms);
      samples.set(kind, [...(samples.get(kind) ?? []), ms]);
    }
    all.sort((a, b) => a - b);
    for (const [kind, values] of samples) {
      values.sort((a, b) => a - b);
      log(
        `${kind}: n=${values.length} p50 ${round(percentile(values, 50))} ms, p95 ${round(percentile(values, 95))} ms`,
      );
    }
    return {
      bench: "backoffice-list",
      records: RECORDS,
      requests: all.length,
      rows_per_page: round(rows / all.length),
      p50_ms: round(percentile(all, 50)),
      p95_ms: round(percentile(all, 95)),
    };
  } finally {
    await stack.stop();
  }
}
