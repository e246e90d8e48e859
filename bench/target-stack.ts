import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort, waitFor } from "../infra/local/free-port.js";

async function healthy(url: string) {
  const response = await fetch(`${url}/health`).catch(() => null);
  return response?.status === 200;
}

/**
 * The stack to measure: the one at ATIENDE_URL if it answers, else a fresh one started in its
 * own process (so the load generator never shares an event loop with the server). `keepIn`
 * names a data folder to start it on and keep afterwards, for a benchmark whose seeding takes
 * longer than its measuring.
 */
export async function targetStack(options: { keepIn?: string } = {}) {
  const given = process.env.ATIENDE_URL ?? "http://127.0.0.1:3000";
  if (await healthy(given)) {
    const dataDir = resolve(process.env.ATIENDE_DATA_DIR ?? ".data");
    return { url: given, dataDir, stop: async () => {} };
  }
  const port = await freePort();
  const dataDir = options.keepIn ? resolve(options.keepIn) : mkdtempSync(join(tmpdir(), "atiende-bench-"));
  console.error(`No Atiende answers at ${given}; starting one on port ${port} (data in ${dataDir})`);
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "infra/local/start.ts"], {
    env: { ...process.env, PORT: String(port), ATIENDE_DATA_DIR: dataDir, POWERTOOLS_LOG_LEVEL: "ERROR" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor("the local stack", () => healthy(url), 90_000);
  return {
    url,
    dataDir,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((done) => child.once("exit", done));
      if (!options.keepIn) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The emulator ports the stack chose (the floor measurement talks to the same DynamoDB Local and gateway). */
export function emulatorPorts(dataDir: string): { dynamodb: number; wsManagement: number } {
  return JSON.parse(readFileSync(join(dataDir, "ports.json"), "utf8"));
}
