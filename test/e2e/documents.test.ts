import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/api.js";
import { PNG } from "../support/files.js";
import { createTenant, type TestTenant, useStack } from "../support/stack.js";
import { accessibilityViolations, launchChromium, signIn } from "./support/browser.js";

const stack = useStack();
let tenant: TestTenant;
let browser: Browser & { cleanup: () => Promise<void> };

beforeAll(async () => {
  [tenant, browser] = await Promise.all([createTenant(stack, { agents: 1 }), launchChromium()]);
});

afterAll(async () => {
  await browser?.cleanup();
});

const COMPLAINT = "Me han llegado dos cargos de la tienda NBA por la misma compra";

describe("documents of a case in the browser", () => {
  it("lets the agent ask for the purchase ticket, the customer send it from the chat, and the agent download it, all in the trail", async () => {
    const customerContext = await browser.newContext({ locale: "es-ES" });
    const chat = await customerContext.newPage();
    await chat.goto(`${stack.url}/chat?tenant=${tenant.tenantId}&lang=es`);
    await chat.getByRole("textbox", { name: "Escribe tu mensaje" }).fill(COMPLAINT);
    await chat.getByRole("button", { name: "Enviar" }).click();
    const thread = chat.getByRole("region", { name: "Mensajes" });
    await thread.getByText(COMPLAINT).waitFor();

    const [ana] = tenant.agents;
    const queue = await api(stack.url, "/api/agent/inbox?view=queue", { token: ana!.token });
    const { conversationId } = queue.body.conversations[0];
    const agentContext = await browser.newContext({ locale: "es-ES" });
    const desk = await agentContext.newPage();
    await signIn(desk, stack.url, ana!);
    await desk.goto(`${stack.url}/console#${conversationId}`);
    await desk.getByRole("button", { name: "Tomar" }).click();
    await desk.getByRole("button", { name: "Pedir documento" }).click();
    const dialog = desk.getByRole("dialog", { name: "Pedir un documento al cliente" });
    await dialog.getByRole("textbox", { name: "Documento" }).fill("Ticket de compra");
    await dialog
      .getByRole("textbox", { name: "Nota para el cliente (opcional)" })
      .fill("El de la tienda NBA");
    expect(await accessibilityViolations(desk)).toEqual([]);
    await dialog.getByRole("button", { name: "Pedir" }).click();
    const documents = desk.getByRole("region", { name: "Documentos" });
    await documents.getByText("Pendiente").waitFor();

    const card = thread.getByRole("region", { name: "Documento solicitado" });
    await card.getByText("Documento solicitado: Ticket de compra").waitFor();
    await card.getByText("El de la tienda NBA").waitFor();
    expect(await accessibilityViolations(chat)).toEqual([]);
    await card
      .getByLabel("Enviar documento")
      .setInputFiles({ name: "ticket.png", mimeType: "image/png", buffer: Buffer.from(PNG) });
    await card.getByRole("status").filter({ hasText: "Enviado de forma segura: ticket.png" }).waitFor();

    await documents.getByText("Recibido: ticket.png").waitFor();
    // The link opens in a new tab, which storage answers with the file as a download.
    const served = agentContext.waitForEvent("response", (response) =>
      response.url().includes(`/cases/${conversationId}/documents/`),
    );
    await documents.getByRole("button", { name: "Descargar Ticket de compra" }).click();
    const response = await served;
    expect(response.status()).toBe(200);
    expect(response.headers()["content-disposition"]).toContain("ticket.png");
    const again = await fetch(response.url());
    expect(Buffer.from(await again.arrayBuffer()).equals(Buffer.from(PNG))).toBe(true);

    const trail = desk.getByRole("region", { name: "Registro" });
    await trail.getByText("descargó «Ticket de compra»").waitFor();
    await trail.getByText("pidió «Ticket de compra»").waitFor();
    await trail.getByText("envió «Ticket de compra» (ticket.png)").waitFor();
    await Promise.all([customerContext.close(), agentContext.close()]);
  }, 60_000);
});
