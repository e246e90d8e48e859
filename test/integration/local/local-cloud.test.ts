import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockDataDir } from "../../../infra/local/data-dir-lock.js";
import { freePort } from "../../../infra/local/free-port.js";
import { type LocalCloud, startLocalCloud } from "../../../infra/local/local-cloud.js";
import { DEMO_STAFF, DEMO_TENANT_ID, demoSecrets } from "../../../infra/local/seed.js";
import { api, clientId } from "../../support/api.js";

// The demo's web chats go straight to the queue here: these tests read them as plain chats.
process.env.ATIENDE_DEMO_CHATBOT = "draft";

// Each start runs Java's DynamoDB Local and cognito-local for seconds: this file starts its own
// stack twice, and lets the other starts fail before they get that far.
const dataDir = mkdtempSync(join(tmpdir(), "atiende-local-cloud-"));
const scratch: string[] = [];
let port: number;
let cloud: LocalCloud | undefined;

beforeAll(async () => {
  port = await freePort();
  cloud = await startLocalCloud({ port, dataDir, seed: true, web: false });
});

afterAll(async () => {
  await cloud?.stop();
  for (const dir of [dataDir, ...scratch]) rmSync(dir, { recursive: true, force: true });
});

const url = () => `http://127.0.0.1:${port}`;

async function login(email: string) {
  return api(url(), "/api/auth/login", { method: "POST", body: { email, password: demoSecrets().password } });
}

/** Runs `npm start`'s entry point in another process and reports how it ended (or kills it after 20 s). */
function npmStartInAnotherProcess(env: { PORT: string; ATIENDE_DATA_DIR: string }) {
  const entry = fileURLToPath(new URL("../../../infra/local/start.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env, POWERTOOLS_LOG_LEVEL: "SILENT" },
  });
  let output = "";
  const collect = (data: Buffer) => {
    output += data;
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const timer = setTimeout(() => child.kill("SIGTERM"), 20_000);
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

describe("the local cloud of npm start", () => {
  it("seeds the demo tenant with two agents, a supervisor, an admin and the central office, who sign in with the demo password", async () => {
    const tenant = await api(url(), `/api/customer/tenants/${DEMO_TENANT_ID}`);
    expect(tenant.body).toEqual({ tenantId: "demo", name: "Banco Demo" });

    const people = [];
    for (const staff of DEMO_STAFF) {
      const signedIn = await login(staff.email);
      expect(signedIn.status, staff.email).toBe(200);
      const me = await api(url(), "/api/agent/me", { token: signedIn.body.idToken });
      expect(me.status).toBe(200);
      people.push(me.body.staff);
    }

    expect(people).toEqual([
      expect.objectContaining({ tenantId: "demo", role: "agent", name: "Ana Agente" }),
      expect.objectContaining({ tenantId: "demo", role: "agent", name: "Bruno Agente" }),
      expect.objectContaining({ tenantId: "demo", role: "supervisor", name: "Sofía Supervisora" }),
      expect.objectContaining({ tenantId: "demo", role: "admin", name: "Alex Admin" }),
      expect.objectContaining({ tenantId: "demo", role: "central_office", name: "Olga Oficina Central" }),
    ]);
  });

  it("refuses a demo login with a wrong password as invalid credentials", async () => {
    const wrong = await api(url(), "/api/auth/login", {
      method: "POST",
      body: { email: DEMO_STAFF[0].email, password: `${demoSecrets().password}x` },
    });

    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("invalid_credentials");
  });

  it("refuses a second start on a data folder in use, naming the folder and ATIENDE_DATA_DIR, and the first goes on", async () => {
    const second = await npmStartInAnotherProcess({
      PORT: String(await freePort()),
      ATIENDE_DATA_DIR: dataDir,
    });

    expect(second.code).toBe(1);
    expect(second.output).toContain("Atiende could not start");
    expect(second.output).toContain(`The data folder ${dataDir} is in use`);
    expect(second.output).toContain("ATIENDE_DATA_DIR");
    expect(readFileSync(join(dataDir, "atiende.lock"), "utf8")).toBe(String(process.pid));
    expect((await api(url(), "/health")).status).toBe(200);
    expect((await login(DEMO_STAFF[1].email)).status).toBe(200);
  });

  it("refuses a second stack on a data folder that this same process already runs", () => {
    expect(() => lockDataDir(dataDir)).toThrow(/ATIENDE_DATA_DIR/);
  });

  it("refuses a second start on a port in use, saying so and to set PORT, and the first goes on", async () => {
    const otherDir = mkdtempSync(join(tmpdir(), "atiende-local-cloud-"));
    scratch.push(otherDir);

    const second = startLocalCloud({ port, dataDir: otherDir, seed: false, web: false });

    await expect(second).rejects.toThrow(`Port ${port} is already in use`);
    await expect(second).rejects.toThrow(/set PORT/);
    expect((await api(url(), "/health")).status).toBe(200);
  });

  it("keeps conversations and signed-in staff across a stop and a start on the same folder, answering 503 while starting", async () => {
    const session = await api(url(), "/api/customer/sessions", {
      method: "POST",
      body: { tenantId: DEMO_TENANT_ID },
    });
    const { token } = session.body;
    const started = await api(url(), "/api/customer/conversations", {
      method: "POST",
      token,
      body: { clientMessageId: clientId(), text: "¿Abren el sábado?" },
    });
    const { conversationId } = started.body.conversation;
    const ana = await login(DEMO_STAFF[0].email);

    await cloud!.stop();
    cloud = undefined;
    const restarting = startLocalCloud({ port, dataDir, seed: false, web: false });
    let early: Awaited<ReturnType<typeof api>> | undefined;
    while (!early) {
      early = await api(url(), "/health").catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    cloud = await restarting;

    expect(early.status).toBe(503);
    expect(early.body).toMatchObject({ status: "starting", error: { code: "starting" } });
    const health = await api(url(), "/health");
    expect(health.status).toBe(200);
    expect(health.body.status).toBe("ok");
    const mine = await api(url(), `/api/customer/conversations/${conversationId}`, { token });
    expect(mine.status).toBe(200);
    // The demo tenant answers automatically too (an acknowledgement, or out of hours): the customer's own words are kept.
    const own = mine.body.messages.filter((m: { author: string }) => m.author === "customer");
    expect(own.map((m: { text: string }) => m.text)).toEqual(["¿Abren el sábado?"]);
    const again = await login(DEMO_STAFF[0].email);
    expect(again.status).toBe(200);
    const seenAgain = await api(url(), `/api/agent/conversations/${conversationId}`, {
      token: again.body.idToken,
    });
    const seenOwn = seenAgain.body.messages.filter((m: { author: string }) => m.author === "customer");
    expect(seenOwn.map((m: { text: string }) => m.text)).toEqual(["¿Abren el sábado?"]);
    // cognito-local signs with its own address as issuer; the folder keeps its port, so a
    // token issued before the restart is still good after it.
    const stillSignedIn = await api(url(), "/api/agent/me", { token: ana.body.idToken });
    expect(stillSignedIn.status).toBe(200);
  });
});
