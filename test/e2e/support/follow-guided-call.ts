import type { Locator, Page } from "playwright-core";
import { api } from "../../support/api.js";

/** A simulated Amazon Connect instance registered for a tenant (`registerSimulatedConnect`). */
export type SimulatedInstance = { instanceId: string; botId: string };

/**
 * A call through the simulated IVR: the caller keys in his document and "Soporte técnico ›
 * Internet › Sin conexión", the reason the seed tree's DATOS → "No puede navegar en su
 * computadora" knows by that name. Answers the call's contact id (its care record's id).
 */
export async function callAboutInternet(url: string, instance: SimulatedInstance, documentNumber: string) {
  const sim = (path: string, body: unknown) => api(url, `/sim/ivr${path}`, { method: "POST", body });
  const { body: call } = await sim("/api/calls", {
    phone: "+5491155550123",
    instanceId: instance.instanceId,
    botId: instance.botId,
  });
  for (const keys of ["1", `${documentNumber}#`, "2", "1", "1"])
    await sim(`/api/calls/${call.contactId}/keys`, { keys });
  return call.contactId as string;
}

/** How the console shows a record's id: its last eight characters, upper case. */
export const shortId = (id: string) => (id.length > 10 ? id.slice(-8).toUpperCase() : id);

/**
 * In an agent's console (Spanish), opens the call's record from "Atención al cliente" ›
 * "Llamadas" and its "Atender con guion": answers the record's dialog and the guided panel in it.
 */
export async function openGuidedCall(page: Page, contactId: string) {
  await page
    .getByRole("navigation", { name: "Secciones" })
    .getByRole("button", { name: "Atención al cliente" })
    .click();
  await page
    .getByRole("tablist", { name: "Registros" })
    .getByRole("tab", { name: "Llamadas", exact: true })
    .click();
  const id = shortId(contactId);
  await page
    .getByRole("table")
    .getByRole("button", { name: `Ver ${id}` })
    .click();
  const dialog = page.getByRole("dialog", { name: `Registro ${id}` });
  await dialog.getByRole("button", { name: "Atender con guion" }).click();
  const panel = dialog.getByRole("region", { name: "Guion de atención" });
  await panel.getByRole("button", { name: "Comenzar" }).waitFor();
  return { dialog, panel };
}

/**
 * Follows seed 001's example in an open guided panel whose reason is DATOS → "No puede navegar
 * en su computadora" (pre-filled or chosen): validates the customer's document and name, picks
 * "Cable modem dañado", answers that the modem shows no lights, types the serial, raises the
 * technical complaint and closes with the exit tag "Cambio de equipo". Answers the service's
 * id as the panel shows it.
 */
export async function followCableModemProcedure(
  panel: Locator,
  customer: { name: string; documentNumber: string },
  serial = "CM-88231",
) {
  await panel.getByRole("button", { name: "Comenzar" }).click();
  await panel.getByRole("textbox", { name: "Documento" }).fill(customer.documentNumber);
  await panel.getByRole("textbox", { name: "Nombre", exact: true }).fill(customer.name);
  await panel.getByRole("button", { name: "Validar" }).click();
  await panel.getByRole("button", { name: "Cable modem dañado" }).click();
  await panel.getByRole("button", { name: "Ninguna" }).click();
  await panel.getByRole("textbox", { name: "Número de serie del equipo" }).fill(serial);
  await panel.getByRole("button", { name: "Siguiente", exact: true }).click();
  await panel.getByRole("button", { name: "Levantar queja técnica" }).click();
  // The first is the note on the panel; the status region after it says the same to screen readers.
  const generated = panel.getByText(/^Servicio generado: /).first();
  await generated.waitFor();
  const serviceId = (await generated.textContent())!.replace("Servicio generado: ", "");
  await panel.getByText("Etiqueta de salida: Cambio de equipo").waitFor();
  await panel.getByRole("button", { name: "Cerrar contacto" }).click();
  await panel.getByRole("heading", { name: "Resumen del contacto" }).waitFor();
  return serviceId;
}
