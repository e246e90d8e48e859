import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/api.js";
import { PNG } from "../support/files.js";
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

const QUESTION = "¿En qué cajeros del aeropuerto no me cobran comisión?";

describe("the customer's memory in the widget", () => {
  it("finds the picture he was sent among every case, and reopens the closed case without telling it again", async () => {
    const context = await browser.newContext({ locale: "es-ES" });
    const chat = await context.newPage();
    await chat.goto(`${stack.url}/chat?tenant=${tenant.tenantId}&lang=es`);
    await chat.getByRole("textbox", { name: "Escribe tu mensaje" }).fill(QUESTION);
    await chat
      .locator("input[type=file]")
      .setInputFiles({ name: "foto-cajero.png", mimeType: "image/png", buffer: Buffer.from(PNG) });
    await chat.getByRole("button", { name: "Enviar" }).click();
    await chat.getByRole("region", { name: "Mensajes" }).getByText(QUESTION).waitFor();

    const [ana] = tenant.agents;
    const queue = await api(stack.url, "/api/agent/inbox?view=queue", { token: ana!.token });
    const { conversationId } = queue.body.conversations.find(
      (c: { subject: string }) => c.subject === QUESTION,
    );
    const agent = (path: string, body?: unknown) =>
      api(stack.url, `/api/agent/conversations/${conversationId}${path}`, {
        method: "POST",
        token: ana!.token,
        body,
      });
    expect((await agent("/take")).status).toBe(200);
    const reply = await agent("/messages", {
      clientMessageId: crypto.randomUUID(),
      text: "Los de la T4 planta 0: https://example.com/t4",
    });
    expect(reply.status).toBe(201);
    const finalized = await agent("/finalize", { disposition: "information_given" });
    expect(finalized.status, JSON.stringify(finalized.body)).toBe(200);
    await chat.getByText("Esta conversación está cerrada.").waitFor();

    await chat.getByText("Imágenes", { exact: true }).click();
    await chat.getByRole("heading", { name: "Imágenes recibidas y enviadas" }).waitFor();
    await chat.getByText("1 mensaje encontrado").waitFor();
    await chat.getByText("Enlaces", { exact: true }).click();
    await chat.getByRole("heading", { name: "Enlaces" }).waitFor();
    await chat.getByRole("button", { name: /T4 planta 0/ }).waitFor();
    expect(await accessibilityViolations(chat)).toEqual([]);

    await chat.getByRole("button", { name: /T4 planta 0/ }).click();
    await chat.getByRole("button", { name: "Reabrir esta gestión" }).click();
    await chat.getByRole("textbox", { name: "Escribe tu mensaje" }).fill("Al final no encontré el de la T4");
    // The composer's own button: the closed case's rating card has one of the same name.
    await chat.locator("form.composer").getByRole("button", { name: "Enviar" }).click();
    await chat
      .getByRole("region", { name: "Mensajes" })
      .getByText("Al final no encontré el de la T4")
      .waitFor();
    await chat
      .getByRole("region", { name: "Mensajes" })
      .getByText(/Gestión reabierta/)
      .waitFor();
    expect(await accessibilityViolations(chat)).toEqual([]);

    const reopened = await api(stack.url, "/api/agent/inbox?view=queue", { token: ana!.token });
    const row = reopened.body.conversations.find(
      (c: { conversationId: string }) => c.conversationId === conversationId,
    );
    expect(row).toMatchObject({ status: "queued", lastMessagePreview: "Al final no encontré el de la T4" });
    await context.close();
  });
});
