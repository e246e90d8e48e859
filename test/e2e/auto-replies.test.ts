import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/api.js";
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

const REPLY = "Los cajeros sin comisión del aeropuerto están en la T4, planta 0.";

describe("automatic replies set by an admin", () => {
  it("refuses a time zone that does not exist, saves a keyword rule, and the customer gets its reply", async () => {
    const context = await browser.newContext({ locale: "es-ES" });
    const office = await context.newPage();
    await signIn(office, stack.url, admin);
    await office.getByRole("button", { name: "Respuestas automáticas" }).click();
    const zone = office.getByLabel("Zona horaria (IANA, p. ej. America/Mexico_City)");
    await zone.fill("Marte/Base_Alfa");
    await office.getByRole("button", { name: "Añadir regla" }).click();
    await office.getByLabel("Palabras clave de la regla 1, separadas por comas").fill("cajero, cajeros");
    await office.getByLabel("Respuesta", { exact: true }).fill(REPLY);
    await office.getByRole("button", { name: "Guardar" }).click();
    await office.getByRole("alert").getByText("La zona horaria no es una zona IANA válida.").waitFor();
    expect(await accessibilityViolations(office)).toEqual([]);
    const unchanged = await api(stack.url, "/api/admin/auto-replies", { token: admin.token });
    expect(unchanged.body.revision).toBe(0);

    await zone.fill("America/Mexico_City");
    await office.getByRole("button", { name: "Guardar" }).click();
    await office.getByText("Respuestas automáticas guardadas.").waitFor();
    await context.close();

    const customer = await browser.newContext({ locale: "es-ES" });
    const chat = await customer.newPage();
    await chat.goto(`${stack.url}/chat?tenant=${tenant.tenantId}&lang=es`);
    await chat.getByRole("textbox", { name: "Escribe tu mensaje" }).fill("¿Hay algún cajero sin comisión?");
    await chat.locator("form.composer").getByRole("button", { name: "Enviar" }).click();
    await chat.getByRole("region", { name: "Mensajes" }).getByText(REPLY).waitFor();
    await customer.close();
  });
});
