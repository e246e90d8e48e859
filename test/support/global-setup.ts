import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "../../infra/local/free-port.js";
import { startLocalCloud } from "../../infra/local/local-cloud.js";
import { toSharedStack } from "./shared-stack.js";

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), "atiende-test-"));
  const cloud = await startLocalCloud({ port: await freePort(), dataDir, seed: false });
  project.provide("stack", toSharedStack(cloud));
  return async () => {
    await cloud.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
