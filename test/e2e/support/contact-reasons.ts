import type { Page } from "playwright-core";

/** The report's tables a count can be read from, by the Spanish title the console gives them. */
const TABLES = {
  tipo: "Contactos por tipo",
  motivo: "Contactos por motivo",
  escenario: "Contactos por escenario",
  exitTag: "Contactos por etiqueta de salida",
  solution: "Contactos por solución",
  day: "Contactos por día",
  agent: "Contactos por agente",
} as const;

export type ReasonTable = keyof typeof TABLES;

/**
 * Opens "Motivos de contacto" in a supervisor's or admin's console (Spanish) and waits for its
 * report; with a period, shows that one (days on the tenant's clock, `YYYY-MM-DD`).
 */
export async function openContactReasons(page: Page, period?: { from: string; to: string }) {
  await page
    .getByRole("navigation", { name: "Secciones" })
    .getByRole("button", { name: "Motivos de contacto" })
    .click();
  const report = page.getByRole("main", { name: "Motivos de contacto" });
  const loaded = report.getByRole("status").filter({ hasText: /^Contactos en el informe: \d+\.$/ });
  await loaded.waitFor();
  if (period) {
    await report.getByLabel("Desde").fill(period.from);
    await report.getByLabel("Hasta").fill(period.to);
    await report.getByRole("button", { name: "Ver informe" }).click();
    await loaded.waitFor();
  }
  return report;
}

/**
 * The count the open report shows for one row of a table: a motivo's or an escenario's name
 * (an escenario whose name repeats under another motivo reads "Name (Motivo)"), a tipo, an exit
 * tag, a day or an agent. 0 when the row is not there.
 */
export async function reasonCount(page: Page, table: ReasonTable, name: string) {
  const row = page
    .getByRole("table", { name: TABLES[table], exact: true })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name, exact: true }) });
  if ((await row.count()) === 0) return 0;
  return Number(await row.getByRole("cell").last().textContent());
}
