import { describe, expect, it } from "vitest";
import {
  BranchIdTakenError,
  BranchNotFoundError,
  MalformedJsonError,
  moveBranch,
  type Procedure,
  parseTreeFile,
  ScriptTree,
  treeFile,
  treeProblems,
} from "../../../../shared/scripts/index.js";
import { CABLE_MODEM, seedTree } from "../../../support/script-tree-fixture.js";

const withProcedure = (procedure: Procedure): ScriptTree => {
  const tree = seedTree();
  tree.tipos[0]!.motivos[0]!.escenarios[0]!.procedure = procedure;
  return tree;
};

describe("a script tree's problems", () => {
  it("finds none in the seed's example, where every path ends in an exit tag", () => {
    expect(treeProblems(seedTree())).toEqual([]);
  });

  it("refuses a loop, naming the step that closes it", () => {
    const looping = structuredClone(CABLE_MODEM);
    const restart = looping.steps.find((step) => step.id === "restart")!;
    if (restart.kind === "instruction") restart.next = "lights";
    expect(treeProblems(withProcedure(looping))).toContainEqual({
      code: "cycle",
      path: "datos/no-navega/cable-modem",
      step: "restart",
      target: "lights",
    });
  });

  it("refuses a path that never reaches an exit, and a step nothing leads to", () => {
    const stranded: Procedure = {
      start: "ask",
      steps: [
        {
          kind: "question",
          id: "ask",
          text: "¿Reinició?",
          options: [
            { id: "yes", label: "Sí", next: "done" },
            { id: "no", label: "No", next: "again" },
          ],
        },
        { kind: "instruction", id: "again", text: "Reinicie", next: "again-2" },
        { kind: "instruction", id: "again-2", text: "Otra vez", next: "again" },
        { kind: "exit", id: "done", tag: "resolved_on_call" },
        { kind: "exit", id: "orphan", tag: "resolved_on_call" },
      ],
    };
    const codes = treeProblems(withProcedure(stranded)).map((p) => [p.code, p.step]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ["cycle", "again-2"],
        ["dead_end", "ask"],
        ["dead_end", "again"],
        ["unreachable_step", "orphan"],
      ]),
    );
  });

  it("refuses unknown steps and exit tags, duplicate ids and empty branches", () => {
    const tree = seedTree();
    tree.tipos[0]!.motivos[0]!.escenarios[1]!.procedure = {
      start: "nowhere",
      steps: [{ kind: "exit", id: "end", tag: "no-such-tag" }],
    };
    tree.tipos[1]!.motivos.push(
      ScriptTree.shape.tipos.element.shape.motivos.element.parse({
        id: "sin-senal",
        name: "Otra vez",
        escenarios: [],
      }),
    );
    tree.tipos.push(ScriptTree.shape.tipos.element.parse({ id: "movil", name: "Móvil", motivos: [] }));
    tree.exitTags.push({ code: "zone_outage", es: "Otra", en: "Other" });
    expect(treeProblems(tree)).toEqual(
      expect.arrayContaining([
        { code: "unknown_start", path: "datos/no-navega/falla-zona", step: "nowhere" },
        { code: "unknown_exit_tag", path: "datos/no-navega/falla-zona", step: "end", target: "no-such-tag" },
        { code: "duplicate_id", path: "cable/sin-senal" },
        { code: "empty_branch", path: "cable/sin-senal" },
        { code: "empty_branch", path: "movil" },
        { code: "duplicate_exit_tag", path: "exitTags", target: "zone_outage" },
      ]),
    );
  });
});

describe("moving a branch", () => {
  it("moves a motivo to another tipo at the place asked, leaving the tree given as it was", () => {
    const tree = seedTree();
    const moved = moveBranch(tree, {
      kind: "motivo",
      from: { tipo: "datos", motivo: "no-navega" },
      to: { tipo: "cable", index: 0 },
    });
    expect(moved.tipos.map((t) => [t.id, t.motivos.map((m) => m.id)])).toEqual([
      ["datos", []],
      ["cable", ["no-navega", "sin-senal"]],
    ]);
    expect(tree.tipos[0]!.motivos).toHaveLength(1);
  });

  it("reorders escenarios within a motivo, as the keyboard's move down does", () => {
    const moved = moveBranch(seedTree(), {
      kind: "escenario",
      from: { tipo: "datos", motivo: "no-navega", escenario: "cable-modem" },
      to: { tipo: "datos", motivo: "no-navega", index: 2 },
    });
    expect(moved.tipos[0]!.motivos[0]!.escenarios.map((e) => e.id)).toEqual([
      "falla-zona",
      "computadora",
      "cable-modem",
      "configuracion",
    ]);
  });

  it("moves a tipo to another place among the tipos, with everything under it", () => {
    const moved = moveBranch(seedTree(), { kind: "tipo", from: { tipo: "datos" }, to: { index: 1 } });
    expect(moved.tipos.map((t) => [t.id, t.motivos.map((m) => m.id)])).toEqual([
      ["cable", ["sin-senal"]],
      ["datos", ["no-navega"]],
    ]);
  });

  it("refuses a branch that is not there, and a move onto a sibling's id", () => {
    expect(() => moveBranch(seedTree(), { kind: "tipo", from: { tipo: "voz" }, to: { index: 0 } })).toThrow(
      BranchNotFoundError,
    );
    expect(() =>
      moveBranch(seedTree(), {
        kind: "motivo",
        from: { tipo: "datos", motivo: "no-existe" },
        to: { tipo: "cable", index: 0 },
      }),
    ).toThrow(BranchNotFoundError);
    expect(() =>
      moveBranch(seedTree(), {
        kind: "escenario",
        from: { tipo: "datos", motivo: "no-navega", escenario: "falla-zona" },
        to: { tipo: "cable", motivo: "sin-senal", index: 0 },
      }),
    ).toThrow(BranchIdTakenError);
  });
});

describe("exporting and importing a tree", () => {
  it("reads back exactly what it wrote", () => {
    const file = treeFile(seedTree());
    expect(parseTreeFile(file)).toEqual(seedTree());
    expect(treeFile(parseTreeFile(file))).toBe(file);
  });

  it("says a file that is not JSON is malformed, and names what is wrong in one that is not a tree", () => {
    expect(() => parseTreeFile("{ tipos: [")).toThrow(MalformedJsonError);
    try {
      parseTreeFile(JSON.stringify({ tipos: [{ id: "Datos!", name: "", motivos: [] }], exitTags: [] }));
      expect.unreachable();
    } catch (error) {
      const details = (error as { details?: { code: string; issues: { path: string }[] } }).details;
      expect(details?.code).toBe("invalid_tree_file");
      expect(details?.issues.map((issue) => issue.path)).toEqual(["tipos.0.id", "tipos.0.name"]);
    }
  });
});
