import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, clientId } from "../support/api.js";
import { createTenant, PASSWORD, type TestTenant, useStack } from "../support/stack.js";
import { accessibilityViolations, launchChromium } from "./support/browser.js";

const stack = useStack();
let tenant: TestTenant;
let browser: Browser & { cleanup: () => Promise<void> };
const WAITING = 101;

/** A busy morning: more customers waiting than the console's first page holds. */
beforeAll(async () => {
  [tenant, browser] = await Promise.all([createTenant(stack), launchChromium()]);
  for (let start = 0; start < WAITING; start += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, WAITING - start) }, async (_, i) => {
        const customer = await tenant.customer();
        await api(stack.url, "/api/customer/conversations", {
          method: "POST",
          token: customer.token,
          body: { clientMessageId: clientId(), text: `Consulta número ${start + i + 1}` },
        });
      }),
    );
  }
});

afterAll(async () => {
  await browser?.cleanup();
});

describe("a queue longer than one page", () => {
  it("says there are more than it shows, and shows the rest when the agent asks", async () => {
    const context = await browser.newContext({ locale: "es-ES" });
    const desk = await context.newPage();
    await desk.goto(`${stack.url}/console`);
    await desk.getByRole("textbox", { name: "Correo electrónico" }).fill(tenant.agents[0]!.email);
    await desk.getByLabel("Contraseña").fill(PASSWORD);
    await desk.getByRole("button", { name: "Entrar" }).click();

    await desk.getByRole("tab", { name: /^Cola \(100\+\)/ }).waitFor();
    const more = desk.getByRole("button", { name: "Cargar más conversaciones" });
    expect(await accessibilityViolations(desk)).toEqual([]);
    await more.click();

    await desk.getByRole("tab", { name: /^Cola \(101\)/ }).waitFor();
    await desk
      .getByRole("tabpanel")
      .getByRole("button", { name: /Consulta número \d+/ })
      .nth(100)
      .waitFor();
    expect(await more.count()).toBe(0);
    await context.close();
  });
});
