import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/api.js";
import { createTenant, type TestTenant, useStack } from "../support/stack.js";
import { accessibilityViolations, launchChromium, signIn } from "./support/browser.js";

const stack = useStack();
let tenant: TestTenant;
let browser: Browser & { cleanup: () => Promise<void> };

beforeAll(async () => {
  [tenant, browser] = await Promise.all([createTenant(stack), launchChromium()]);
});

afterAll(async () => {
  await browser?.cleanup();
});

const QUESTION = "Me cobraron una comisión en el cajero del aeropuerto";
const COMMENT = "Me devolvieron la comisión sin llamar";

describe("rating a finalized case", () => {
  it("lets the customer who comes back later rate it in the widget, and shows the rating in the console", async () => {
    const customerBrowser = await browser.newContext({ locale: "es-ES" });
    const chat = await customerBrowser.newPage();
    await chat.goto(`${stack.url}/chat?tenant=${tenant.tenantId}&lang=es`);
    await chat.getByRole("textbox", { name: "Escribe tu mensaje" }).fill(QUESTION);
    await chat.getByRole("button", { name: "Enviar" }).click();
    await chat.getByRole("region", { name: "Mensajes" }).getByText(QUESTION).waitFor();
    await chat.close();

    const [ana] = tenant.agents;
    const queue = await api(stack.url, "/api/agent/inbox?view=queue", { token: ana!.token });
    const { conversationId } = queue.body.conversations.find(
      (c: { subject: string }) => c.subject === QUESTION,
    ) as { conversationId: string };
    const agentBrowser = await browser.newContext({ locale: "es-ES" });
    const desk = await agentBrowser.newPage();
    await signIn(desk, stack.url, ana!);
    await desk.goto(`${stack.url}/console#${conversationId}`);
    await desk.getByRole("button", { name: "Tomar" }).click();
    await desk.getByRole("button", { name: "Finalizar" }).click();
    const dialog = desk.getByRole("dialog", { name: "Finalizar conversación" });
    await dialog.getByRole("radio", { name: "Resuelto" }).check();
    await dialog.getByRole("button", { name: "Confirmar" }).click();
    await desk.getByText("Esta conversación está cerrada.").waitFor();

    // The customer was away when it closed; he opens the widget later.
    const later = await customerBrowser.newPage();
    await later.goto(`${stack.url}/chat?tenant=${tenant.tenantId}&lang=es`);
    const row = later.getByRole("button", { name: /Pendiente de calificar/ });
    await row.waitFor();
    await row.click();
    const card = later.getByRole("region", { name: "Califica la atención" });
    await card.waitFor();
    expect(await accessibilityViolations(later)).toEqual([]);
    await card.getByRole("button", { name: "Enviar" }).click();
    await card.getByText("Elige de 1 a 5 estrellas.").waitFor();
    await card.getByRole("radio", { name: "5 de 5 estrellas" }).check();
    await card.getByRole("textbox", { name: "Comentario (opcional)" }).fill(COMMENT);
    await card.getByRole("button", { name: "Enviar" }).click();
    await card.getByRole("status").getByText("¡Gracias por tu valoración! Nos diste 5 de 5.").waitFor();
    expect(await accessibilityViolations(later)).toEqual([]);

    await desk.reload();
    const pane = desk.locator(".conversation-rating");
    await pane.getByRole("img", { name: "Calificación del cliente: 5 de 5" }).waitFor();
    await pane.getByText(`Comentario: «${COMMENT}»`).waitFor();
    await Promise.all([customerBrowser.close(), agentBrowser.close()]);
  });
});
