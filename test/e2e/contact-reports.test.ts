import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffIdentity } from "../../shared/identity/index.js";
import { systemClock } from "../../shared/ports.js";
import type { GuidedContactInfo } from "../../shared/scripts/guided-contact.js";
import { publishScriptTree, saveScriptTreeDraft } from "../../shared/scripts/script-versions.js";
import { seedTree } from "../support/script-tree-fixture.js";
import { createTenant, type TestTenant, useStack } from "../support/stack.js";
import { accessibilityViolations, launchChromium, signIn } from "./support/browser.js";
import { openContactReasons, reasonCount } from "./support/contact-reasons.js";

const stack = useStack();
let tenant: TestTenant;
let browser: Browser & { cleanup: () => Promise<void> };

const PERIOD = { from: "2026-10-05", to: "2026-10-07" };
const DATOS = {
  tipo: "datos",
  tipoName: "Datos (Internet)",
  motivo: "no-navega",
  motivoName: "No puede navegar en su computadora",
};
const CABLE_MODEM = { ...DATOS, escenario: "cable-modem", escenarioName: "Cable modem dañado" };

type Closed = Partial<GuidedContactInfo> & { closedAt: string; path: GuidedContactInfo["path"] };

const entry = (step: string, kind: GuidedContactInfo["path"][number]["kind"], seconds: number) => ({
  step,
  kind,
  enteredAt: "2026-10-05T15:00:00.000Z",
  ms: seconds * 1000,
});

async function close(contact: Closed, agent = 0) {
  await stack.runtime.ports.db.guidedContact
    .put({
      ...DATOS,
      tenantId: tenant.tenantId,
      contactId: `gc_${randomUUID()}`,
      channel: "call",
      agentId: tenant.agents[agent]!.staffId,
      agentName: tenant.agents[agent]!.name,
      version: 1,
      phase: "closed",
      detours: [],
      revision: 2,
      startedAt: new Date(Date.parse(contact.closedAt) - 5 * 60_000).toISOString(),
      updatedAt: contact.closedAt,
      ...contact,
    })
    .go();
}

beforeAll(async () => {
  [tenant, browser] = await Promise.all([createTenant(stack), launchChromium()]);
  const admin: StaffIdentity = {
    kind: "staff",
    tenantId: tenant.tenantId,
    staffId: "admin-e2e",
    email: "admin@e2e.test",
    name: "Admin",
    role: "admin",
  };
  const ports = { db: stack.runtime.ports.db, clock: systemClock };
  const draft = await saveScriptTreeDraft(ports, admin, { tree: seedTree(), revision: 0 });
  await publishScriptTree(ports, admin, draft.version, { revision: draft.revision });
  await Promise.all([
    close({
      ...CABLE_MODEM,
      closedAt: "2026-10-05T16:00:00.000Z",
      path: [
        entry("lights", "question", 10),
        entry("serial", "field", 20),
        entry("complaint", "action", 5),
        entry("replaced", "exit", 0),
      ],
      solution: "Levantar queja técnica para cambio de cable modem",
      exitTag: "equipment_replacement",
    }),
    close(
      {
        ...CABLE_MODEM,
        closedAt: "2026-10-06T17:00:00.000Z",
        path: [entry("lights", "question", 8), entry("serial", "field", 30)],
        leftAt: "serial",
      },
      1,
    ),
    close({
      ...DATOS,
      escenario: "falla-zona",
      escenarioName: "Falla en la zona",
      closedAt: "2026-10-07T18:00:00.000Z",
      path: [entry("end", "exit", 2)],
      exitTag: "zone_outage",
    }),
  ]);
});

afterAll(() => browser?.cleanup());

describe("Motivos de contacto", () => {
  it("shows a supervisor why customers called, as charts with their tables, and downloads the CSV and the PDF", async () => {
    const context = await browser.newContext({ locale: "es-ES", viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, stack.url, tenant.supervisor);

    const report = await openContactReasons(page, PERIOD);

    await report.getByRole("status").filter({ hasText: "Contactos en el informe: 3." }).waitFor();
    expect(await reasonCount(page, "motivo", "No puede navegar en su computadora")).toBe(3);
    expect(await reasonCount(page, "escenario", "Cable modem dañado")).toBe(2);
    expect(await reasonCount(page, "escenario", "Falla en la zona")).toBe(1);
    expect(await reasonCount(page, "exitTag", "Cambio de equipo")).toBe(1);
    expect(await reasonCount(page, "exitTag", "Falla en la zona")).toBe(1);
    expect(await reasonCount(page, "day", "2026-10-06")).toBe(1);
    expect(await reasonCount(page, "agent", "Agente 1")).toBe(2);
    expect(await reasonCount(page, "motivo", "No tiene señal")).toBe(0);

    // Each chart is a picture described to screen readers, drawn by Chart.js on its canvas.
    const charts = report.getByRole("img", { name: /^Gráfico de (barras|líneas): Contactos por / });
    expect(await charts.count()).toBe(7);
    const painted = await report
      .getByRole("img", { name: /Contactos por motivo/ })
      .evaluate((canvas: HTMLCanvasElement) => {
        const { data } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
        let ink = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) ink++;
        return ink;
      });
    expect(painted).toBeGreaterThan(100);

    const procedures = report.getByRole("table", { name: "Tiempo promedio por procedimiento" });
    await procedures
      .getByRole("row", { name: /No puede navegar en su computadora Cable modem dañado 2 0:37/ })
      .waitFor();
    const left = report.getByRole("table", { name: "Dónde se abandonan los procedimientos" });
    await left.getByRole("row", { name: /Cable modem dañado serial · Dato 1/ }).waitFor();
    const steps = report.getByRole("table", { name: "Tiempo promedio por paso" });
    await steps.getByRole("row", { name: /Cable modem dañado serial Dato 2 0:25/ }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      report.getByRole("button", { name: "Descargar CSV" }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe("motivos-de-contacto-2026-10-05-2026-10-07.csv");
    const rows = readFileSync(await csv.path(), "utf8")
      .trim()
      .split("\r\n");
    expect(rows).toHaveLength(4);
    expect(rows[0]).toBe(
      "Fecha,Contacto,Canal,Agente,Tipo,Motivo,Escenario,Solución,Etiqueta de salida,Segundos,Abandonó en",
    );
    expect(rows[2]).toMatch(/^2026-10-06 10:55,gc_.*,Agente 2,.*,Cable modem dañado,,,38,serial$/);
    await report
      .getByRole("status")
      .filter({ hasText: "Descargado motivos-de-contacto-2026-10-05-2026-10-07.csv." })
      .waitFor();

    const [pdf] = await Promise.all([
      page.waitForEvent("download"),
      report.getByRole("button", { name: "Descargar PDF" }).click(),
    ]);
    expect(pdf.suggestedFilename()).toBe("motivos-de-contacto-2026-10-05-2026-10-07.pdf");
    expect(
      readFileSync(await pdf.path())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    // The filters offer the tipos and agents the period had: one agent's contacts only.
    expect(await report.getByRole("combobox", { name: /^Motivo/ }).count()).toBe(0);
    await report.getByRole("combobox", { name: /^Tipo/ }).selectOption({ label: "Datos (Internet)" });
    // A tipo chosen offers its motivos.
    await report
      .getByRole("combobox", { name: /^Motivo/ })
      .selectOption({ label: "No puede navegar en su computadora" });
    await report.getByRole("combobox", { name: /^Agente/ }).selectOption({ label: "Agente 2" });
    await report.getByRole("button", { name: "Ver informe" }).click();
    await report.getByRole("status").filter({ hasText: "Contactos en el informe: 1." }).waitFor();
    expect(await reasonCount(page, "escenario", "Cable modem dañado")).toBe(1);
    expect(await reasonCount(page, "agent", "Agente 1")).toBe(0);

    // Desde after Hasta is refused before asking the server.
    await report.getByLabel("Desde").fill("2026-10-08");
    await report.getByRole("button", { name: "Ver informe" }).click();
    await report.getByRole("alert").filter({ hasText: "La fecha «Desde» es posterior a «Hasta»." }).waitFor();
    await context.close();
  });

  it("is not an agent's section", async () => {
    const context = await browser.newContext({ locale: "es-ES" });
    const page = await context.newPage();
    await signIn(page, stack.url, tenant.agents[0]!);

    const sections = page.getByRole("navigation", { name: "Secciones" });
    await sections.getByRole("button", { name: "Conversaciones" }).waitFor();
    expect(await sections.getByRole("button", { name: "Motivos de contacto" }).count()).toBe(0);
    await context.close();
  });
});
