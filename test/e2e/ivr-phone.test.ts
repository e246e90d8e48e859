import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../infra/local/free-port.js";
import { LOCAL_CONNECT, registerSimulatedConnect } from "../../infra/local/sim/ivr-simulator.js";
import { CallDetail } from "../../shared/calls/summarise-call.js";
import { createTenant, type TestTenant, useStack } from "../support/stack.js";
import { accessibilityViolations, launchChromium } from "./support/browser.js";

/**
 * Seed 002's LLAMADAS played through the keypad page: the caller presses the page's own keys,
 * and the call's record is built from what the simulated Connect and Lex emitted.
 */
const stack = useStack();
let tenant: TestTenant;
let browser: Browser & { cleanup: () => Promise<void> };

beforeAll(async () => {
  [tenant, browser] = await Promise.all([createTenant(stack, { agents: 1 }), launchChromium()]);
  // The page calls the simulator's own instance: it is this tenant's for this run (the stack
  // runs without the demo seed, and no other test file registers it).
  await registerSimulatedConnect(stack.runtime.ports, tenant.tenantId, LOCAL_CONNECT);
});

afterAll(async () => {
  await browser?.cleanup();
});

describe("the IVR simulator's keypad", () => {
  it("calls, walks the menu by its keys, hangs up, and leaves the call in LLAMADAS VENTAS with its path", async () => {
    const context = await browser.newContext({ locale: "es-ES" });
    const page = await context.newPage();
    await page.goto(`${stack.url}/sim/ivr`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole("textbox", { name: "Su teléfono / Your phone" }).fill("+5491155550177");
    await page.getByRole("button", { name: "Llamar / Call" }).click();
    const prompt = page.getByRole("status");
    await prompt.filter({ hasText: "Marque su ciudad" }).waitFor();

    const press = (key: string) => page.getByRole("button", { name: `Tecla ${key} / Key ${key}` }).click();
    await press("1");
    await prompt.filter({ hasText: "documento" }).waitFor();
    await press("#");
    await prompt.filter({ hasText: "Contratar un servicio" }).waitFor();
    await press("1");
    await prompt.filter({ hasText: "asesor de ventas" }).waitFor();
    await page.getByRole("button", { name: "Colgar / Hang up" }).click();
    await prompt.filter({ hasText: "Llamada terminada" }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    const { db } = stack.runtime.ports;
    const salesCalls = async () =>
      (await db.careRecord.query.byDate({ tenantId: tenant.tenantId, tab: "sales_calls" }).go()).data;
    await waitFor(
      "the sales call's record, disconnected",
      async () => CallDetail.safeParse((await salesCalls())[0]?.detail).data?.state === "DISCONNECTED",
    );
    const records = await salesCalls();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      motivo: "Contratar un servicio",
      city: "Buenos Aires",
      phone: "+5491155550177",
      status: "open",
    });
    await context.close();
  });
});
