import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, clientId } from "../support/api.js";
import { createTenant, type TestTenant, useStack } from "../support/stack.js";
import { accessibilityViolations, launchChromium, signIn } from "./support/browser.js";

const stack = useStack();
let tenant: TestTenant;
let browser: Browser & { cleanup: () => Promise<void> };

const QUESTION = "Me cobraron una comisión de 2,50 € en el cajero del aeropuerto (ATM fee)";
const NOTE =
  "Comisión de cajero propio cobrada por error el 12/11. Verificado el cargo; falta aprobar la devolución.";

beforeAll(async () => {
  [tenant, browser] = await Promise.all([createTenant(stack), launchChromium()]);
});

afterAll(async () => {
  await browser?.cleanup();
});

describe("sending a case to another department", () => {
  it("agent 1 transfers an ATM fee case to Reclamos with a note; agent 2 takes it and reads the summary with the note", async () => {
    const customer = await tenant.customer();
    const [ana, bruno] = tenant.agents;
    const started = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: customer.token,
      body: { clientMessageId: clientId(), text: QUESTION },
    });
    const { conversationId } = started.body.conversation;
    await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: ana!.token,
    });

    const first = await browser.newContext({ locale: "es-ES" });
    const desk = await first.newPage();
    await signIn(desk, stack.url, ana!);
    await desk.getByRole("tab", { name: /^Mis conversaciones/ }).click();
    await desk
      .getByRole("tabpanel")
      .getByRole("button", { name: /ATM fee/ })
      .first()
      .click();
    await desk.getByRole("button", { name: "Transferir" }).click();

    const dialog = desk.getByRole("dialog", { name: "Transferir a otro departamento" });
    await dialog.getByLabel("Departamento").selectOption({ label: "Reclamos y devoluciones" });
    await dialog.getByLabel("Nota de traspaso").fill(NOTE);
    expect(await accessibilityViolations(desk)).toEqual([]);
    await dialog.getByRole("button", { name: "Transferir" }).click();
    await desk.getByText("Caso transferido a Reclamos y devoluciones.").waitFor();
    await desk.locator(".conversation-status").filter({ hasText: "En cola" }).waitFor();
    await first.close();

    const second = await browser.newContext({ locale: "es-ES" });
    const next = await second.newPage();
    await signIn(next, stack.url, bruno!);
    const row = next.getByRole("tabpanel").getByRole("button", { name: /ATM fee/ });
    await row.filter({ hasText: "Reclamos y devoluciones" }).waitFor();
    await next
      .getByRole("combobox", { name: "Filtrar por departamento" })
      .selectOption({ label: "Tarjetas" });
    expect(await row.count()).toBe(0);
    await next
      .getByRole("combobox", { name: "Filtrar por departamento" })
      .selectOption({ label: "Reclamos y devoluciones" });
    await row.click();
    await next.getByRole("button", { name: "Tomar" }).click();

    const summary = next.locator("details.case-summary");
    await summary.getByText("Resumen del caso").waitFor();
    expect(await summary.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(true);
    await summary.getByText(NOTE).waitFor();
    await summary.getByText(/Agente 1 lo pasó de Atención general a Reclamos y devoluciones/).waitFor();
    await summary.getByText(`«${QUESTION}»`, { exact: true }).waitFor();
    // Nobody answered him yet: the next agent sees it is his turn.
    await summary.getByText(`Mensaje del cliente sin responder: «${QUESTION}»`).waitFor();
    await summary.getByText(/Tiempo de gestión/).waitFor();
    // The parts this feature adds: the queue with its department filter, and the summary.
    expect(await accessibilityViolations(next)).toEqual([]);
    await second.close();
  });
});
