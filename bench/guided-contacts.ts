import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DEMO_SCRIPT_TREE } from "../infra/local/demo-script-tree.js";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../infra/local/emulators.js";
import { DEMO_STAFF, DEMO_TENANT_ID, demoSecrets } from "../infra/local/seed.js";
import { searchKeys } from "../shared/care/record.js";
import { createDb } from "../shared/data/db.js";
import { percentile, round } from "./stats.js";
import { emulatorPorts, targetStack } from "./target-stack.js";

const CLOSED_CONTACTS = Number(process.env.BENCH_CONTACTS ?? 5_000);
const FOLLOWED = 60;
const REPORTS = 30;
const WARMUP = 5;
const DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

const log = (message: string) => console.error(`[guided] ${message}`);

/** A deterministic generator, so two runs measure the same table. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Every escenario of the demo tree, with the steps of its procedure in order. */
const ESCENARIOS = DEMO_SCRIPT_TREE.tipos.flatMap((tipo) =>
  tipo.motivos.flatMap((motivo) => motivo.escenarios.map((escenario) => ({ tipo, motivo, escenario }))),
);

/** A closed contact as the guided panel leaves it: a path of three to six steps, some left early. */
function closedContact(i: number, next: () => number, now: number) {
  const { tipo, motivo, escenario } = ESCENARIOS[Math.floor(next() * ESCENARIOS.length)]!;
  const agent = DEMO_STAFF[Math.floor(next() * 2)]!;
  const startedAt = new Date(now - Math.floor(next() * DAYS * DAY_MS));
  const steps = escenario.procedure.steps;
  let at = startedAt.getTime() + 30_000;
  const path = steps.slice(0, Math.min(steps.length, 3 + Math.floor(next() * 4))).map((step) => {
    const ms = 5_000 + Math.floor(next() * 60_000);
    const entry = { step: step.id, kind: step.kind, enteredAt: new Date(at).toISOString(), ms };
    at += ms;
    return entry;
  });
  const exit = steps.find((step) => step.kind === "exit");
  const left = next() < 0.1;
  return {
    tenantId: DEMO_TENANT_ID,
    contactId: `bench-guided-${String(i).padStart(6, "0")}`,
    channel: next() < 0.7 ? ("call" as const) : ("chat" as const),
    agentId: `bench-${agent.email}`,
    agentName: agent.name,
    version: 1,
    phase: "closed" as const,
    tipo: tipo.id,
    tipoName: tipo.name,
    motivo: motivo.id,
    motivoName: motivo.name,
    escenario: escenario.id,
    escenarioName: escenario.name,
    validation: { outcome: "passed", checks: [] },
    path,
    detours: [],
    exitTag: left ? "not_validated" : exit?.kind === "exit" ? exit.tag : "resolved_on_call",
    ...(left && { leftAt: path.at(-1)!.step }),
    revision: path.length + 3,
    startedAt: startedAt.toISOString(),
    updatedAt: new Date(at).toISOString(),
    closedAt: new Date(at).toISOString(),
  };
}

const summary = (samples: number[], warmup = 0) => {
  const sorted = samples.slice(warmup).sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)) };
};

/**
 * What guided scripts ask of the API, one request at a time: an agent following 60 calls
 * through the demo tree's cable modem procedure (the panel's read, start, validation,
 * escenario, each step, the technical complaint, the close), and a supervisor's report on
 * why customers called over 30 days of 5,000 closed contacts, as JSON, CSV and PDF. Seeded
 * once; the stack keeps its data in `.data/bench-guided`.
 */
export async function guidedContacts() {
  const stack = await targetStack({ keepIn: ".data/bench-guided" });
  try {
    const { dynamodb } = emulatorPorts(stack.dataDir);
    const dynamo = new DynamoDBClient({
      region: LOCAL_REGION,
      endpoint: `http://127.0.0.1:${dynamodb}`,
      credentials: LOCAL_CREDENTIALS,
    });
    const db = createDb(DynamoDBDocumentClient.from(dynamo), "atiende");
    const json = { "content-type": "application/json" };
    const signIn = async (role: "agent" | "supervisor") => {
      const staff = DEMO_STAFF.find((s) => s.role === role)!;
      const login = await fetch(`${stack.url}/api/auth/login`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ email: staff.email, password: demoSecrets().password }),
      });
      return ((await login.json()) as { idToken: string }).idToken;
    };
    const [agentToken, supervisorToken] = await Promise.all([signIn("agent"), signIn("supervisor")]);

    const now = Date.now();
    const last = `bench-guided-${String(CLOSED_CONTACTS - 1).padStart(6, "0")}`;
    if (!(await db.guidedContact.get({ tenantId: DEMO_TENANT_ID, contactId: last }).go()).data) {
      const next = random(7);
      const contacts = Array.from({ length: CLOSED_CONTACTS }, (_, i) => closedContact(i, next, now));
      await db.guidedContact.put(contacts).go({ concurrency: 8 });
      log(`${CLOSED_CONTACTS} closed contacts seeded`);
    }

    const timed = async (samples: number[], method: string, path: string, body?: unknown) => {
      const started = performance.now();
      const response = await fetch(`${stack.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${agentToken}`, ...(body !== undefined && json) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      samples.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    };
    const steps: number[] = [];
    const actions: number[] = [];
    const run = Date.now().toString(36);
    for (let i = 0; i < FOLLOWED; i++) {
      const customerId = `cus_bench_guided_${run}_${i}`;
      const contactId = `bench-call-${run}-${i}`;
      const person = { customerName: "Marta Giménez", documentNumber: `30${String(i).padStart(6, "0")}` };
      const createdAt = new Date().toISOString();
      await db.customer
        .put({
          tenantId: DEMO_TENANT_ID,
          customerId,
          name: person.customerName,
          documentNumber: person.documentNumber,
          createdAt,
        })
        .go();
      await db.careRecord
        .put({
          tenantId: DEMO_TENANT_ID,
          recordId: contactId,
          tab: "calls",
          status: "open",
          createdAt,
          updatedAt: createdAt,
          customerId,
          ...person,
          ...searchKeys(person),
          motivo: "Soporte técnico › Internet › Sin conexión",
        })
        .go();
      const at = `/api/agent/guided/${contactId}`;
      await timed(steps, "GET", at);
      await timed(steps, "POST", at, { tipo: "datos", motivo: "no-navega" });
      await timed(steps, "POST", `${at}/validation`, {
        values: { documentNumber: person.documentNumber, name: person.customerName },
      });
      await timed(steps, "POST", `${at}/escenario`, { escenario: "cable-modem" });
      await timed(steps, "POST", `${at}/steps`, { step: "lights", answer: "none" });
      await timed(steps, "POST", `${at}/steps`, { step: "serial", value: `CM-${i}` });
      await timed(actions, "POST", `${at}/steps`, { step: "complaint" });
      await timed(steps, "POST", `${at}/close`, { exitTag: "equipment_replacement" });
    }
    log(`${FOLLOWED} calls followed`);

    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const query = `from=${day(now - DAYS * DAY_MS)}&to=${day(now)}`;
    const report = async (path: string) => {
      const samples: number[] = [];
      let contacts = 0;
      for (let i = 0; i < WARMUP + REPORTS; i++) {
        const started = performance.now();
        const response = await fetch(`${stack.url}${path}?${query}`, {
          headers: { authorization: `Bearer ${supervisorToken}` },
        });
        if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
        const body = await response.arrayBuffer();
        samples.push(performance.now() - started);
        if (path.endsWith("contacts"))
          contacts = JSON.parse(new TextDecoder().decode(body)).totals?.contacts ?? 0;
      }
      return { ...summary(samples, WARMUP), contacts };
    };
    const reportJson = await report("/api/agent/reports/contacts");
    const reportCsv = await report("/api/agent/reports/contacts.csv");
    const reportPdf = await report("/api/agent/reports/contacts.pdf");

    const step = summary(steps);
    const action = summary(actions);
    return {
      bench: "guided-contacts",
      closed_contacts: CLOSED_CONTACTS,
      followed: FOLLOWED,
      reported_contacts: reportJson.contacts,
      step_p50_ms: step.p50,
      step_p95_ms: step.p95,
      action_p50_ms: action.p50,
      action_p95_ms: action.p95,
      report_json_p50_ms: reportJson.p50,
      report_json_p95_ms: reportJson.p95,
      report_csv_p95_ms: reportCsv.p95,
      report_pdf_p95_ms: reportPdf.p95,
    };
  } finally {
    await stack.stop();
  }
}
