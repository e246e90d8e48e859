import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/api.js";
import { createTenant, type TestTenant, useStack } from "../support/stack.js";
import { accessibilityViolations, launchChromium } from "./support/browser.js";

const stack = useStack();
let tenant: TestTenant;
let browser: Browser & { cleanup: () => Promise<void> };

beforeAll(async () => {
  [tenant, browser] = await Promise.all([createTenant(stack), launchChromium()]);
});

afterAll(async () => {
  await browser?.cleanup();
});

const SUBJECT = "Factura duplicada de octubre";

describe("the customer portal, Mi cuenta", () => {
  it("tells what to fix, sends a complaint, and lists it as open; the back office sees it", async () => {
    const context = await browser.newContext({ locale: "es-ES" });
    const page = await context.newPage();
    await page.goto(`${stack.url}/portal?tenant=${tenant.tenantId}`);
    await page.getByRole("heading", { name: "Mi cuenta", level: 1 }).waitFor();
    await page.getByText("Aún no has enviado ninguna consulta ni reclamo.").waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Enviar" }).click();
    const subject = page.getByRole("textbox", { name: /^Asunto/ });
    await expect.poll(() => subject.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await subject.getAttribute("aria-invalid")).toBe("true");
    expect(await subject.getAttribute("aria-describedby")).toBe("subject-error");
    expect(await page.locator("#phone-error").textContent()).toBe(
      "Danos un teléfono o un correo para responderte.",
    );
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole("radio", { name: "Reclamo" }).check();
    await subject.fill(SUBJECT);
    await page
      .getByRole("textbox", { name: /^Mensaje/ })
      .fill("Me cobraron dos veces la factura de octubre.");
    await page.getByRole("textbox", { name: /^Nombre y apellido/ }).fill("Lucía Gómez");
    await page.getByRole("textbox", { name: /^Número de documento/ }).fill("30.123.456");
    await page.getByRole("textbox", { name: /^Teléfono/ }).fill("+54 351 555 0123");
    await page.getByRole("textbox", { name: /^Correo electrónico/ }).fill("lucia@example.com");
    await page.getByRole("radio", { name: "Correo electrónico" }).check();
    await page.getByRole("textbox", { name: /^Ciudad/ }).fill("Córdoba");
    await page.getByRole("button", { name: "Enviar" }).click();

    await page
      .getByRole("status")
      .getByText(`Hemos recibido «${SUBJECT}». Te responderemos por correo electrónico.`)
      .waitFor();
    const listed = page.getByRole("listitem").filter({ hasText: SUBJECT });
    await listed.getByText("Abierta").waitFor();
    await listed.getByText(/^Reclamo ·/).waitFor();
    expect(await subject.inputValue()).toBe("");
    expect(await accessibilityViolations(page)).toEqual([]);

    // Still there after a reload, from the server, under the same customer.
    await page.reload();
    await page.getByRole("listitem").filter({ hasText: SUBJECT }).getByText("Abierta").waitFor();

    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "My account", level: 1 }).waitFor();
    await page.getByRole("listitem").filter({ hasText: SUBJECT }).getByText("Open").waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await context.close();

    const { body } = await api(stack.url, "/api/care/records?tab=queries&q=30123456", {
      token: tenant.agents[0]!.token,
    });
    expect(body.records).toEqual([
      expect.objectContaining({
        subject: SUBJECT,
        status: "open",
        customerName: "Lucía Gómez",
        origin: "portal",
      }),
    ]);
  });
});
