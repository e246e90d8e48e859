import { beforeAll, describe, expect, it } from "vitest";
import {
  currentScriptTree,
  type Procedure,
  publishedTreeVersion,
  type ScriptTree,
  treeFile,
} from "../../../shared/scripts/index.js";
import { api } from "../../support/api.js";
import { seedTree } from "../../support/script-tree-fixture.js";
import { createAdmin, createTenant, type TestStaff, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
const BASE = "/api/admin/scripts";

/** "Computadora dañada" going round in circles: a loop no answer leaves, so it never reaches an exit. */
const LOOP: Procedure = {
  start: "ask",
  steps: [
    {
      kind: "question",
      id: "ask",
      text: "¿Enciende la computadora?",
      options: [
        { id: "no", label: "No", next: "check" },
        { id: "yes", label: "Sí", next: "end" },
      ],
    },
    { kind: "instruction", id: "check", text: "Revise el cable de corriente.", next: "again" },
    { kind: "instruction", id: "again", text: "Vuelva a revisarlo.", next: "check" },
    { kind: "exit", id: "end", tag: "resolved_on_call" },
  ],
};

function withLoop(): ScriptTree {
  const tree = seedTree();
  tree.tipos[0]!.motivos[0]!.escenarios[2]!.procedure = LOOP;
  return tree;
}

const list = (admin: TestStaff) => api(stack.url, BASE, { token: admin.token });
const save = (admin: TestStaff, tree: ScriptTree, revision: number) =>
  api(stack.url, `${BASE}/draft`, { method: "PUT", token: admin.token, body: { tree, revision } });
const publish = (admin: TestStaff, version: number, revision: number) =>
  api(stack.url, `${BASE}/${version}/publish`, { method: "POST", token: admin.token, body: { revision } });
const importFile = (admin: TestStaff, file: string, revision: number) =>
  api(stack.url, `${BASE}/import`, { method: "POST", token: admin.token, body: { file, revision } });

describe("versioned script trees", () => {
  let tenant: TestTenant;
  let admin: TestStaff;
  let otherAdmin: TestStaff;

  beforeAll(async () => {
    tenant = await createTenant(stack, { agents: 1 });
    [admin, otherAdmin] = await Promise.all([
      createAdmin(stack, tenant.tenantId, "Ana Admin"),
      createAdmin(stack, tenant.tenantId, "Beto Admin"),
    ]);
  });

  it("saves a draft, publishes it, and new contacts get the published version while a new draft is edited", async () => {
    const saved = await save(admin, seedTree(), 0);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ state: "draft", revision: 1, savedBy: "Ana Admin", problems: [] });
    const version = saved.body.version as number;

    const again = await save(admin, seedTree(), 1);
    expect(again.body).toMatchObject({ version, revision: 2 });

    const published = await publish(admin, version, 2);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version, state: "published" });

    expect(await currentScriptTree(stack.runtime.ports, tenant.tenantId)).toEqual({
      version,
      tree: seedTree(),
    });

    const edited = seedTree();
    edited.tipos[0]!.name = "Datos";
    const next = await save(admin, edited, 0);
    expect(next.body).toMatchObject({ version: version + 1, revision: 1, state: "draft" });

    const { body } = await list(admin);
    expect(body.publishedVersion).toBe(version);
    expect(body.versions.map((v: { version: number; state: string }) => [v.version, v.state])).toEqual([
      [version + 1, "draft"],
      [version, "published"],
    ]);
    const one = await api(stack.url, `${BASE}/${version + 1}`, { token: admin.token });
    expect(one.body.tree.tipos[0].name).toBe("Datos");
    // Contacts keep following the published version while the draft changes.
    expect((await currentScriptTree(stack.runtime.ports, tenant.tenantId))?.version).toBe(version);
    expect(await publishedTreeVersion(stack.runtime.ports, tenant.tenantId, version)).toEqual(seedTree());
  });

  it("refuses to publish a tree with a cycle and a dead end, naming where, and changes nothing", async () => {
    const before = (await list(admin)).body;
    const draft = before.versions[0];
    const saved = await save(admin, withLoop(), draft.revision);
    expect(saved.status).toBe(200);
    const path = "datos/no-navega/computadora";
    expect(saved.body.problems).toEqual(
      expect.arrayContaining([
        { code: "cycle", path, step: "again", target: "check" },
        { code: "dead_end", path, step: "ask", target: "check" },
      ]),
    );

    const refused = await publish(admin, saved.body.version, saved.body.revision);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("invalid_tree");
    expect(refused.body.error.details.problems).toEqual(saved.body.problems);

    const after = (await list(admin)).body;
    expect(after.publishedVersion).toBe(before.publishedVersion);
    expect(after.versions[0]).toMatchObject({ state: "draft", revision: saved.body.revision });

    const mended = await save(admin, seedTree(), saved.body.revision);
    expect(mended.body.problems).toEqual([]);
  });

  it("refuses to publish a loop even when one of its answers leads out", async () => {
    const draft = (await list(admin)).body.versions[0];
    const tree = seedTree();
    const cableModem = tree.tipos[0]!.motivos[0]!.escenarios[0]!.procedure;
    // "¿Ya navega?" → "No" back to the first question: every answer can still end, but it goes round.
    cableModem.steps = cableModem.steps.map((step) =>
      step.kind === "question" && step.id === "fixed"
        ? { ...step, options: step.options.map((o) => (o.id === "no" ? { ...o, next: "lights" } : o)) }
        : step,
    );
    const saved = await save(admin, tree, draft.revision);
    expect(saved.body.problems).toEqual([
      { code: "cycle", path: "datos/no-navega/cable-modem", step: "fixed", target: "lights" },
    ]);
    const refused = await publish(admin, saved.body.version, saved.body.revision);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.problems).toEqual(saved.body.problems);
    expect((await list(admin)).body.versions[0].state).toBe("draft");
    expect((await save(admin, seedTree(), saved.body.revision)).body.problems).toEqual([]);
  });

  it("gives the second of two admins editing at once a stale_draft conflict and keeps the first one's draft", async () => {
    const { versions } = (await list(admin)).body;
    const loaded = versions[0];
    const mine = seedTree();
    mine.tipos[0]!.name = "Datos de Ana";
    const theirs = seedTree();
    theirs.tipos[0]!.name = "Datos de Beto";

    expect((await save(admin, mine, loaded.revision)).status).toBe(200);
    const second = await save(otherAdmin, theirs, loaded.revision);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("stale_draft");
    expect(second.body.error.details.currentRevision).toBe(loaded.revision + 1);

    const draft = await api(stack.url, `${BASE}/${loaded.version}`, { token: admin.token });
    expect(draft.body).toMatchObject({ revision: loaded.revision + 1, savedBy: "Ana Admin" });
    expect(draft.body.tree.tipos[0].name).toBe("Datos de Ana");

    const stalePublish = await publish(otherAdmin, loaded.version, loaded.revision);
    expect(stalePublish.status).toBe(409);
    expect(stalePublish.body.error.code).toBe("stale_draft");
  });

  it("refuses an import of malformed JSON and stores nothing", async () => {
    const before = (await list(admin)).body;
    const refused = await importFile(admin, '{"tipos": [', before.versions[0].revision);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("malformed_json");
    expect((await list(admin)).body).toEqual(before);
  });

  it("refuses an import of JSON that is not a tree, saying what is wrong, and stores nothing", async () => {
    const before = (await list(admin)).body;
    const refused = await importFile(
      admin,
      JSON.stringify({ tipos: [{ id: "Datos Internet", name: "" }] }),
      before.versions[0].revision,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.code).toBe("invalid_tree_file");
    expect(refused.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(["tipos.0.id", "exitTags"]),
    );
    expect((await list(admin)).body).toEqual(before);
  });

  it("exports a version as a JSON file that imports back into the same tree", async () => {
    const { publishedVersion, versions } = (await list(admin)).body;
    const exported = await fetch(`${stack.url}${BASE}/${publishedVersion}/export`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toMatch(/^application\/json/);
    expect(exported.headers.get("content-disposition")).toBe(
      `attachment; filename="script-tree-v${publishedVersion}.json"`,
    );
    const file = await exported.text();
    expect(file).toBe(treeFile(seedTree()));

    const imported = await importFile(admin, file, versions[0].revision);
    expect(imported.status).toBe(200);
    const draft = await api(stack.url, `${BASE}/${imported.body.version}`, { token: admin.token });
    expect(draft.body.tree).toEqual(seedTree());
    const again = await fetch(`${stack.url}${BASE}/${imported.body.version}/export`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(await again.text()).toBe(file);
  });

  it("moves a branch of the draft and refuses a move from a stale revision or to a missing branch", async () => {
    const draft = (await list(admin)).body.versions[0];
    const move = {
      kind: "escenario",
      from: { tipo: "datos", motivo: "no-navega", escenario: "configuracion" },
      to: { tipo: "datos", motivo: "no-navega", index: 0 },
    };
    const moved = await api(stack.url, `${BASE}/draft/move`, {
      method: "POST",
      token: admin.token,
      body: { revision: draft.revision, move },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.revision).toBe(draft.revision + 1);
    const { body } = await api(stack.url, `${BASE}/${draft.version}`, { token: admin.token });
    expect(body.tree.tipos[0].motivos[0].escenarios.map((e: { id: string }) => e.id)).toEqual([
      "configuracion",
      "cable-modem",
      "falla-zona",
      "computadora",
    ]);

    const stale = await api(stack.url, `${BASE}/draft/move`, {
      method: "POST",
      token: admin.token,
      body: { revision: draft.revision, move },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_draft");

    const missing = await api(stack.url, `${BASE}/draft/move`, {
      method: "POST",
      token: admin.token,
      body: {
        revision: draft.revision + 1,
        move: { kind: "motivo", from: { tipo: "datos", motivo: "nada" }, to: { tipo: "cable", index: 0 } },
      },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("branch_not_found");

    const taken = await api(stack.url, `${BASE}/draft/move`, {
      method: "POST",
      token: admin.token,
      body: {
        revision: draft.revision + 1,
        move: {
          kind: "escenario",
          from: { tipo: "datos", motivo: "no-navega", escenario: "falla-zona" },
          to: { tipo: "cable", motivo: "sin-senal", index: 0 },
        },
      },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe("branch_id_taken");
    expect((await list(admin)).body.versions[0].revision).toBe(draft.revision + 1);
  });

  it("rolls back by publishing an older published version again", async () => {
    const { publishedVersion, versions } = (await list(admin)).body;
    const draft = versions[0];
    expect((await publish(admin, draft.version, draft.revision)).status).toBe(200);
    expect((await list(admin)).body.publishedVersion).toBe(draft.version);
    expect((await publish(admin, publishedVersion, 1)).status).toBe(200);
    expect((await list(admin)).body.publishedVersion).toBe(publishedVersion);
  });

  it("lets only admins in", async () => {
    for (const staff of [tenant.agents[0]!, tenant.supervisor]) {
      const { status, body } = await list(staff);
      expect(status).toBe(403);
      expect(body.error.code).toBe("role_forbidden");
      expect((await save(staff, seedTree(), 0)).status).toBe(403);
    }
  });

  it("shows another tenant nothing of this one's tree", async () => {
    const other = await createTenant(stack, { agents: 0 });
    const stranger = await createAdmin(stack, other.tenantId);
    const { publishedVersion } = (await list(admin)).body;
    expect((await list(stranger)).body).toEqual({ versions: [] });
    const one = await api(stack.url, `${BASE}/${publishedVersion}`, { token: stranger.token });
    expect(one.status).toBe(404);
    expect(one.body.error.code).toBe("script_tree_not_found");
    expect((await publish(stranger, publishedVersion, 1)).status).toBe(404);
  });
});
