import { describe, expect, it } from "vitest";
import { DEMO_SCRIPT_TREE } from "../../../../infra/local/demo-script-tree.js";
import { matchesRecord, prefillReason, ScriptTree, treeProblems } from "../../../../shared/scripts/index.js";
import { seedTree } from "../../../support/script-tree-fixture.js";

describe("the reason the IVR or the chatbot recorded", () => {
  const tree = seedTree();

  it("fills in tipo and motivo when the motivo is known by that path, whatever the accents and case", () => {
    expect(prefillReason(tree, "Soporte técnico › Internet › Sin conexión")).toEqual({
      tipo: "datos",
      motivo: "no-navega",
    });
    expect(prefillReason(tree, "soporte tecnico > internet > sin conexion")).toEqual({
      tipo: "datos",
      motivo: "no-navega",
    });
    expect(prefillReason(tree, "No puede navegar en su computadora")).toEqual({
      tipo: "datos",
      motivo: "no-navega",
    });
  });

  it("fills in only the tipo when just the start of the path is known", () => {
    expect(prefillReason(tree, "Soporte técnico › Internet › Lento")).toEqual({ tipo: "datos" });
    expect(prefillReason(tree, "Cable (Televisión)")).toEqual({ tipo: "cable" });
  });

  it("fills in nothing the tree does not know", () => {
    expect(prefillReason(tree, "Contratar un servicio")).toBeUndefined();
    expect(prefillReason(tree, "  ")).toBeUndefined();
    expect(prefillReason(tree, undefined)).toBeUndefined();
  });
});

describe("the contract data a customer gives", () => {
  const record = {
    name: "Marta Giménez",
    documentNumber: "20.123.456-7",
    phone: "+5491155550123",
    email: "Marta@Example.com",
  };

  it("matches his record as a person would judge it", () => {
    expect(matchesRecord("name", "marta gimenez", record)).toBe(true);
    expect(matchesRecord("documentNumber", "201234567", record)).toBe(true);
    expect(matchesRecord("phone", "11 5555-0123", record)).toBe(true);
    expect(matchesRecord("email", " marta@example.COM ", record)).toBe(true);
  });

  it("does not match another value, too few digits, or a field the record lacks", () => {
    expect(matchesRecord("name", "Marta Gómez", record)).toBe(false);
    expect(matchesRecord("documentNumber", "20123456", record)).toBe(false);
    expect(matchesRecord("phone", "0123", record)).toBe(false);
    expect(matchesRecord("email", "marta@example.com", { name: "Marta" })).toBe(false);
    expect(matchesRecord("name", "", record)).toBe(false);
  });
});

describe("the demo company's tree", () => {
  it("can be published, and the demo IVR's menu paths fill in its reasons", () => {
    const tree = ScriptTree.parse(DEMO_SCRIPT_TREE);
    expect(treeProblems(tree)).toEqual([]);
    expect(prefillReason(tree, "Soporte técnico › Internet › Sin conexión")).toEqual({
      tipo: "datos",
      motivo: "no-navega",
    });
    expect(prefillReason(tree, "Soporte técnico › TV › Sin señal")).toEqual({
      tipo: "cable",
      motivo: "sin-senal",
    });
    expect(prefillReason(tree, "Facturación › Medios de pago")).toEqual({ tipo: "facturacion" });
  });
});
