import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, clientId } from "../support/api.js";
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

const COMPLAINT = "Compré en la tienda NBA y me llegaron 2 push de compra";
const QUESTION = "¿Devolvemos el doble cargo de la tienda NBA?";
const ANSWER = "Sí, es un cargo duplicado del comercio: pide el ticket y devuélvelo";

describe("asking a supervisor from the console", () => {
  it("brings the agent's question to the supervisor live and the answer back, while the customer's chat shows none of it", async () => {
    const customerContext = await browser.newContext({ locale: "es-ES" });
    const chat = await customerContext.newPage();
    await chat.goto(`${stack.url}/chat?tenant=${tenant.tenantId}&lang=es`);
    await chat.getByRole("textbox", { name: "Escribe tu mensaje" }).fill(COMPLAINT);
    await chat.getByRole("button", { name: "Enviar" }).click();
    await chat.getByRole("region", { name: "Mensajes" }).getByText(COMPLAINT).waitFor();

    const [ana] = tenant.agents;
    const queue = await api(stack.url, "/api/agent/inbox?view=queue", { token: ana!.token });
    const conversationId = queue.body.conversations.find((c: { subject: string }) => c.subject === COMPLAINT)
      .conversationId as string;
    await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: ana!.token,
    });

    const supervisorContext = await browser.newContext({ locale: "es-ES" });
    const board = await supervisorContext.newPage();
    await signIn(board, stack.url, tenant.supervisor);
    await board.getByRole("button", { name: "Consultas pendientes (0)" }).waitFor();

    const agentContext = await browser.newContext({ locale: "es-ES" });
    const desk = await agentContext.newPage();
    await signIn(desk, stack.url, ana!);
    await desk.goto(`${stack.url}/console#${conversationId}`);
    await desk.getByRole("status").filter({ hasText: "En vivo" }).waitFor();
    await desk.getByRole("button", { name: "Consultar a supervisor" }).click();
    const team = desk.getByRole("region", { name: "Equipo", exact: true });
    await team.getByText("Solo visible para el equipo").waitFor();
    await desk.getByRole("textbox", { name: "Tu pregunta al supervisor" }).fill(QUESTION);
    await desk.getByRole("button", { name: "Enviar consulta" }).click();
    await desk.getByText("Esperando respuesta de un supervisor").waitFor();
    expect(await accessibilityViolations(desk)).toEqual([]);

    // The supervisor is told at once, without reloading.
    const pending = board.getByRole("button", { name: "Consultas pendientes (1)" });
    await pending.waitFor();
    await board.getByText(`Nueva consulta de ${ana!.name}: ${QUESTION}`).waitFor();
    await pending.click();
    await board.getByRole("button", { name: new RegExp(QUESTION.replace(/[?¿]/g, ".")) }).click();
    const answerBox = board.getByRole("textbox", { name: "Tu respuesta" });
    await answerBox.waitFor();
    expect(await answerBox.evaluate((box) => box === document.activeElement)).toBe(true);
    expect(await accessibilityViolations(board)).toEqual([]);
    await answerBox.fill(ANSWER);
    await board.getByRole("button", { name: "Enviar respuesta" }).click();
    await board.getByRole("button", { name: "Consultas pendientes (0)" }).waitFor();

    // The agent, still in the chat with the customer, sees the answer arrive.
    await desk.getByText(ANSWER).first().waitFor();
    await desk.getByText("Respondida por Supervisora").waitFor();

    // The customer's open chat, live all along, gets the agent's reply and nothing of the team's thread.
    const reply = "Gracias por esperar: le pedimos el ticket de compra para devolverle el cargo";
    await api(stack.url, `/api/agent/conversations/${conversationId}/messages`, {
      method: "POST",
      token: ana!.token,
      body: { clientMessageId: clientId(), text: reply },
    });
    await chat.getByRole("region", { name: "Mensajes" }).getByText(reply).waitFor();
    const seen = await chat.locator("body").innerText();
    expect(seen).not.toContain("Devolvemos");
    expect(seen).not.toContain("cargo duplicado");
    expect(seen).not.toContain("Solo visible para el equipo");
    await Promise.all([customerContext.close(), supervisorContext.close(), agentContext.close()]);
  }, 90_000);
});
