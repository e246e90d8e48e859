import type { EntityItem } from "electrodb";
import { z } from "zod";
import { unlessConditionFails } from "../data/condition-failed.js";
import type { Db } from "../data/db.js";
import { processCache } from "../data/process-cache.js";
import { ConflictError, NotFoundError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { parseTreeFile } from "./import-tree.js";
import { MoveBranch, moveBranch } from "./move-branch.js";
import { ScriptTree } from "./script-tree.js";
import { InvalidTreeError, treeProblems } from "./validate-tree.js";

/*
 * Drafts and published versions of the script tree, the same way as the chatbot's flows
 * (`shared/chatbot/bot-flows.ts`): the two stay parallel because a module generic over two
 * ElectroDB entities loses their item and transaction types.
 */

type ScriptTreeItem = EntityItem<Db["scriptTree"]>;

export const ScriptTreeVersion = z.object({
  version: z.number().int().positive(),
  state: z.enum(["draft", "published"]),
  revision: z.number().int().positive(),
  savedBy: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().optional(),
});
export type ScriptTreeVersion = z.infer<typeof ScriptTreeVersion>;

/** The draft revision an edit started from; 0 to start a new draft when there is none. */
const Revision = z.number().int().nonnegative();

export const SaveTreeDraftInput = z.object({ tree: ScriptTree, revision: Revision });
export type SaveTreeDraftInput = z.input<typeof SaveTreeDraftInput>;

export const MoveDraftBranchInput = z.object({ revision: Revision, move: MoveBranch });
export type MoveDraftBranchInput = z.input<typeof MoveDraftBranchInput>;

export const ImportTreeInput = z.object({
  revision: Revision,
  /** The exported file's text, as `treeFile` wrote it. */
  file: z.string(),
});
export type ImportTreeInput = z.input<typeof ImportTreeInput>;

export const PublishTreeInput = z.object({
  /** The draft revision the admin reviewed: a draft saved again since is not published blindly. */
  revision: z.number().int().positive(),
});

export class StaleTreeDraftError extends ConflictError {
  constructor(currentRevision: number) {
    super("stale_draft", "Someone saved or published the script tree since you loaded it; load it again", {
      currentRevision,
    });
  }
}

const summaryOf = (item: ScriptTreeItem): ScriptTreeVersion => ScriptTreeVersion.parse(item);

async function headOf(ports: Pick<Ports, "db">, tenantId: string) {
  const { data } = await ports.db.scriptTreeHead.get({ tenantId }).go();
  return data;
}

async function versionItem(ports: Pick<Ports, "db">, tenantId: string, version: number) {
  const { data } = await ports.db.scriptTree.get({ tenantId, version }).go();
  return data;
}

/** The newest version: the draft being edited, or the published one a new draft starts from. */
async function latestItem(ports: Pick<Ports, "db">, tenantId: string) {
  const head = await headOf(ports, tenantId);
  const latest = head ? await versionItem(ports, tenantId, head.latestVersion) : undefined;
  return { head, latest };
}

/** Every version of the tenant's tree, newest first, and which one new contacts follow. */
export async function listScriptTrees(ports: Pick<Ports, "db">, staff: StaffIdentity) {
  const [head, { data }] = await Promise.all([
    headOf(ports, staff.tenantId),
    ports.db.scriptTree.query.byVersion({ tenantId: staff.tenantId }).go({ order: "desc", pages: "all" }),
  ]);
  return {
    ...(head?.publishedVersion && { publishedVersion: head.publishedVersion }),
    versions: data.map(summaryOf),
  };
}

/** One version with its tree, and what would stop it from being published. */
export async function getScriptTreeVersion(ports: Pick<Ports, "db">, staff: StaffIdentity, version: number) {
  const item = await versionItem(ports, staff.tenantId, version);
  if (!item) throw new NotFoundError("script_tree");
  const tree = ScriptTree.parse(item.tree);
  return { ...summaryOf(item), tree, problems: treeProblems(tree) };
}

/**
 * Saves the admin's edit as the draft: over the draft revision he started from, or as a new
 * version after the newest one when there is no draft. Anything saved or published meanwhile
 * makes it `stale_draft` (two admins editing at once: the second save sees the conflict); both
 * writes are conditional, so two saves at once cannot both win. A draft may still have
 * problems: they are returned, and only publishing refuses them.
 */
export async function saveScriptTreeDraft(
  ports: Pick<Ports, "db" | "clock">,
  staff: StaffIdentity,
  input: SaveTreeDraftInput,
) {
  const { tree, revision } = SaveTreeDraftInput.parse(input);
  const { tenantId } = staff;
  const now = ports.clock.now().toISOString();
  const { head, latest } = await latestItem(ports, tenantId);

  if (latest?.state === "draft") {
    if (latest.revision !== revision) throw new StaleTreeDraftError(latest.revision);
    const saved = await unlessConditionFails(
      ports.db.scriptTree
        .patch({ tenantId, version: latest.version })
        .set({ tree, revision: revision + 1, savedBy: staff.name, updatedAt: now })
        .where((item, { eq }) => `${eq(item.state, "draft")} AND ${eq(item.revision, revision)}`)
        .go({ response: "all_new" }),
    );
    if (!saved)
      throw new StaleTreeDraftError((await versionItem(ports, tenantId, latest.version))?.revision ?? 0);
    return { ...summaryOf(saved.data), problems: treeProblems(tree) };
  }

  if (revision !== 0) throw new StaleTreeDraftError(0);
  const version = (head?.latestVersion ?? 0) + 1;
  const draft = {
    tenantId,
    version,
    state: "draft" as const,
    revision: 1,
    tree,
    savedBy: staff.name,
    createdAt: now,
    updatedAt: now,
  };
  const { canceled } = await ports.db.transaction
    .write(({ scriptTree, scriptTreeHead }) => [
      head
        ? scriptTreeHead
            .patch({ tenantId })
            .set({ latestVersion: version })
            .where((item, { eq }) => eq(item.latestVersion, head.latestVersion))
            .commit()
        : scriptTreeHead.create({ tenantId, latestVersion: version }).commit(),
      scriptTree.create(draft).commit(),
    ])
    .go();
  if (canceled) throw new StaleTreeDraftError(0);
  return { ...summaryOf(draft), problems: treeProblems(tree) };
}

/**
 * Moves a branch of the draft (drag and drop or the keyboard in the editor) and saves it, under
 * the same revision rules as a save; with no draft (revision 0), the move starts one from the
 * newest version. `branch_not_found` and `branch_id_taken` come from `moveBranch`.
 */
export async function moveDraftBranch(
  ports: Pick<Ports, "db" | "clock">,
  staff: StaffIdentity,
  input: MoveDraftBranchInput,
) {
  const { revision, move } = MoveDraftBranchInput.parse(input);
  const { latest } = await latestItem(ports, staff.tenantId);
  const current = latest?.state === "draft" ? latest.revision : 0;
  if (current !== revision) throw new StaleTreeDraftError(current);
  const tree = latest ? ScriptTree.parse(latest.tree) : { tipos: [], exitTags: [] };
  return saveScriptTreeDraft(ports, staff, { tree: moveBranch(tree, move), revision });
}

/** An exported file saved as the draft: `malformed_json` or `invalid_tree_file` store nothing. */
export async function importScriptTree(
  ports: Pick<Ports, "db" | "clock">,
  staff: StaffIdentity,
  input: ImportTreeInput,
) {
  const { revision, file } = ImportTreeInput.parse(input);
  return saveScriptTreeDraft(ports, staff, { tree: parseTreeFile(file), revision });
}

/**
 * Publishes a version for the contacts that start from now on. A draft must be the revision
 * the admin reviewed and have no problems (`invalid_tree` lists them: cycles, dead ends…); it
 * then never changes again. Publishing an older version again rolls back to it.
 */
export async function publishScriptTree(
  ports: Pick<Ports, "db" | "clock">,
  staff: StaffIdentity,
  version: number,
  input: z.input<typeof PublishTreeInput>,
) {
  const { revision } = PublishTreeInput.parse(input);
  const { tenantId } = staff;
  const item = await versionItem(ports, tenantId, version);
  if (!item) throw new NotFoundError("script_tree");
  if (item.state === "published") {
    await ports.db.scriptTreeHead.patch({ tenantId }).set({ publishedVersion: version }).go();
    return summaryOf(item);
  }
  if (item.revision !== revision) throw new StaleTreeDraftError(item.revision);
  const problems = treeProblems(ScriptTree.parse(item.tree));
  if (problems.length > 0) throw new InvalidTreeError(problems);
  const publishedAt = ports.clock.now().toISOString();
  const { canceled } = await ports.db.transaction
    .write(({ scriptTree, scriptTreeHead }) => [
      scriptTree
        .patch({ tenantId, version })
        .set({ state: "published", publishedAt })
        .where((current, { eq }) => `${eq(current.state, "draft")} AND ${eq(current.revision, revision)}`)
        .commit(),
      scriptTreeHead.patch({ tenantId }).set({ publishedVersion: version }).commit(),
    ])
    .go();
  if (canceled) throw new StaleTreeDraftError((await versionItem(ports, tenantId, version))?.revision ?? 0);
  return summaryOf({ ...item, state: "published", publishedAt });
}

/** Published versions never change: a process keeps the ones it ran. */
const publishedTrees = processCache<ScriptTree>({ ttlMs: 60 * 60 * 1000, max: 500 });

/** A published version of the tenant's tree, as contacts that started with it follow it. */
export async function publishedTreeVersion(ports: Pick<Ports, "db">, tenantId: string, version: number) {
  const key = `${tenantId}#${version}`;
  const cached = publishedTrees.get(ports.db, key);
  if (cached) return cached;
  const item = await versionItem(ports, tenantId, version);
  if (item?.state !== "published") throw new NotFoundError("script_tree");
  const tree = ScriptTree.parse(item.tree);
  publishedTrees.set(ports.db, key, tree);
  return tree;
}

/** The tree new contacts of the tenant follow, if it has published one. */
export async function currentScriptTree(ports: Pick<Ports, "db">, tenantId: string) {
  const head = await headOf(ports, tenantId);
  if (!head?.publishedVersion) return undefined;
  const version = head.publishedVersion;
  return { version, tree: await publishedTreeVersion(ports, tenantId, version) };
}
