import { describe, expect, it } from "vitest";
import { ScriptTree, Slug, Step } from "../../../../shared/scripts/script-tree.js";
import { changeKind, firstProcedure, slugOf, uniqueId } from "../../../../web/console/src/data/scripts";

describe("a new branch's id in the script editor", () => {
  it("comes from its name, without accents, spaces or signs, as the server accepts it", () => {
    expect(slugOf("No puede navegar en su computadora")).toBe("no-puede-navegar-en-su-computadora");
    expect(slugOf("Configuración del equipo")).toBe("configuracion-del-equipo");
    expect(slugOf("  Datos (Internet) ")).toBe("datos-internet");
    const long = slugOf("Falla o problema en la zona donde vive el cliente y sus alrededores inmediatos");
    expect(long.endsWith("-")).toBe(false);
    expect(Slug.safeParse(long).success).toBe(true);
  });

  it("is still an id when the name has no letters or digits", () => {
    expect(Slug.safeParse(slugOf("¿?")).success).toBe(true);
  });

  it("is unique among its siblings", () => {
    expect(uniqueId("falla-en-la-zona", [])).toBe("falla-en-la-zona");
    expect(uniqueId("falla-en-la-zona", ["falla-en-la-zona", "falla-en-la-zona-2"])).toBe(
      "falla-en-la-zona-3",
    );
  });
});

describe("changing a step's kind", () => {
  const instruction = {
    kind: "instruction",
    id: "paso-2",
    text: "Reinicie el cable modem.",
    next: "fin",
  } as const;

  it("keeps its id, its words and where it leads", () => {
    expect(changeKind(instruction, "action", "x", "tag")).toEqual({
      kind: "action",
      id: "paso-2",
      action: "technical_complaint",
      text: "Reinicie el cable modem.",
      next: "fin",
    });
    expect(changeKind(instruction, "field", "x", "tag")).toMatchObject({
      label: "Reinicie el cable modem.",
      next: "fin",
    });
  });

  it("gives a question two answers leading where the step led, and an exit the tag given", () => {
    const question = changeKind(instruction, "question", "x", "tag");
    expect(Step.safeParse(question).success).toBe(true);
    expect(question.kind === "question" && question.options.map((o) => o.next)).toEqual(["fin", "fin"]);
    expect(changeKind(instruction, "exit", "x", "resolved_on_call")).toEqual({
      kind: "exit",
      id: "paso-2",
      tag: "resolved_on_call",
    });
  });

  it("leads an exit turned into a step to the fallback given", () => {
    expect(
      changeKind({ kind: "exit", id: "fin", tag: "t" }, "instruction", "otra-salida", "t"),
    ).toMatchObject({
      next: "otra-salida",
    });
  });
});

describe("a new escenario's procedure", () => {
  it("is a single exit with the tag given, which the server takes", () => {
    const tree = {
      exitTags: [{ code: "resolved_on_call", es: "Resuelto", en: "Resolved" }],
      tipos: [
        {
          id: "datos",
          name: "Datos",
          motivos: [
            {
              id: "m",
              name: "M",
              escenarios: [{ id: "e", name: "E", procedure: firstProcedure("resolved_on_call") }],
            },
          ],
        },
      ],
    };
    expect(ScriptTree.safeParse(tree).success).toBe(true);
  });
});
