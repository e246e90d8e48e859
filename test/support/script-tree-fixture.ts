import { type Procedure, ScriptTree } from "../../shared/scripts/index.js";

/** Seed 001's example: DATOS → "No puede navegar en su computadora" → four escenarios. */
export const CABLE_MODEM: Procedure = {
  start: "lights",
  steps: [
    {
      kind: "question",
      id: "lights",
      text: "¿Qué luces tiene encendidas el cable modem?",
      options: [
        { id: "none", label: "Ninguna", next: "serial" },
        { id: "online", label: "Online parpadea", next: "restart" },
      ],
    },
    {
      kind: "instruction",
      id: "restart",
      text: "Pida al cliente que reinicie el cable modem.",
      next: "fixed",
    },
    {
      kind: "question",
      id: "fixed",
      text: "¿Ya navega?",
      options: [
        { id: "yes", label: "Sí", next: "resolved" },
        { id: "no", label: "No", next: "serial" },
      ],
    },
    { kind: "field", id: "serial", label: "Número de serie del equipo", type: "text", next: "complaint" },
    {
      kind: "action",
      id: "complaint",
      action: "technical_complaint",
      text: "Levantar queja técnica para cambio de cable modem",
      next: "replaced",
    },
    { kind: "exit", id: "replaced", tag: "equipment_replacement" },
    { kind: "exit", id: "resolved", tag: "resolved_on_call" },
  ],
};

export const exitOnly = (tag: string): Procedure => ({
  start: "end",
  steps: [{ kind: "exit", id: "end", tag }],
});

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
