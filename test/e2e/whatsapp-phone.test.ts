import { randomInt } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_CHANNEL_ACCOUNTS } from "../../infra/local/channels.js";
import { registerChannelAccount } from "../../shared/channels/channel-accounts.js";
import { createTenant, type TestTenant, useStack } from "../support/stack.js";
import { launchChromium, signIn } from "./support/browser.js";

/**
 * Seed 003's WhatsApp leg played through the real pages: the customer on the simulated phone
 * (`/sim/whatsapp`), the agent in the console. Nothing is posted behind the pages' backs: the
 * phone's own form sends the customer's webhooks, the console's composer the agent's messages.
 */
const stack = useStack();
let tenant: TestTenant;
let browser: Browser & { cleanup: () => Promise<void> };

beforeAll(async () => {
  [tenant, browser] = await Promise.all([createTenant(stack), launchChromium()]);
  // The phone page writes to the simulator's own number: it is this tenant's for this run
  // (the stack runs without the demo seed, and no other test file registers it).
  await registerChannelAccount(stack.runtime.ports, {
    channel: "whatsapp",
    accountId: LOCAL_CHANNEL_ACCOUNTS.whatsapp.accountId,
    tenantId: tenant.tenantId,
    label: LOCAL_CHANNEL_ACCOUNTS.whatsapp.label,
  });
});

afterAll(async () => {
  await browser?.cleanup();
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The phone page with the customer's chat open: his number and name, as he would type them. */
async function openPhone(page: Page, customer: { waId: string; name: string }) {
  await page.goto(`${stack.url}/sim/whatsapp`);
  await page.getByRole("textbox", { name: "Número / Number" }).fill(customer.waId);
  await page.getByRole("textbox", { name: "Nombre / Name" }).fill(customer.name);
  await page.getByRole("button", { name: "Abrir chat / Open chat" }).click();
  const screen = page.getByRole("region", { name: "Teléfono / Phone" });
  // Until he writes, the chat has no name: the bar shows his number alone.
  await screen.getByText(customer.waId, { exact: true }).waitFor();
  return screen;
}

describe("WhatsApp between the simulated phone and the console", () => {
  it("carries a customer's message to the agent, the agent's reply and its read receipt back, and his tap on a reply button", async () => {
    const customer = { waId: `5255${randomInt(10 ** 7, 10 ** 8)}`, name: "Lucía Pérez" };
    const question = `Hola, ¿ya quedó mi préstamo? (${customer.waId.slice(-4)})`;
    const reply = "Sí, su préstamo quedó aprobado esta mañana.";
    const offer = "¿Quiere que le llamemos hoy para firmar?";

    const [ana] = tenant.agents;
    const [phoneContext, deskContext] = await Promise.all([
      browser.newContext({ locale: "es-MX", viewport: { width: 1100, height: 900 } }),
      browser.newContext({ locale: "es-ES", viewport: { width: 1440, height: 900 } }),
    ]);
    const [phone, desk] = await Promise.all([phoneContext.newPage(), deskContext.newPage()]);
    const [screen] = await Promise.all([openPhone(phone, customer), signIn(desk, stack.url, ana!)]);
    // The phone reports "read" for what it shows only while it is on screen (phone-kit.js):
    // headless, each page stays visible, so every reply it shows is deterministically read.
    expect(await phone.evaluate(() => document.visibilityState)).toBe("visible");

    // The customer writes from the phone; the agent sees it arrive in the queue, on WhatsApp.
    await screen.getByRole("textbox", { name: "Escribe un mensaje / Type a message" }).fill(question);
    await screen.getByRole("button", { name: "Enviar / Send", exact: true }).click();
    await screen.getByText(question, { exact: true }).waitFor();

    const inbox = desk.getByRole("navigation", { name: "Bandeja de entrada" });
    await inbox.getByRole("tab", { name: /^Cola/ }).click();
    const row = inbox.getByRole("button", {
      name: new RegExp(`${escapeRegExp(customer.name)}.*WhatsApp.*${escapeRegExp(question)}`),
    });
    await row.click();
    const main = desk.getByRole("main", { name: customer.name });
    await main.getByRole("img", { name: "WhatsApp", exact: true }).waitFor();
    await main.getByRole("button", { name: "Tomar", exact: true }).click();
    await main.getByText("Atendida por ti", { exact: true }).waitFor();
    const log = main.getByRole("log", { name: "Mensajes" });
    await log.getByRole("listitem").filter({ hasText: question }).waitFor();

    // The agent answers; the phone shows it, and the console follows it to "read".
    const composer = main.getByRole("textbox", { name: "Escribe una respuesta" });
    await composer.fill(reply);
    await main.getByRole("button", { name: "Enviar", exact: true }).click();
    await screen.getByText(reply, { exact: true }).waitFor();
    await screen.locator(".bubble", { hasText: reply }).getByTitle("Leído / Read", { exact: true }).waitFor();
    const answered = log.getByRole("listitem").filter({ hasText: reply });
    await answered.getByText("Leído", { exact: true }).waitFor();

    // Reply buttons under a question; the customer taps one on the phone.
    await main.getByRole("button", { name: "Botones de respuesta", exact: true }).click();
    await composer.fill(offer);
    await main.getByRole("textbox", { name: "Botón 1", exact: true }).fill("Sí, llámenme");
    await main.getByRole("button", { name: "Añadir botón", exact: true }).click();
    await main.getByRole("textbox", { name: "Botón 2", exact: true }).fill("Mejor mañana");
    await main.getByRole("button", { name: "Enviar", exact: true }).click();
    const offered = log.getByRole("listitem").filter({ hasText: offer });
    await offered.getByRole("list", { name: "Botones de respuesta enviados" }).waitFor();

    // Tapped once the phone has it read, so no status redraws the bubble under the tap.
    const bubble = screen.locator(".bubble", { hasText: offer });
    await bubble.getByTitle("Leído / Read", { exact: true }).waitFor();
    await bubble.getByRole("button", { name: "Mejor mañana", exact: true }).click();
    await screen.getByText("↪ Mejor mañana", { exact: true }).waitFor();

    await log.getByText("Eligió: Mejor mañana", { exact: true }).waitFor();
    await offered.getByText("Leído", { exact: true }).waitFor();
    await Promise.all([phoneContext.close(), deskContext.close()]);
  });
});
