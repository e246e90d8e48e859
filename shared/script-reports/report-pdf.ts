import { printRecords } from "../care/print-records.js";
import { formatDate, type TableLanguage } from "../care/records-table.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import {
  type ContactReport,
  ContactReportQuery,
  closedContacts,
  MAX_REPORT_CONTACTS,
  summarizeContacts,
} from "./contact-report.js";

/** `2:05` for two minutes and five seconds: procedures take minutes, and a step a few seconds. */
const minutesText = (ms: number) => {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
};

const TEXT = {
  es: {
    title: "Motivos de contacto",
    period: "Del {from} al {to} ({zone})",
    totals: "{contacts} contactos · {completed} con etiqueta de salida · {left} abandonaron el procedimiento",
    cut: `Solo los primeros ${MAX_REPORT_CONTACTS} contactos: acote el periodo o los filtros`,
    generated: "Generado el",
    tipo: "Tipo",
    agent: "Agente",
    columns: ["Sección", "Detalle", "Contactos o visitas", "Tiempo promedio (min)"],
    sections: {
      byTipo: "Por tipo",
      byMotivo: "Por motivo",
      byEscenario: "Por escenario",
      bySolution: "Por solución",
      byExitTag: "Por etiqueta de salida",
      perDay: "Por día",
      perAgent: "Por agente",
      procedureTimes: "Tiempo por procedimiento",
      stepTimes: "Tiempo por paso",
      leftProcedures: "Procedimientos abandonados",
    },
    kinds: {
      instruction: "Instrucción",
      question: "Pregunta",
      field: "Dato",
      action: "Acción",
      exit: "Salida",
    },
  },
  en: {
    title: "Contact reasons",
    period: "From {from} to {to} ({zone})",
    totals: "{contacts} contacts · {completed} with an exit tag · {left} left the procedure",
    cut: `Only the first ${MAX_REPORT_CONTACTS} contacts: narrow the period or the filters`,
    generated: "Generated",
    tipo: "Type",
    agent: "Agent",
    columns: ["Section", "Detail", "Contacts or visits", "Average time (min)"],
    sections: {
      byTipo: "By type",
      byMotivo: "By reason",
      byEscenario: "By scenario",
      bySolution: "By solution",
      byExitTag: "By exit tag",
      perDay: "Per day",
      perAgent: "Per agent",
      procedureTimes: "Time per procedure",
      stepTimes: "Time per step",
      leftProcedures: "Procedures left",
    },
    kinds: {
      instruction: "Instruction",
      question: "Question",
      field: "Field",
      action: "Action",
      exit: "Exit",
    },
  },
} satisfies Record<TableLanguage, unknown>;

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));

/**
 * The report as one table, a section after another in the console's order: what was counted,
 * how many, and the average time where there is one. Printed as the back office's tabs are
 * (`printRecords`: landscape A4, the header on every page, accents kept).
 */
export function reportRows(report: ContactReport, lang: TableLanguage) {
  const { sections: s, kinds } = TEXT[lang];
  const kind = (k?: string) => (k ? (kinds[k as keyof typeof kinds] ?? k) : "");
  const row = (section: string, detail: string, count: number, ms?: number) => [
    section,
    detail,
    String(count),
    ms === undefined ? "" : minutesText(ms),
  ];
  return [
    ...report.byTipo.map((r) => row(s.byTipo, r.name, r.count)),
    ...report.byMotivo.map((r) => row(s.byMotivo, r.name, r.count)),
    ...report.byEscenario.map((r) => row(s.byEscenario, r.name, r.count)),
    ...report.bySolution.map((r) => row(s.bySolution, r.solution, r.count)),
    ...report.byExitTag.map((r) => row(s.byExitTag, r.name, r.count)),
    ...report.perDay.map((r) => row(s.perDay, r.day, r.count)),
    ...report.perAgent.map((r) => row(s.perAgent, r.name, r.count, r.averageMs)),
    ...report.procedureTimes.map((r) =>
      row(s.procedureTimes, `${r.motivoName} › ${r.name}`, r.contacts, r.averageMs),
    ),
    ...report.stepTimes.map((r) =>
      row(s.stepTimes, `${r.escenarioName} › ${r.step} (${kind(r.kind)})`, r.visits, r.averageMs),
    ),
    ...report.leftProcedures.map((r) =>
      row(
        s.leftProcedures,
        [r.motivoName, r.escenarioName, `${r.step}${r.kind ? ` (${kind(r.kind)})` : ""}`]
          .filter(Boolean)
          .join(" › "),
        r.count,
      ),
    ),
  ];
}

/** The period's report as a PDF file, with the filters it was made with and when. */
export async function exportContactsPdf(
  ports: Pick<Ports, "db" | "clock">,
  staff: StaffIdentity,
  input: ContactReportQuery,
) {
  const closed = await closedContacts(ports, staff, input);
  const { lang, tipo, agentId } = ContactReportQuery.parse(input);
  const report = summarizeContacts(closed);
  const text = TEXT[lang];
  // The filters by name, as the contacts read: an id only when the period had none of them.
  const first = closed.contacts[0];
  const filters = [
    ...(tipo ? [`${text.tipo}: ${first?.tipoName ?? tipo}`] : []),
    ...(agentId ? [`${text.agent}: ${first?.agentName ?? agentId}`] : []),
  ];
  const body = await printRecords({
    title: text.title,
    lines: [
      `${fill(text.period, { from: report.from, to: report.to, zone: report.timeZone })} · ${fill(text.totals, report.totals)}${report.cut ? ` · ${text.cut}` : ""}`,
      ...(filters.length ? [filters.join(" · ")] : []),
      `${text.generated} ${formatDate(ports.clock.now().toISOString(), report.timeZone)}`,
    ],
    table: {
      columns: text.columns.map((header, i) => ({ id: String(i), header, width: [2, 6, 1.4, 1.6][i]! })),
      rows: reportRows(report, lang),
    },
    lang,
  });
  return { filename: `motivos-de-contacto-${report.from}-${report.to}.pdf`, body, cut: report.cut };
}
