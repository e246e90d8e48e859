import type { EntityItem } from "electrodb";
import { z } from "zod";
import { unlessConditionFails } from "../data/condition-failed.js";
import type { Db } from "../data/db.js";
import { processCache } from "../data/process-cache.js";
import { ConflictError, NotFoundError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { BotFlow } from "./flow.js";
import { assertPublishable, flowProblems } from "./validate-flow.js";

type BotFlowItem = EntityItem<Db["botFlow"]>;

export const BotFlowVersion = z.object({
  version: z.number().int().positive(),
  state: z.enum(["draft", "published"]),
  revision: z.number().int().positive(),
  botName: z.string(),
  savedBy: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().optional(),
});
export type BotFlowVersion = z.infer<typeof BotFlowVersion>;

export const SaveDraftInput = z.object({
  flow: BotFlow,
  /** The draft revision the edit started from; 0 to start a new draft when there is none. */
  revision: z.number().int().nonnegative(),
});
export type SaveDraftInput = z.input<typeof SaveDraftInput>;

export const PublishInput = z.object({
  /** The draft revision the admin reviewed: a draft saved again since is not published blindly. */
  revision: z.number().int().positive(),
});

export class StaleDraftError extends ConflictError {
  constructor(currentRevision: number) {
    super("stale_draft", "Someone saved or published the flow since you loaded it; load it again", {
      currentRevision,
    });
  }
}

const summaryOf = (item: BotFlowItem): BotFlowVersion =>
  BotFlowVersion.parse({ ...item, botName: (item.flow as { botName?: string }).botName ?? "" });

async function headOf(ports: Pick<Ports, "db">, tenantId: string) {
  const { data } = await ports.db.botFlowHead.get({ tenantId }).go();
  return data;
}

async function versionItem(ports: Pick<Ports, "db">, tenantId: string, version: number) {
  const { data } = await ports.db.botFlow.get({ tenantId, version }).go();
  return data;
}

/** Every version of the tenant's flow, newest first, and which one new web chats run. */
export async function listBotFlows(ports: Pick<Ports, "db">, staff: StaffIdentity) {
  const [head, { data }] = await Promise.all([
    headOf(ports, staff.tenantId),
    ports.db.botFlow.query.byVersion({ tenantId: staff.tenantId }).go({ order: "desc", pages: "all" }),
  ]);
  return {
    ...(head?.publishedVersion && { publishedVersion: head.publishedVersion }),
    versions: data.map(summaryOf),
  };
}

/** One version with its flow, and what would stop it from being published. */
export async function getBotFlowVersion(ports: Pick<Ports, "db">, staff: StaffIdentity, version: number) {
  const item = await versionItem(ports, staff.tenantId, version);
  if (!item) throw new NotFoundError("bot_flow");
  const flow = BotFlow.parse(item.flow);
  return { ...summaryOf(item), flow, problems: flowProblems(flow) };
}

/**
 * Saves the admin's edit as the draft: over the draft revision he started from, or as a new
 * version after the newest one when there is no draft. Anything saved or published meanwhile
 * makes it `stale_draft`; both writes are conditional, so two saves at once cannot both win.
 * A draft may still have problems: they are returned, and only publishing refuses them.
 */
export async function saveBotFlowDraft(
  ports: Pick<Ports, "db" | "clock">,
  staff: StaffIdentity,
  input: SaveDraftInput,
) {
  const { flow, revision } = SaveDraftInput.parse(input);
  const { tenantId } = staff;
  const now = ports.clock.now().toISOString();
  const head = await headOf(ports, tenantId);
  const latest = head ? await versionItem(ports, tenantId, head.latestVersion) : undefined;

  if (latest?.state === "draft") {
    if (latest.revision !== revision) throw new StaleDraftError(latest.revision);
    const saved = await unlessConditionFails(
      ports.db.botFlow
        .patch({ tenantId, version: latest.version })
        .set({ flow, revision: revision + 1, savedBy: staff.name, updatedAt: now })
        .where((item, { eq }) => `${eq(item.state, "draft")} AND ${eq(item.revision, revision)}`)
        .go({ response: "all_new" }),
    );
    if (!saved)
      throw new StaleDraftError((await versionItem(ports, tenantId, latest.version))?.revision ?? 0);
    return { ...summaryOf(saved.data), problems: flowProblems(flow) };
  }

  if (revision !== 0) throw new StaleDraftError(0);
  const version = (head?.latestVersion ?? 0) + 1;
  const draft = {
    tenantId,
    version,
    state: "draft" as const,
    revision: 1,
    flow,
    savedBy: staff.name,
    createdAt: now,
    updatedAt: now,
  };
  const { canceled } = await ports.db.transaction
    .write(({ botFlow, botFlowHead }) => [
      head
        ? botFlowHead
            .patch({ tenantId })
            .set({ latestVersion: version })
            .where((item, { eq }) => eq(item.latestVersion, head.latestVersion))
            .commit()
        : botFlowHead.create({ tenantId, latestVersion: version }).commit(),
      botFlow.create(draft).commit(),
    ])
    .go();
  if (canceled) throw new StaleDraftError(0);
  return { ...summaryOf(draft), problems: flowProblems(flow) };
}

/**
 * Publishes a version for the web chats that start from now on. A draft must be the revision
 * the admin reviewed and have no problems (`invalid_flow` lists them); it then never changes
 * again. Publishing an older version again rolls back to it.
 */
export async function publishBotFlow(
  ports: Pick<Ports, "db" | "clock">,
  staff: StaffIdentity,
  version: number,
  input: z.input<typeof PublishInput>,
) {
  const { revision } = PublishInput.parse(input);
  const { tenantId } = staff;
  const item = await versionItem(ports, tenantId, version);
  if (!item) throw new NotFoundError("bot_flow");
  if (item.state === "published") {
    await ports.db.botFlowHead.patch({ tenantId }).set({ publishedVersion: version }).go();
    return summaryOf(item);
  }
  if (item.revision !== revision) throw new StaleDraftError(item.revision);
  assertPublishable(BotFlow.parse(item.flow));
  const publishedAt = ports.clock.now().toISOString();
  const { canceled } = await ports.db.transaction
    .write(({ botFlow, botFlowHead }) => [
      botFlow
        .patch({ tenantId, version })
        .set({ state: "published", publishedAt })
        .where((current, { eq }) => `${eq(current.state, "draft")} AND ${eq(current.revision, revision)}`)
        .commit(),
      botFlowHead.patch({ tenantId }).set({ publishedVersion: version }).commit(),
    ])
    .go();
  if (canceled) throw new StaleDraftError((await versionItem(ports, tenantId, version))?.revision ?? 0);
  return summaryOf({ ...item, state: "published", publishedAt });
}

/** Published versions never change: a process keeps the ones it ran. */
const publishedFlows = processCache<BotFlow>({ ttlMs: 60 * 60 * 1000, max: 500 });

/** A published version of the tenant's flow, as conversations that started with it run it. */
export async function publishedFlowVersion(ports: Pick<Ports, "db">, tenantId: string, version: number) {
  const key = `${tenantId}#${version}`;
  const cached = publishedFlows.get(ports.db, key);
  if (cached) return cached;
  const item = await versionItem(ports, tenantId, version);
  if (item?.state !== "published") throw new NotFoundError("bot_flow");
  const flow = BotFlow.parse(item.flow);
  publishedFlows.set(ports.db, key, flow);
  return flow;
}

/** The flow new web chats of the tenant start with, if it has published one. */
export async function currentBotFlow(ports: Pick<Ports, "db">, tenantId: string) {
  const head = await headOf(ports, tenantId);
  if (!head?.publishedVersion) return undefined;
  const version = head.publishedVersion;
  return { version, flow: await publishedFlowVersion(ports, tenantId, version) };
}
