import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { logger } from "../../../functions/observability.js";
import { freePort } from "../../../infra/local/free-port.js";
import { type LocalCloud, startLocalCloud } from "../../../infra/local/local-cloud.js";
import { DEMO_TENANT_ID } from "../../../infra/local/seed.js";
import { api, clientId } from "../../support/api.js";

const dataDir = mkdtempSync(join(tmpdir(), "atiende-crash-"));
let cloud: LocalCloud | undefined;

afterAll(async () => {
  vi.restoreAllMocks();
  await cloud?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The DynamoDB Local serving this data folder, killed as a power cut would: no chance to flush. */
function killDynamoDb() {
  const dbPath = join(dataDir, "dynamodb");
  const pids = readdirSync("/proc").filter((entry) => {
    if (!/^\d+$/.test(entry)) return false;
    const args = readCommandLine(entry);
    return args[args.indexOf("-dbPath") + 1] === dbPath;
  });
  expect(pids).toHaveLength(1);
  process.kill(Number(pids[0]), "SIGKILL");
}

/** A process's arguments, read from /proc (no procps needed); empty for one gone meanwhile. */
function readCommandLine(pid: string) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  } catch {
    return [];
  }
}

type Acknowledged = { conversationId: string; token: string; messageId: string; seq: number };

describe("DynamoDB Local killed in the middle of a load", () => {
  it("loses no message the API acknowledged, and answers the sends it could not store with 503 unavailable", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    cloud = await startLocalCloud({ port, dataDir, seed: true, web: false });
    // The refused sends are logged as server errors, as they should be; not in this report.
    vi.spyOn(logger, "error").mockImplementation(() => undefined);

    const writers = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const { body: session } = await api(url, "/api/customer/sessions", {
          method: "POST",
          body: { tenantId: DEMO_TENANT_ID },
        });
        const { body } = await api(url, "/api/customer/conversations", {
          method: "POST",
          token: session.token,
          body: { clientMessageId: clientId(), text: `Cliente ${i}` },
        });
        return { token: session.token as string, conversationId: body.conversation.conversationId as string };
      }),
    );
    const acknowledged: Acknowledged[] = [];
    const refused: string[] = [];
    let writing = true;
    const sending = writers.map(async ({ token, conversationId }) => {
      while (writing) {
        const { status, body } = await api(url, `/api/customer/conversations/${conversationId}/messages`, {
          method: "POST",
          token,
          body: { clientMessageId: clientId(), text: "¿Siguen ahí?" },
        });
        if (status === 201) acknowledged.push({ conversationId, token, ...body.message });
        else refused.push(`${status} ${body.error.code}`);
      }
    });

    while (acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 20));
    killDynamoDb();
    while (refused.length < 8) await new Promise((resolve) => setTimeout(resolve, 20));
    writing = false;
    await Promise.all(sending);
    await cloud.stop();
    cloud = await startLocalCloud({ port, dataDir, seed: true, web: false });

    expect(new Set(refused)).toEqual(new Set(["503 unavailable"]));
    for (const { conversationId, token } of writers) {
      const mine = acknowledged.filter((a) => a.conversationId === conversationId);
      const { body } = await api(url, `/api/customer/conversations/${conversationId}?limit=200`, { token });
      const stored = new Map(
        (body.messages as { messageId: string; seq: number }[]).map((m) => [m.messageId, m.seq]),
      );
      expect(mine.filter((a) => stored.get(a.messageId) !== a.seq)).toEqual([]);
    }
    const after = await api(url, `/api/customer/conversations/${writers[0]!.conversationId}/messages`, {
      method: "POST",
      token: writers[0]!.token,
      body: { clientMessageId: clientId(), text: "Ya funciona otra vez" },
    });
    expect(after.status).toBe(201);
  });
});
