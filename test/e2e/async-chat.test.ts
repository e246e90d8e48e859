import type { Browser, Page } from "playwright-core";
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

const QUESTION = "me voy de viaje, ¿qué tengo que hacer con la tarjeta?";
const REPLY = "Avísenos las fechas y los países desde la app y la dejamos activada.";

async function openChat(page: Page) {
  await page.goto(`${stack.url}/chat?tenant=${tenant.tenantId}&lang=es`);
}

describe("async web chat in the browser", () => {
  it("lets a customer write and leave, an agent take, reply and finalize, and the customer find the reply later", async () => {
    const customerBrowser = await browser.newContext({ locale: "es-ES" });
    const chat = await customerBrowser.newPage();
    await openChat(chat);
    await chat.getByRole("textbox", { name: "Escribe tu mensaje" }).fill(QUESTION);
    await chat.getByRole("button", { name: "Enviar" }).click();
    await chat.getByRole("region", { name: "Mensajes" }).getByText(QUESTION).waitFor();
    expect(await accessibilityViolations(chat)).toEqual([]);
    await chat.close();

    const [ana] = tenant.agents;
    const agentBrowser = await browser.newContext({ locale: "es-ES" });
    const desk = await agentBrowser.newPage();
    await desk.goto(`${stack.url}/console`);
    expect(await accessibilityViolations(desk)).toEqual([]);
    await signIn(desk, stack.url, ana!);
    await desk.getByRole("tab", { name: /^Cola/ }).click();
    await desk.getByRole("button", { name: /qué tengo que hacer con la tarjeta/ }).click();
    await desk.getByRole("button", { name: "Tomar" }).click();
    await desk.getByRole("textbox", { name: "Escribe una respuesta" }).fill(REPLY);
    await desk.getByRole("button", { name: "Enviar" }).click();
    await desk.getByRole("log", { name: "Mensajes" }).getByText(REPLY).waitFor();
    expect(await accessibilityViolations(desk)).toEqual([]);

    await desk.getByRole("button", { name: "Finalizar" }).click();
    const dialog = desk.getByRole("dialog", { name: "Finalizar conversación" });
    await dialog.getByRole("radio", { name: "Información proporcionada" }).check();
    expect(await accessibilityViolations(desk)).toEqual([]);
    await dialog.getByRole("button", { name: "Confirmar" }).click();
    await desk.getByText("Esta conversación está cerrada.").waitFor();

    const closed = await api(stack.url, "/api/agent/inbox?view=closed", { token: ana!.token });
    expect(closed.body.conversations[0]).toMatchObject({
      subject: QUESTION,
      disposition: "information_given",
    });

    const nextDay = await customerBrowser.newPage();
    await openChat(nextDay);
    // The agent's reply and the rating request the close posts (issue 6).
    const conversation = nextDay.getByRole("button", { name: /2 sin leer/ });
    await conversation.waitFor();
    await conversation.click();
    await nextDay.getByRole("region", { name: "Mensajes" }).getByText(REPLY).waitFor();
    await nextDay.getByText("Esta conversación está cerrada.").waitFor();

    await nextDay.getByRole("searchbox", { name: "Buscar en tus mensajes" }).fill("TARJETA");
    await nextDay.getByRole("button", { name: "Buscar", exact: true }).click();
    await nextDay.getByText("1 mensaje encontrado").waitFor();
    expect(await accessibilityViolations(nextDay)).toEqual([]);
    await Promise.all([customerBrowser.close(), agentBrowser.close()]);
  });

  it("gives a conversation two agents take at once to exactly one, and tells the other who has it", async () => {
    const customer = await tenant.customer();
    const { body } = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: customer.token,
      body: { clientMessageId: crypto.randomUUID(), text: "Me han cobrado dos veces en la tienda NBA" },
    });
    const [ana, bruno] = tenant.agents;
    const desks = await Promise.all(
      [ana!, bruno!].map(async (agent) => {
        const context = await browser.newContext({ locale: "es-ES" });
        const page = await context.newPage();
        await signIn(page, stack.url, agent);
        await page.goto(`${stack.url}/console#${body.conversation.conversationId}`);
        await page.getByRole("button", { name: "Tomar" }).waitFor();
        return { agent, page, context };
      }),
    );

    await Promise.all(desks.map(({ page }) => page.getByRole("button", { name: "Tomar" }).click()));
    await Promise.any(desks.map(({ page }) => page.getByRole("button", { name: "Devolver" }).waitFor()));

    const stored = await api(stack.url, `/api/agent/conversations/${body.conversation.conversationId}`, {
      token: ana!.token,
    });
    const winner = desks.find(({ agent }) => agent.staffId === stored.body.conversation.assigneeId)!;
    const loser = desks.find((desk) => desk !== winner)!;
    await winner.page.getByRole("button", { name: "Devolver" }).waitFor();
    await loser.page.getByText(`${winner.agent.name} ya tiene esta conversación.`).first().waitFor();
    expect(await loser.page.getByRole("button", { name: "Devolver" }).count()).toBe(0);
    await Promise.all(desks.map(({ context }) => context.close()));
  });

  it("speaks Spanish by default and English when asked, in the console and in the chat", async () => {
    const context = await browser.newContext({ locale: "es-ES" });
    const desk = await context.newPage();
    await desk.goto(`${stack.url}/console`);
    await desk.getByRole("button", { name: "Entrar" }).waitFor();
    await desk.getByRole("combobox", { name: "Idioma" }).selectOption({ label: "English" });
    await desk.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await desk.getAttribute("html", "lang")).toBe("en");

    const chat = await context.newPage();
    await openChat(chat);
    await chat.getByRole("button", { name: "English" }).click();
    await chat.getByRole("textbox", { name: "Write your message" }).waitFor();
    expect(await chat.getAttribute("html", "lang")).toBe("en");
    expect(await accessibilityViolations(chat)).toEqual([]);
    await context.close();
  });
});
