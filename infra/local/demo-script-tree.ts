import type { StaffIdentity } from "../../shared/identity/index.js";
import type { Ports } from "../../shared/ports.js";
import {
  listScriptTrees,
  type Procedure,
  publishScriptTree,
  saveScriptTreeDraft,
} from "../../shared/scripts/index.js";

type TreeInput = Parameters<typeof saveScriptTreeDraft>[2]["tree"];

/** A procedure that is one instruction, then its exit tag. */
const tellAndClose = (text: string, tag: string): Procedure => ({
  start: "tell",
  steps: [
    { kind: "instruction", id: "tell", text, next: "end" },
    { kind: "exit", id: "end", tag },
  ],
});

/** Seed 001's example: the cable modem is checked, then replaced through a technical complaint. */
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
    {
      kind: "field",
      id: "serial",
      label: "Número de serie del equipo",
      type: "text",
      next: "complaint",
    },
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

/** A fault in the customer's area: confirmed with him, then a technician is sent. */
const ZONE_OUTAGE: Procedure = {
  start: "confirm",
  steps: [
    {
      kind: "question",
      id: "confirm",
      text: "¿El monitoreo muestra una falla abierta en la zona del cliente?",
      options: [
        { id: "yes", label: "Sí, hay falla", next: "inform" },
        { id: "no", label: "No", next: "visit" },
      ],
    },
    {
      kind: "instruction",
      id: "inform",
      text: "Informe la falla y el tiempo estimado de solución publicado.",
      next: "outage",
    },
    {
      kind: "action",
      id: "visit",
      action: "technical_complaint",
      text: "Levantar queja técnica para visita de técnico",
      next: "technician",
    },
    { kind: "exit", id: "outage", tag: "zone_outage" },
    { kind: "exit", id: "technician", tag: "technician_visit" },
  ],
};

/**
 * The demo company's script tree (seed 001): the four service tipos and the other profiles'
 * ones, each motivo known by the name the demo IVR's menu gives it, so a call keyed through
 * "Soporte técnico › Internet › Sin conexión" opens with its reason filled in.
 */
export const DEMO_SCRIPT_TREE: TreeInput = {
  exitTags: [
    { code: "resolved_on_call", es: "Resuelto en línea", en: "Resolved on the call" },
    { code: "equipment_replacement", es: "Cambio de equipo", en: "Equipment replacement" },
    { code: "zone_outage", es: "Falla en la zona", en: "Outage in the area" },
    { code: "technician_visit", es: "Visita de técnico", en: "Technician visit" },
    { code: "information_given", es: "Información brindada", en: "Information given" },
    { code: "not_validated", es: "Contrato no validado", en: "Contract not validated" },
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
            { id: "falla-zona", name: "Falla en la zona", procedure: ZONE_OUTAGE },
            {
              id: "computadora",
              name: "Computadora dañada",
              procedure: tellAndClose(
                "Sugiera revisar la computadora con su servicio técnico.",
                "information_given",
              ),
            },
            {
              id: "configuracion",
              name: "Configuración del equipo",
              procedure: tellAndClose("Guíe al cliente para activar DHCP en su equipo.", "resolved_on_call"),
            },
          ],
        },
        {
          id: "lento",
          name: "Navegación lenta",
          aliases: ["Soporte técnico › Internet › Lento"],
          validates: ["documentNumber"],
          escenarios: [
            { id: "falla-zona", name: "Falla en la zona", procedure: ZONE_OUTAGE },
            {
              id: "wifi",
              name: "Señal WiFi débil",
              procedure: tellAndClose(
                "Recomiende acercar el equipo al router o usar cable.",
                "resolved_on_call",
              ),
            },
          ],
        },
      ],
    },
    {
      id: "cable",
      name: "Cable (Televisión)",
      aliases: ["Soporte técnico › TV"],
      motivos: [
        {
          id: "sin-senal",
          name: "No tiene señal",
          aliases: ["Soporte técnico › TV › Sin señal"],
          validates: ["documentNumber"],
          escenarios: [{ id: "falla-zona", name: "Falla en la zona", procedure: ZONE_OUTAGE }],
        },
      ],
    },
    {
      id: "voz",
      name: "Voz (Telefonía)",
      aliases: ["Soporte técnico › Teléfono"],
      motivos: [
        {
          id: "sin-tono",
          name: "No tiene tono",
          aliases: ["Soporte técnico › Teléfono › Sin tono"],
          validates: ["documentNumber"],
          escenarios: [{ id: "falla-zona", name: "Falla en la zona", procedure: ZONE_OUTAGE }],
        },
      ],
    },
    {
      id: "movil",
      name: "Móvil (Telefonía celular)",
      motivos: [
        {
          id: "sin-datos",
          name: "No tiene datos móviles",
          escenarios: [
            {
              id: "apn",
              name: "APN mal configurado",
              procedure: tellAndClose("Guíe al cliente para restablecer el APN.", "resolved_on_call"),
            },
          ],
        },
      ],
    },
    {
      id: "saldos",
      name: "Saldos",
      motivos: [
        {
          id: "consulta-saldo",
          name: "Consulta de saldo",
          aliases: ["Facturación › Consultar saldo"],
          validates: ["documentNumber"],
          escenarios: [
            {
              id: "informar",
              name: "Informar saldo",
              procedure: tellAndClose("Informe el saldo y la fecha de vencimiento.", "information_given"),
            },
          ],
        },
      ],
    },
    {
      id: "servicios-pendientes",
      name: "Servicios pendientes",
      motivos: [
        {
          id: "estado-servicio",
          name: "Estado de un servicio pedido",
          validates: ["documentNumber"],
          escenarios: [
            {
              id: "informar",
              name: "Informar estado",
              procedure: tellAndClose(
                "Informe el estado del servicio en la pestaña Servicios.",
                "information_given",
              ),
            },
          ],
        },
      ],
    },
    {
      id: "facturacion",
      name: "Facturación",
      aliases: ["Facturación"],
      motivos: [
        {
          id: "cobro-indebido",
          name: "Reclamo por cobro",
          aliases: ["Facturación › Reclamo por cobro"],
          validates: ["documentNumber", "name"],
          escenarios: [
            {
              id: "revisar",
              name: "Cobro a revisar",
              procedure: tellAndClose(
                "Registre el reclamo y explique el plazo de respuesta.",
                "information_given",
              ),
            },
          ],
        },
      ],
    },
  ],
};

/** Publishes the demo tree once: what an admin changed since stays. */
export async function seedDemoScriptTree(ports: Ports, admin: StaffIdentity) {
  const { versions } = await listScriptTrees(ports, admin);
  if (versions.length > 0) return;
  const draft = await saveScriptTreeDraft(ports, admin, {
    tree: DEMO_SCRIPT_TREE,
    revision: 0,
  });
  await publishScriptTree(ports, admin, draft.version, { revision: draft.revision });
}
