import { describe, expect, it } from "vitest";
import { QueueId } from "../../../../shared/queue/queue.js";
import { departmentId, departmentProblems } from "../../../../web/console/src/data/departments";

const general = { queueId: "general", es: "Atención general", en: "General service" };

describe("a new department's id", () => {
  it("comes from its Spanish name, without accents or spaces, as the server accepts it", () => {
    expect(departmentId("Seguros de viaje")).toBe("seguros-de-viaje");
    expect(departmentId("  Atención al Cliente (VIP) ")).toBe("atencion-al-cliente-vip");
    const long = departmentId("Departamento de reclamaciones internacionales y devoluciones");
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long.endsWith("-")).toBe(false);
    expect(QueueId.safeParse(long).success).toBe(true);
  });
});

describe("the departments form's problems", () => {
  it("names the row with a missing name, an id the name cannot make, or a repeated id", () => {
    expect(
      departmentProblems([
        general,
        { queueId: "tarjetas", es: "Tarjetas", en: " " },
        { queueId: "", es: "¿?", en: "What?" },
        { queueId: "tarjetas", es: "Tarjetas", en: "Cards" },
        { queueId: "seguros", es: "S".repeat(81), en: "Insurance" },
      ]),
    ).toEqual([
      { key: "departments.problem.name", row: 2 },
      { key: "departments.problem.id", row: 3 },
      { key: "departments.problem.duplicate", row: 4 },
      { key: "departments.problem.long", row: 5 },
    ]);
  });

  it("finds nothing wrong in a list the server would take", () => {
    expect(
      departmentProblems([general, { queueId: "seguros-de-viaje", es: "Seguros de viaje", en: "Travel" }]),
    ).toEqual([]);
  });
});
