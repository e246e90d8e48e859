import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConnectInstance } from "../../infra/local/sim/connect-events.js";
import { api, clientId } from "../support/api.js";
import { connectFor, customerWithDocument } from "../support/calls.js";
import { seedTree } from "../support/script-tree-fixture.js";
import { publishTree } from "../support/scripts.js";
import { createAdmin, createTenant, type TestTenant, useStack } from "../support/stack.js";
import { accessibilityViolations, launchChromium, signIn } from "./support/browser.js";
import {
  callAboutInternet,
  followCableModemProcedure,
  openGuidedCall,
  shortId,
} from "./support/follow-guided-call.js";

const stack = useStack();
const { db } = stack.runtime.ports;
let tenant: TestTenant;
let browser: Browser & { cleanup: () => Promise<void> };
let instance: ConnectInstance;
let customer: { name: string; documentNumber: string };

beforeAll(async () => {
  [tenant, browser] = await Promise.all([createTenant(stack), launchChromium()]);
  const admin = await createAdmin(stack, tenant.tenantId);
  instance = await connectFor(stack.runtime.ports, tenant.tenantId);
  customer = await customerWithDocument(stack.runtime.ports, tenant.tenantId, "Marta Giménez");
  await publishTree(stack.url, admin.token, seedTree());
});

afterAll(async () => {
  await browser?.cleanup();
});

/** A call from Marta through the IVR, once its record is in the back office. */
async function callFromMarta() {
  const contactId = await callAboutInternet(stack.url, instance, customer.documentNumber);
  await expect
    .poll(async () => (await db.careRecord.get({ tenantId: tenant.tenantId, recordId: contactId }).go()).data)
    .toMatchObject({ customerName: customer.name, status: "open" });
  return contactId;
}

describe("an agent follows the guided script on a call", () => {
  it("goes from the IVR's reason through validation and the cable modem procedure to its exit tag", async () => {
    const contactId = await callFromMarta();
    const context = await browser.newContext({ locale: "es-ES", viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, stack.url, tenant.agents[0]!);
    const { dialog, panel } = await openGuidedCall(page, contactId);
    const stages = panel.getByRole("list", { name: "Etapas del contacto" });
    const currentStage = () => stages.locator('[aria-current="step"]').textContent();

    // The panel's title takes the focus from the button that opened it; the reason, as the IVR recorded it.
    const title = panel.getByRole("heading", { name: "Guion de atención" });
    expect(await title.evaluate((heading) => heading === document.activeElement)).toBe(true);
    expect(await currentStage()).toBe("Motivo");
    await panel.getByText("Precargado por el IVR").waitFor();
    expect(await panel.getByRole("combobox", { name: "Tipo" }).inputValue()).toBe("datos");
    expect(await panel.getByRole("combobox", { name: "Motivo" }).inputValue()).toBe("no-navega");
    expect(await accessibilityViolations(page)).toEqual([]);
    await panel.getByRole("button", { name: "Comenzar" }).click();

    // Validation: a wrong name is marked and said; corrected, the contract validates.
    await panel.getByRole("heading", { name: "Validación" }).waitFor();
    expect(await currentStage()).toBe("Validación");
    await panel.getByRole("textbox", { name: "Documento" }).fill(customer.documentNumber);
    const name = panel.getByRole("textbox", { name: "Nombre", exact: true });
    await name.fill("Otra Persona");
    await panel.getByRole("button", { name: "Validar" }).click();
    await panel.getByText("✗ No coincide", { exact: true }).waitFor();
    expect(await panel.getByText("✓ Coincide", { exact: true }).count()).toBe(1);
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => name.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await panel.getByRole("status").textContent()).toContain("Nombre: ✗ No coincide");
    await name.fill(customer.name);
    await panel.getByRole("button", { name: "Validar" }).click();

    // The escenario, then closing early without a tag is refused in words.
    const escenario = panel.getByRole("heading", { name: "¿Qué escenario encontraste?" });
    await escenario.waitFor();
    expect(await escenario.evaluate((heading) => heading === document.activeElement)).toBe(true);
    expect(await currentStage()).toBe("Solución");
    await panel.getByRole("button", { name: "Cerrar sin terminar" }).click();
    await panel
      .getByRole("alert")
      .getByText("Elige la etiqueta de salida para cerrar el contacto.")
      .waitFor();
    await panel.getByRole("button", { name: "Cable modem dañado" }).click();

    // The procedure, one step at a time.
    await panel.getByRole("heading", { name: /^Paso 1/ }).waitFor();
    expect(await panel.getByRole("alert").textContent()).toBe("");
    await panel.getByRole("group", { name: "¿Qué luces tiene encendidas el cable modem?" }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await panel.getByRole("button", { name: "Ninguna" }).click();
    const serial = panel.getByRole("textbox", { name: "Número de serie del equipo" });
    await serial.waitFor();
    // Back to the question and forward again: the path keeps the answer given.
    await panel.getByRole("button", { name: "Atrás" }).click();
    await panel.getByRole("button", { name: "Ninguna" }).click();
    const path = panel.getByRole("region", { name: "Recorrido" });
    await path.getByText("¿Qué luces tiene encendidas el cable modem?: Ninguna").waitFor();
    // A field left empty is refused by the server, said in words.
    await panel.getByRole("button", { name: "Siguiente", exact: true }).click();
    await panel.getByRole("alert").getByText("Escribe el dato antes de seguir.").waitFor();
    await serial.fill("CM-88231");
    await panel.getByRole("button", { name: "Siguiente", exact: true }).click();
    expect(await dialog.getByRole("button", { name: "Generar servicio" }).count()).toBe(1);
    await panel.getByRole("button", { name: "Levantar queja técnica" }).click();
    const generated = panel.getByText(/^Servicio generado: /).first();
    await generated.waitFor();
    const serviceId = (await generated.textContent())!.replace("Servicio generado: ", "");
    // The record generated its service: the dialog no longer offers to generate another.
    await dialog.getByRole("button", { name: "Generar servicio" }).waitFor({ state: "detached" });

    // The exit: its tag, and no way back past the complaint already raised.
    const exit = panel.getByRole("heading", { name: /^Etiqueta de salida/ });
    await exit.waitFor();
    expect(await exit.evaluate((heading) => heading === document.activeElement)).toBe(true);
    expect(await currentStage()).toBe("Etiqueta de salida");
    await panel.getByText("Etiqueta de salida: Cambio de equipo").waitFor();
    expect(await panel.getByRole("button", { name: "Atrás" }).isDisabled()).toBe(true);
    await panel.getByText("No se puede volver atrás: la acción anterior ya se hizo.").waitFor();
    expect(await path.getByRole("listitem").allTextContents()).toEqual([
      "¿Qué luces tiene encendidas el cable modem?: Ninguna",
      "Número de serie del equipo: CM-88231",
      "Levantar queja técnica para cambio de cable modem",
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await panel.getByRole("button", { name: "Cerrar contacto" }).click();

    // The summary of the contact.
    await panel.getByText("Contacto cerrado con la etiqueta «Cambio de equipo».").first().waitFor();
    const summary = panel.getByRole("definition");
    expect(await summary.allTextContents()).toEqual([
      "Datos (Internet)",
      "No puede navegar en su computadora",
      "Cable modem dañado",
      "Levantar queja técnica para cambio de cable modem",
      serviceId,
      "Cambio de equipo",
    ]);
    expect(await stages.locator('[aria-current="step"]').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    // The back office: the call GENERÓ SERVICIO TÉCNICO, and the service waits in Servicios.
    await dialog.getByRole("button", { name: "Cerrar ventana" }).click();
    await page.getByRole("combobox", { name: "Estado" }).selectOption("service_generated");
    await page.getByRole("button", { name: "Filtrar" }).click();
    const table = page.getByRole("table");
    const call = table.getByRole("row").filter({ hasText: shortId(contactId) });
    await call.getByRole("cell", { name: "GENERÓ SERVICIO TÉCNICO" }).waitFor();
    await page.getByRole("tablist", { name: "Registros" }).getByRole("tab", { name: "Servicios" }).click();
    await table
      .getByRole("row")
      .filter({ hasText: serviceId })
      .getByRole("cell", { name: customer.name })
      .waitFor();
    await context.close();
  });

  it("follows the cable modem procedure through the shared helper, which the seed's whole story reuses", async () => {
    const contactId = await callFromMarta();
    const context = await browser.newContext({ locale: "es-ES", viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, stack.url, tenant.agents[0]!);
    const { panel } = await openGuidedCall(page, contactId);
    const serviceId = await followCableModemProcedure(panel, customer);
    const { data: guided } = await db.guidedContact.get({ tenantId: tenant.tenantId, contactId }).go();
    expect(guided).toMatchObject({
      phase: "closed",
      escenario: "cable-modem",
      exitTag: "equipment_replacement",
    });
    expect(shortId(guided?.serviceId ?? "")).toBe(serviceId);
    await context.close();
  });
});

describe("an agent follows the guided script on his conversation", () => {
  it("opens «Guion» on a chat he took, in English, and closes it with the exit tag its escenario ends at", async () => {
    const { token } = await tenant.customer();
    const started = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token,
      body: { clientMessageId: clientId(), text: "No tengo señal en la tele" },
    });
    const { conversationId } = started.body.conversation;
    const agent = tenant.agents[0]!;
    await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: agent.token,
    });

    const context = await browser.newContext({ locale: "es-ES", viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signIn(page, stack.url, agent);
    await page.getByRole("combobox", { name: "Idioma" }).selectOption("en");
    await page.getByRole("tab", { name: /^My conversations/ }).click();
    await page
      .getByRole("tabpanel")
      .getByRole("button", { name: /No tengo señal/ })
      .first()
      .click();
    await page.getByText("Script", { exact: true }).click();
    const panel = page.getByRole("region", { name: "Guided script" });
    await panel.getByRole("combobox", { name: "Type" }).selectOption({ label: "Cable (Televisión)" });
    await panel.getByRole("combobox", { name: "Reason" }).selectOption({ label: "No tiene señal" });
    await panel.getByRole("button", { name: "Start" }).click();
    // No contract data to validate for this reason: straight to the escenario.
    await panel.getByRole("button", { name: "Falla en la zona" }).click();
    await panel.getByText("Exit tag: Outage in the area").waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await panel.getByRole("button", { name: "Close contact" }).click();
    await panel.getByText("Contact closed with the tag “Outage in the area”.").first().waitFor();
    const { data: guided } = await db.guidedContact
      .get({ tenantId: tenant.tenantId, contactId: conversationId })
      .go();
    expect(guided).toMatchObject({ channel: "chat", phase: "closed", exitTag: "zone_outage" });
    await context.close();
  });
});
