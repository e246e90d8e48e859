import { describe, expect, it } from "vitest";
import {
  backBlocked,
  type GuidedContactInfo,
  type PathEntry,
  stageOf,
  takenStep,
  whereIs,
} from "../../../../web/console/src/data/guided-contact";
import { seedTree } from "../../../support/script-tree-fixture";

const entry = (step: string, kind: PathEntry["kind"], extra: Partial<PathEntry> = {}): PathEntry => ({
  step,
  kind,
  enteredAt: "2026-11-24T07:00:00.000Z",
  ms: 0,
  ...extra,
});

const contact = (changes: Partial<GuidedContactInfo>): GuidedContactInfo => ({
  contactId: "c1",
  channel: "call",
  agentId: "a1",
  agentName: "Ana",
  version: 1,
  phase: "solution",
  tipo: "datos",
  tipoName: "Datos (Internet)",
  motivo: "no-navega",
  motivoName: "No puede navegar en su computadora",
  escenario: "cable-modem",
  escenarioName: "Cable modem dañado",
  path: [],
  detours: [],
  revision: 1,
  startedAt: "2026-11-24T07:00:00.000Z",
  updatedAt: "2026-11-24T07:00:00.000Z",
  ...changes,
});

describe("the agent's guided panel", () => {
  it("shows the seed's four stages in order, the escenario's choice under the solution", () => {
    expect(stageOf(undefined)).toBe("reason");
    expect(stageOf(contact({ phase: "validation" }))).toBe("validation");
    expect(stageOf(contact({ phase: "escenario" }))).toBe("solution");
    expect(stageOf(contact({ phase: "solution" }))).toBe("solution");
    expect(stageOf(contact({ phase: "closing" }))).toBe("exit");
    expect(stageOf(contact({ phase: "closed" }))).toBe("exit");
  });

  it("finds the step the contact is on in the tree version it follows", () => {
    const place = whereIs(
      seedTree(),
      contact({ path: [entry("lights", "question", { answer: "none" }), entry("serial", "field")] }),
    );
    expect(place.motivo?.validates).toEqual(["documentNumber", "name"]);
    expect(place.step).toMatchObject({ kind: "field", label: "Número de serie del equipo" });
  });

  it("closes «Atrás» only past an action the system took", () => {
    expect(backBlocked(contact({ path: [entry("complaint", "action"), entry("replaced", "exit")] }))).toBe(
      true,
    );
    expect(backBlocked(contact({ path: [entry("lights", "question"), entry("serial", "field")] }))).toBe(
      false,
    );
    expect(backBlocked(contact({ path: [entry("lights", "question")] }))).toBe(false);
  });

  it("reads a step taken as its text and the answer given: an option's label, a field's value", () => {
    const { steps } = whereIs(seedTree(), contact({}));
    expect(takenStep(steps.get("lights"), entry("lights", "question", { answer: "online" }))).toEqual({
      text: "¿Qué luces tiene encendidas el cable modem?",
      answer: "Online parpadea",
    });
    expect(takenStep(steps.get("serial"), entry("serial", "field", { value: "CM-1" }))).toEqual({
      text: "Número de serie del equipo",
      answer: "CM-1",
    });
    expect(takenStep(steps.get("complaint"), entry("complaint", "action"))).toEqual({
      text: "Levantar queja técnica para cambio de cable modem",
      answer: undefined,
    });
  });
});
