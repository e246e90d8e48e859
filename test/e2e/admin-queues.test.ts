import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, clientId } from "../support/api.js";
import { createAdmin, createTenant, type TestStaff, type TestTenant, useStack } from "../support/stack.js";
import { accessibilityViolations, launchChromium, signIn } from "./support/browser.js";

const stack = useStack();
let tenant: TestTenant;
let admin: TestStaff;
let browser: Browser & { cleanup: () => Promise<void> };

beforeAll(async () => {
  [tenant, browser] = await Promise.all([createTenant(stack), launchChromium()]);
  admin = await createAdmin(stack, tenant.tenantId);
});

afterAll(async () => {
  await browser?.cleanup();
});

/** A customer's new case, taken by the agent. */
async function takenCase(agent: TestStaff, text: string) {
  const customer = await tenant.customer();
  const started = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text },
  });
  const { conversationId } = started.body.conversation;
  const taken = await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
    method: "POST",
    token: agent.token,
  });
  expect(taken.status).toBe(200);
  return conversationId as string;
}

describe("the admin's departments", () => {
  it("lets the admin add «Seguros de viaje» and remove «Seguros», and the agent transfers to it", async () => {
    const context = await browser.newContext({ locale: "es-ES" });
    const office = await context.newPage();
    await signIn(office, stack.url, admin);
    await office.getByRole("button", { name: "Departamentos" }).click();
    const form = office.getByRole("main", { name: "Departamentos" });
    await form.getByRole("group", { name: "Departamento 4" }).getByLabel("Nombre en español").waitFor();
    await form.getByRole("button", { name: "Quitar el departamento 4" }).click();
    await form.getByRole("button", { name: "Añadir departamento" }).click();
    const added = form.getByRole("group", { name: "Departamento 4" });

    // Nothing is saved while a name is missing, and the form says where.
    await added.getByLabel("Nombre en español").fill("Seguros de viaje");
    await form.getByRole("button", { name: "Guardar" }).click();
    await form
      .getByRole("alert")
      .getByText("Departamento 4: escribe el nombre en español y en inglés.")
      .waitFor();
    expect(
      (await api(stack.url, "/api/agent/queues", { token: admin.token })).body.queues.map(
        (q: { es: string }) => q.es,
      ),
    ).toContain("Seguros");

    await added.getByLabel("Nombre en inglés").fill("Travel insurance");
    await added.getByText("Identificador: seguros-de-viaje").waitFor();
    // The general queue holds every case nobody sent elsewhere: it cannot be removed.
    expect(await form.getByRole("button", { name: "Quitar el departamento 1" }).count()).toBe(0);
    expect(await accessibilityViolations(office)).toEqual([]);
    await form.getByRole("button", { name: "Guardar" }).click();
    await form.getByRole("status").getByText("Departamentos guardados.").waitFor();
    const saved = await api(stack.url, "/api/agent/queues", { token: admin.token });
    expect(saved.body.queues).toEqual([
      { queueId: "general", es: "Atención general", en: "General service" },
      { queueId: "reclamos", es: "Reclamos y devoluciones", en: "Complaints and refunds" },
      { queueId: "tarjetas", es: "Tarjetas", en: "Cards" },
      { queueId: "seguros-de-viaje", es: "Seguros de viaje", en: "Travel insurance" },
    ]);
    await context.close();

    const [ana] = tenant.agents;
    await takenCase(ana!, "Quiero contratar un seguro para mi viaje a Lima");
    const agentContext = await browser.newContext({ locale: "es-ES" });
    const desk = await agentContext.newPage();
    await signIn(desk, stack.url, ana!);
    // Agents see neither admin section nor the export.
    expect(await desk.getByRole("button", { name: "Departamentos" }).count()).toBe(0);
    expect(await desk.getByRole("button", { name: "Tiempos de gestión" }).count()).toBe(0);
    await desk.getByRole("tab", { name: /^Mis conversaciones/ }).click();
    await desk
      .getByRole("tabpanel")
      .getByRole("button", { name: /seguro para mi viaje/ })
      .first()
      .click();
    await desk.getByRole("button", { name: "Transferir" }).click();
    const dialog = desk.getByRole("dialog", { name: "Transferir a otro departamento" });
    const options = await dialog.getByLabel("Departamento").locator("option").allTextContents();
    expect(options).toContain("Seguros de viaje");
    expect(options).not.toContain("Seguros");
    await agentContext.close();
  });
});

describe("the supervisors' handle-time export", () => {
  it("downloads the active time per case and agent between two days as CSV", async () => {
    const [, bruno] = tenant.agents;
    const conversationId = await takenCase(bruno!, "Me cobraron comisión en el cajero");
    const endedAt = new Date(Date.now() - 5_000);
    const startedAt = new Date(endedAt.getTime() - 30_000);
    const recorded = await api(stack.url, `/api/agent/conversations/${conversationId}/activity`, {
      method: "POST",
      token: bruno!.token,
      body: {
        slices: [
          {
            sliceId: `e2e-${clientId()}`,
            startedAt: startedAt.toISOString(),
            endedAt: endedAt.toISOString(),
          },
        ],
      },
    });
    expect(recorded.status).toBe(200);
    const day = startedAt.toISOString().slice(0, 10);

    const context = await browser.newContext({ locale: "es-ES" });
    const page = await context.newPage();
    await signIn(page, stack.url, tenant.supervisor);
    await page.getByRole("button", { name: "Tiempos de gestión" }).click();
    const exporter = page.getByRole("main", { name: "Tiempos de gestión" });
    await exporter.getByLabel("Desde").fill(day);
    await exporter.getByLabel("Hasta").fill(new Date().toISOString().slice(0, 10));
    expect(await accessibilityViolations(page)).toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      exporter.getByRole("button", { name: "Descargar CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tiempo-de-gestion-.*\.csv$/);
    const csv = await readFile(await download.path(), "utf8");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("case,agent_id,agent,seconds");
    expect(lines).toContain(`${conversationId},${bruno!.staffId},Agente 2,30`);
    await exporter
      .getByRole("status")
      .getByText(/^Descargado tiempo-de-gestion-/)
      .waitFor();

    // Or each agent's total over the same days.
    await exporter.getByLabel("Detalle").selectOption({ label: "Total por agente" });
    const [totals] = await Promise.all([
      page.waitForEvent("download"),
      exporter.getByRole("button", { name: "Descargar CSV" }).click(),
    ]);
    expect(totals.suggestedFilename()).toMatch(/^tiempo-por-agente-.*\.csv$/);
    const perAgent = (await readFile(await totals.path(), "utf8")).trim().split("\r\n");
    expect(perAgent[0]).toBe("agent_id,agent,seconds");
    expect(perAgent).toContain(`${bruno!.staffId},Agente 2,30`);

    // Dates the wrong way round are said, and nothing is downloaded.
    let downloads = 0;
    page.on("download", () => downloads++);
    await exporter.getByLabel("Desde").fill("2026-12-31");
    await exporter.getByLabel("Hasta").fill("2026-01-01");
    await exporter.getByRole("button", { name: "Descargar CSV" }).click();
    await exporter.getByRole("alert").getByText("La fecha «Desde» es posterior a «Hasta».").waitFor();
    expect(await exporter.getByRole("status").textContent()).toBe("");
    expect(downloads).toBe(0);
    await context.close();
  });
});
