import { CABLE_MODEM } from "../../infra/local/demo-script-tree.js";
import { type Procedure, ScriptTree } from "../../shared/scripts/index.js";

/** Seed 001's example procedure, as the demo company has it: the cable modem checked, then replaced. */
export { CABLE_MODEM };

export const exitOnly = (tag: string): Procedure => ({
  start: "end",
  steps: [{ kind: "exit", id: "end", tag }],
});

/** Seed 001's example: DATOS → "No puede navegar en su computadora" → four escenarios, and a Cable tipo beside it. */
export function seedTree(): ScriptTree {
  return ScriptTree.parse({
    exitTags: [
      { code: "equipment_replacement", es: "Cambio de equipo", en: "Equipment replacement" },
      { code: "resolved_on_call", es: "Resuelto en línea", en: "Resolved on the call" },
      { code: "zone_outage", es: "Falla en la zona", en: "Outage in the area" },
    ],
    tipos: [
      {
        id: "datos",
        name: "Datos (Internet)",
        aliases: ["Soporte técnico › Internet"],
        motivos: [
          {
            id: "no-navega",
            name: "No puede navegar en su computadora",
            aliases: ["Soporte técnico › Internet › Sin conexión"],
            validates: ["documentNumber", "name"],
            escenarios: [
              { id: "cable-modem", name: "Cable modem dañado", procedure: CABLE_MODEM },
              { id: "falla-zona", name: "Falla en la zona", procedure: exitOnly("zone_outage") },
              { id: "computadora", name: "Computadora dañada", procedure: exitOnly("resolved_on_call") },
              {
                id: "configuracion",
                name: "Configuración del equipo",
                procedure: exitOnly("resolved_on_call"),
              },
            ],
          },
        ],
      },
      {
        id: "cable",
        name: "Cable (Televisión)",
        motivos: [
          {
            id: "sin-senal",
            name: "No tiene señal",
            escenarios: [{ id: "falla-zona", name: "Falla en la zona", procedure: exitOnly("zone_outage") }],
          },
        ],
      },
    ],
  });
}
