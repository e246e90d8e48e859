import { randomBytes } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerChannelAccount } from "../../shared/channels/channel-accounts.js";
import { api } from "../support/api.js";
import { mailedCode } from "../support/mail.js";
import { createTenant, type TestTenant, useStack } from "../support/stack.js";
import { accessibilityViolations, launchChromium, signIn } from "./support/browser.js";

const stack = useStack();
let tenant: TestTenant;
let browser: Browser & { cleanup: () => Promise<void> };

beforeAll(async () => {
  [tenant, browser] = await Promise.all([createTenant(stack), launchChromium()]);
  await registerChannelAccount(stack.runtime.ports, {
    channel: "email",
    accountId: `soporte@${tenant.tenantId}.test`,
    tenantId: tenant.tenantId,
    label: "Soporte",
  });
});

afterAll(async () => {
  await browser?.cleanup();
});

const COMPLAINT = "Me llegaron dos cargos de la tienda NBA por la misma compra";

describe("approving an operation in the browser", () => {
  it("lets an agent ask for a refund's approval and the customer approve it with the mailed code", async () => {
    const address = `cliente-${randomBytes(5).toString("hex")}@example.test`;
    const [ana] = tenant.agents;

    const customerBrowser = await browser.newContext({ locale: "es-ES" });
    const chat = await customerBrowser.newPage();
    await chat.goto(`${stack.url}/chat?tenant=${tenant.tenantId}&lang=es`);
    await chat.getByRole("textbox", { name: "Escribe tu mensaje" }).fill(COMPLAINT);
    await chat.getByRole("button", { name: "Enviar" }).click();
    await chat.getByRole("region", { name: "Mensajes" }).getByText(COMPLAINT).waitFor();

    // The customer's e-mail is on file, as an agent recorded it earlier.
    const queue = await api(stack.url, "/api/agent/inbox?view=queue", { token: ana!.token });
    const { customerId } = queue.body.conversations.find((c: { subject: string }) => c.subject === COMPLAINT);
    await api(stack.url, `/api/agent/customers/${customerId}`, {
      method: "PATCH",
      token: ana!.token,
      body: { email: address },
    });

    const agentBrowser = await browser.newContext({ locale: "es-ES" });
    const desk = await agentBrowser.newPage();
    await signIn(desk, stack.url, ana!);
    await desk.getByRole("tab", { name: /^Cola/ }).click();
    await desk.getByRole("button", { name: /dos cargos de la tienda NBA/ }).click();
    await desk.getByRole("button", { name: "Tomar" }).click();
    await desk.getByRole("button", { name: "Solicitar aprobación" }).click();
    const dialog = desk.getByRole("dialog", { name: "Solicitar aprobación al cliente" });
    await dialog.getByLabel("Operación").selectOption("refund");
    await dialog
      .getByLabel("Qué se aprueba exactamente")
      .fill("Devolución del cargo duplicado de la tienda NBA");
    await dialog.getByLabel("Importe (opcional)").fill("59,90");
    await dialog.getByRole("radio", { name: /Correo: c•••@example\.test/ }).check();
    expect(await accessibilityViolations(desk)).toEqual([]);
    await dialog.getByRole("button", { name: "Enviar solicitud" }).click();
    const thread = desk.getByRole("log", { name: "Mensajes" });
    await thread.getByText("Pendiente").waitFor();

    const card = chat.getByRole("region", { name: "Solicitud de aprobación" });
    await card.getByText("59,90 €").waitFor();
    await card.getByRole("button", { name: "Enviarme el código" }).click();
    const code = await mailedCode(stack.url, address);
    const input = card.getByRole("textbox", { name: /Código recibido en/ });
    expect(await input.getAttribute("autocomplete")).toBe("one-time-code");
    expect(await input.getAttribute("inputmode")).toBe("numeric");
    await input.fill(code);
    expect(await accessibilityViolations(chat)).toEqual([]);
    await card.getByRole("button", { name: "Confirmar" }).click();
    await card.getByText("Aprobada").waitFor();

    await thread.locator(".approval-badge", { hasText: "Aprobada" }).waitFor();
    await thread.getByText(/^Operación aprobada: Devolución del cargo duplicado/).waitFor();
    await Promise.all([customerBrowser.close(), agentBrowser.close()]);
  }, 90_000);
});
