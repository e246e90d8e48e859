import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveAutoReplySettings } from "../../../shared/auto-reply/auto-reply-settings.js";
import { DEFAULT_AUTO_REPLY_SETTINGS } from "../../../shared/auto-reply/settings.js";
import type { StaffIdentity } from "../../../shared/identity/index.js";
import { systemClock } from "../../../shared/ports.js";
import type { GuidedContactInfo, PathEntry } from "../../../shared/scripts/guided-contact.js";
import { publishScriptTree, saveScriptTreeDraft } from "../../../shared/scripts/script-versions.js";
import { seedTree } from "../../support/script-tree-fixture.js";
import { createAdmin, createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "atiende-reasons-"));
let tenant: TestTenant;
let other: TestTenant;

/** The three days the figures are about, on the tenant's clock (America/Mexico_City, UTC-6). */
const PERIOD = { from: "2026-10-05", to: "2026-10-07" };

const step = (id: string, kind: PathEntry["kind"], seconds: number): PathEntry => ({
  step: id,
  kind,
  enteredAt: "2026-10-05T15:00:00.000Z",
  ms: seconds * 1000,
});

type Closed = Partial<GuidedContactInfo> &
  Pick<GuidedContactInfo, "agentId" | "agentName" | "path"> & {
    closedAt: string;
  };

const DATOS = {
  tipo: "datos",
  tipoName: "Datos (Internet)",
  motivo: "no-navega",
  motivoName: "No puede navegar en su computadora",
};
const CABLE_MODEM = { ...DATOS, escenario: "cable-modem", escenarioName: "Cable modem dañado" };
const COMPLAINT = "Levantar queja técnica para cambio de cable modem";

async function close(owner: TestTenant, contact: Closed, version = 1) {
  const contactId = `gc_${randomUUID()}`;
  await stack.runtime.ports.db.guidedContact
    .put({
      ...DATOS,
      tenantId: owner.tenantId,
      contactId,
      channel: "call",
      version,
      phase: "closed",
      detours: [],
      revision: 3,
      startedAt: new Date(Date.parse(contact.closedAt) - 5 * 60_000).toISOString(),
      updatedAt: contact.closedAt,
      ...contact,
    })
    .go();
  return contactId;
}

/** A report, its CSV or its PDF as the console asks for it. */
async function report(token: string, query: Record<string, string>, format: "" | ".csv" | ".pdf" = "") {
  const response = await fetch(
    `${stack.url}/api/agent/reports/contacts${format}?${new URLSearchParams(query)}`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  return {
    status: response.status,
    headers: response.headers,
    bytes,
    text,
    json: response.headers.get("content-type")?.startsWith("application/json") ? JSON.parse(text) : undefined,
  };
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTenant(stack), createTenant(stack, { agents: 1 })]);
  const admin: StaffIdentity = {
    kind: "staff",
    tenantId: tenant.tenantId,
    staffId: "admin-reports",
    email: "admin@reports.test",
    name: "Admin",
    role: "admin",
  };
  const ports = { db: stack.runtime.ports.db, clock: systemClock };
  const draft = await saveScriptTreeDraft(ports, admin, { tree: seedTree(), revision: 0 });
  // The other tenant works in Tokyo (UTC+9): its days start fifteen hours before Mexico City's.
  await saveAutoReplySettings(
    ports,
    { ...admin, tenantId: other.tenantId },
    { settings: { ...DEFAULT_AUTO_REPLY_SETTINGS, timezone: "Asia/Tokyo" }, revision: 0 },
  );
  await publishScriptTree(ports, admin, draft.version, { revision: draft.revision });

  const [ana, beto] = tenant.agents.map(({ staffId, name }) => ({ agentId: staffId, agentName: name })) as [
    { agentId: string; agentName: string },
    { agentId: string; agentName: string },
  ];
  ids.ana = ana.agentId;
  ids.beto = beto.agentId;
  await Promise.all([
    // 09:00 on the 5th: the seed's example, a technical complaint for a damaged cable modem.
    close(tenant, {
      ...CABLE_MODEM,
      ...ana,
      closedAt: "2026-10-05T15:00:00.000Z",
      path: [
        step("lights", "question", 10),
        step("serial", "field", 20),
        step("complaint", "action", 5),
        step("replaced", "exit", 0),
      ],
      detours: [{ step: "restart", ms: 3000 }],
      solution: COMPLAINT,
      exitTag: "equipment_replacement",
    }).then((id) => {
      ids.complaint = id;
    }),
    // Started at 23:55 on the 5th locally (already the 6th in UTC), closed after midnight: it counts on the 5th.
    close(tenant, {
      ...CABLE_MODEM,
      ...beto,
      channel: "chat",
      startedAt: "2026-10-06T05:55:00.000Z",
      closedAt: "2026-10-06T06:10:00.000Z",
      path: [
        step("lights", "question", 6),
        step("restart", "instruction", 4),
        step("fixed", "question", 2),
        step("resolved", "exit", 0),
      ],
      exitTag: "resolved_on_call",
    }),
    close(tenant, {
      ...ana,
      escenario: "falla-zona",
      escenarioName: "Falla en la zona",
      closedAt: "2026-10-06T18:00:00.000Z",
      path: [step("end", "exit", 1)],
      exitTag: "zone_outage",
    }),
    // Beto left the procedure while capturing the modem's serial number.
    close(tenant, {
      ...CABLE_MODEM,
      ...beto,
      closedAt: "2026-10-07T16:00:00.000Z",
      path: [step("lights", "question", 8), step("serial", "field", 30)],
      leftAt: "serial",
    }).then((id) => {
      ids.left = id;
    }),
    close(tenant, {
      ...ana,
      tipo: "cable",
      tipoName: "Cable (Televisión)",
      motivo: "sin-senal",
      motivoName: "No tiene señal",
      escenario: "falla-zona",
      escenarioName: "Falla en la zona",
      closedAt: "2026-10-07T20:00:00.000Z",
      path: [step("end", "exit", 2)],
      exitTag: "zone_outage",
    }),
    // Still open: not in any report until it closes.
    stack.runtime.ports.db.guidedContact
      .put({
        ...CABLE_MODEM,
        ...ana,
        tenantId: tenant.tenantId,
        contactId: `gc_${randomUUID()}`,
        channel: "call",
        version: 1,
        phase: "solution",
        path: [step("lights", "question", 4)],
        detours: [],
        revision: 2,
        startedAt: "2026-10-06T16:00:00.000Z",
        updatedAt: "2026-10-06T16:00:04.000Z",
      })
      .go(),
    // Started outside the period on the tenant's clock: 22:55 on the 4th, 00:55 on the 8th.
    close(tenant, {
      ...CABLE_MODEM,
      ...ana,
      closedAt: "2026-10-05T05:00:00.000Z",
      path: [],
      exitTag: "zone_outage",
    }),
    close(tenant, {
      ...CABLE_MODEM,
      ...ana,
      closedAt: "2026-10-08T07:00:00.000Z",
      path: [],
      exitTag: "zone_outage",
    }),
    // The other tenant's contact, in the same days and under the same tree ids.
    close(other, {
      ...CABLE_MODEM,
      agentId: other.agents[0]!.staffId,
      agentName: "Agente Ajeno",
      closedAt: "2026-10-06T17:00:00.000Z",
      path: [step("lights", "question", 99)],
      exitTag: "equipment_replacement",
    }),
  ]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the report on why customers called", () => {
  it("counts the period's closed contacts by tipo, motivo, escenario, solution, exit tag, day and agent", async () => {
    const { status, json } = await report(tenant.supervisor.token, PERIOD);

    expect(status).toBe(200);
    expect(json).toMatchObject({
      from: "2026-10-05",
      to: "2026-10-07",
      timeZone: "America/Mexico_City",
      cut: false,
      totals: { contacts: 5, completed: 4, left: 1, averageMs: 18_200 },
    });
    expect(json.byTipo).toEqual([
      { tipo: "datos", name: "Datos (Internet)", count: 4 },
      { tipo: "cable", name: "Cable (Televisión)", count: 1 },
    ]);
    expect(json.byMotivo).toEqual([
      { tipo: "datos", motivo: "no-navega", name: "No puede navegar en su computadora", count: 4 },
      { tipo: "cable", motivo: "sin-senal", name: "No tiene señal", count: 1 },
    ]);
    expect(json.byEscenario).toEqual([
      { tipo: "datos", motivo: "no-navega", escenario: "cable-modem", name: "Cable modem dañado", count: 3 },
      { tipo: "datos", motivo: "no-navega", escenario: "falla-zona", name: "Falla en la zona", count: 1 },
      { tipo: "cable", motivo: "sin-senal", escenario: "falla-zona", name: "Falla en la zona", count: 1 },
    ]);
    expect(json.bySolution).toEqual([{ solution: COMPLAINT, count: 1 }]);
    expect(json.byExitTag).toEqual([
      { exitTag: "zone_outage", name: "Falla en la zona", count: 2 },
      { exitTag: "equipment_replacement", name: "Cambio de equipo", count: 1 },
      { exitTag: "resolved_on_call", name: "Resuelto en línea", count: 1 },
    ]);
    expect(json.perDay).toEqual([
      { day: "2026-10-05", count: 2 },
      { day: "2026-10-06", count: 1 },
      { day: "2026-10-07", count: 2 },
    ]);
    expect(json.perAgent).toEqual([
      { agentId: ids.ana, name: "Agente 1", count: 3, averageMs: 13_667 },
      { agentId: ids.beto, name: "Agente 2", count: 2, averageMs: 25_000 },
    ]);
  });

  it("gives the average time per procedure and per step, and where agents left procedures", async () => {
    const { json } = await report(tenant.supervisor.token, PERIOD);

    expect(json.procedureTimes).toEqual([
      expect.objectContaining({ escenario: "cable-modem", tipo: "datos", contacts: 3, averageMs: 29_333 }),
      expect.objectContaining({ escenario: "falla-zona", tipo: "cable", contacts: 1, averageMs: 2_000 }),
      expect.objectContaining({ escenario: "falla-zona", tipo: "datos", contacts: 1, averageMs: 1_000 }),
    ]);
    const modemSteps = json.stepTimes
      .filter((row: { escenario: string }) => row.escenario === "cable-modem")
      .map(({ step, kind, visits, averageMs }: Record<string, unknown>) => ({
        step,
        kind,
        visits,
        averageMs,
      }));
    expect(modemSteps).toEqual([
      { step: "serial", kind: "field", visits: 2, averageMs: 25_000 },
      { step: "lights", kind: "question", visits: 3, averageMs: 8_000 },
      { step: "complaint", kind: "action", visits: 1, averageMs: 5_000 },
      { step: "restart", kind: "instruction", visits: 1, averageMs: 4_000 },
      { step: "fixed", kind: "question", visits: 1, averageMs: 2_000 },
      { step: "replaced", kind: "exit", visits: 1, averageMs: 0 },
      { step: "resolved", kind: "exit", visits: 1, averageMs: 0 },
    ]);
    expect(json.leftProcedures).toEqual([
      {
        tipo: "datos",
        motivo: "no-navega",
        motivoName: "No puede navegar en su computadora",
        escenario: "cable-modem",
        escenarioName: "Cable modem dañado",
        step: "serial",
        kind: "field",
        count: 1,
      },
    ]);
  });

  it("narrows to one tipo or one agent", async () => {
    const cable = await report(tenant.supervisor.token, { ...PERIOD, tipo: "cable" });
    const beto = await report(tenant.supervisor.token, { ...PERIOD, agentId: ids.beto! });

    expect(cable.json.totals.contacts).toBe(1);
    expect(cable.json.byMotivo).toEqual([
      { tipo: "cable", motivo: "sin-senal", name: "No tiene señal", count: 1 },
    ]);
    expect(beto.json.totals).toEqual({ contacts: 2, completed: 1, left: 1, averageMs: 25_000 });
    expect(beto.json.perAgent).toEqual([
      { agentId: ids.beto, name: "Agente 2", count: 2, averageMs: 25_000 },
    ]);
  });

  it("narrows to one motivo of a tipo", async () => {
    const noNavega = await report(tenant.supervisor.token, { ...PERIOD, tipo: "datos", motivo: "no-navega" });
    const elsewhere = await report(tenant.supervisor.token, {
      ...PERIOD,
      tipo: "cable",
      motivo: "no-navega",
    });

    expect(noNavega.json.totals.contacts).toBe(4);
    expect(noNavega.json.byTipo).toEqual([{ tipo: "datos", name: "Datos (Internet)", count: 4 }]);
    expect(elsewhere.json.totals.contacts).toBe(0);
  });

  it("names exit tags in English when asked", async () => {
    const { json } = await report(tenant.supervisor.token, { ...PERIOD, lang: "en" });

    expect(json.byExitTag.map((row: { name: string }) => row.name)).toEqual([
      "Outage in the area",
      "Equipment replacement",
      "Resolved on the call",
    ]);
  });

  it("is the admins' too", async () => {
    const admin = await createAdmin(stack, tenant.tenantId);

    const { status, json } = await report(admin.token, PERIOD);

    expect(status).toBe(200);
    expect(json.totals.contacts).toBe(5);
  });
});

describe("the CSV of the period's contacts", () => {
  it("has one row per closed contact, oldest first, on the tenant's clock", async () => {
    const { status, headers, text } = await report(tenant.supervisor.token, PERIOD, ".csv");

    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(headers.get("content-disposition")).toBe(
      'attachment; filename="motivos-de-contacto-2026-10-05-2026-10-07.csv"',
    );
    const lines = text.split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines.slice(0, -1).map((line) => line.replace(/gc_[0-9a-f-]+/, "ID"))).toEqual([
      "Fecha,Contacto,Canal,Agente,Tipo,Motivo,Escenario,Solución,Etiqueta de salida,Segundos,Abandonó en",
      `2026-10-05 08:55,ID,Llamada,Agente 1,Datos (Internet),No puede navegar en su computadora,Cable modem dañado,${COMPLAINT},Cambio de equipo,38,`,
      "2026-10-05 23:55,ID,Chat,Agente 2,Datos (Internet),No puede navegar en su computadora,Cable modem dañado,,Resuelto en línea,12,",
      "2026-10-06 11:55,ID,Llamada,Agente 1,Datos (Internet),No puede navegar en su computadora,Falla en la zona,,Falla en la zona,1,",
      "2026-10-07 09:55,ID,Llamada,Agente 2,Datos (Internet),No puede navegar en su computadora,Cable modem dañado,,,38,serial",
      "2026-10-07 13:55,ID,Llamada,Agente 1,Cable (Televisión),No tiene señal,Falla en la zona,,Falla en la zona,2,",
    ]);
    expect(lines[1]).toContain(ids.complaint);
    expect(lines[4]).toContain(ids.left);
  });

  it("reads in English when asked", async () => {
    const { text } = await report(
      tenant.supervisor.token,
      { ...PERIOD, lang: "en", agentId: ids.beto! },
      ".csv",
    );

    expect(text.split("\r\n")[0]).toBe(
      "Date,Contact,Channel,Agent,Type,Reason,Scenario,Solution,Exit tag,Seconds,Left at",
    );
    expect(text).toContain(",Chat,Agente 2,");
    expect(text).toContain(",Resolved on the call,12,");
  });
});

describe("the PDF of the report", () => {
  it("is a PDF with the period, the reasons, the escenarios and the exit tags, accents kept", async () => {
    const { status, headers, bytes } = await report(tenant.supervisor.token, PERIOD, ".pdf");

    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/pdf");
    expect(headers.get("content-disposition")).toBe(
      'attachment; filename="motivos-de-contacto-2026-10-05-2026-10-07.pdf"',
    );
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe("%PDF-");
    const file = join(dir, `${randomUUID()}.pdf`);
    writeFileSync(file, bytes);
    const { stdout } = await run("pdftotext", ["-layout", file, "-"]);
    const text = stdout.replace(/[ \t]+/g, " ");
    for (const expected of [
      "Motivos de contacto",
      "Del 2026-10-05 al 2026-10-07 (America/Mexico_City) · 5 contactos · 4 con etiqueta de salida · 1 abandonaron el procedimiento",
      "Sección Detalle Contactos o visitas Tiempo promedio (min)",
      "Por motivo No puede navegar en su computadora 4",
      "Por escenario Cable modem dañado 3",
      "Por etiqueta de salida Cambio de equipo 1",
      "Por día 2026-10-06 1",
      "Por agente Agente 2 2 0:25",
      "Tiempo por paso Cable modem dañado › serial (Dato) 2 0:25",
      "Procedimientos abandonados No puede navegar en su computadora › Cable modem dañado › serial (Dato) 1",
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain("Agente Ajeno");
  });
});

describe("a report refused", () => {
  it.each([
    [{ from: "2026-10-07", to: "2026-10-05" }, "invalid_date_range"],
    [{ from: "2025-01-01", to: "2026-10-05" }, "invalid_request"],
    [{ from: "2026-10-05" }, "invalid_request"],
    [{ from: "5/10/2026", to: "2026-10-07" }, "invalid_request"],
    [{ ...PERIOD, tipo: "Datos Internet" }, "invalid_request"],
    [{ ...PERIOD, lang: "fr" }, "invalid_request"],
  ])("answers %j with 400 %s, as JSON, CSV and PDF alike", async (query, code) => {
    for (const format of ["", ".csv", ".pdf"] as const) {
      const { status, json } = await report(tenant.supervisor.token, query, format);

      expect(status).toBe(400);
      expect(json.error.code).toBe(code);
    }
  });

  it("says a range longer than a year is too long", async () => {
    const { json } = await report(tenant.supervisor.token, { from: "2025-01-01", to: "2026-10-05" });

    expect(json.error.details).toMatchObject({ code: "range_too_long" });
  });

  it("is not for agents: 403 for the figures and both files", async () => {
    for (const format of ["", ".csv", ".pdf"] as const) {
      const { status, json } = await report(tenant.agents[0]!.token, PERIOD, format);

      expect(status).toBe(403);
      expect(json.error.code).toBe("role_forbidden");
    }
  });

  it("needs a staff token", async () => {
    const response = await fetch(`${stack.url}/api/agent/reports/contacts?from=2026-10-05&to=2026-10-07`);

    expect(response.status).toBe(401);
  });
});

describe("another tenant", () => {
  it("counts only its own contacts, and names an exit tag it has no tree for by its code", async () => {
    const { json } = await report(other.supervisor.token, PERIOD);
    const csv = await report(other.supervisor.token, PERIOD, ".csv");

    expect(json.totals.contacts).toBe(1);
    expect(json.perAgent).toEqual([
      { agentId: other.agents[0]!.staffId, name: "Agente Ajeno", count: 1, averageMs: 99_000 },
    ]);
    expect(json.byExitTag).toEqual([
      { exitTag: "equipment_replacement", name: "equipment_replacement", count: 1 },
    ]);
    expect(csv.text).not.toContain("Agente 1");
    expect(csv.text.trim().split("\r\n")).toHaveLength(2);
  });

  it("counts days on its own clock, the time zone of its business hours", async () => {
    const { json } = await report(other.supervisor.token, PERIOD);
    const csv = await report(other.supervisor.token, PERIOD, ".csv");

    expect(json.timeZone).toBe("Asia/Tokyo");
    expect(json.perDay).toEqual([
      { day: "2026-10-05", count: 0 },
      { day: "2026-10-06", count: 0 },
      { day: "2026-10-07", count: 1 },
    ]);
    expect(csv.text.split("\r\n")[1]).toMatch(/^2026-10-07 01:55,/);
  });

  it("cannot reach this tenant's contacts by naming one of its agents", async () => {
    const { json } = await report(other.supervisor.token, { ...PERIOD, agentId: ids.ana! });

    expect(json.totals.contacts).toBe(0);
    expect(json.perDay.every((day: { count: number }) => day.count === 0)).toBe(true);
  });
});
