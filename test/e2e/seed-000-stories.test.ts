import { randomBytes } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoCatalog } from "../../infra/local/demo-catalog.js";
import { registerChannelAccount } from "../../shared/channels/channel-accounts.js";
import { api, clientId } from "../support/api.js";
import { PNG } from "../support/files.js";
import { mailedCode } from "../support/mail.js";
import { createTenant, type TestTenant, useStack } from "../support/stack.js";
import { accessibilityViolations, launchChromium, signIn } from "./support/browser.js";

/**
 * Seed 000's "to be", played in the browser: one customer with two claims at once (a double
 * charge at the NBA store, an ATM fee), the agent who does not know consulting similar cases
 * and a supervisor without making him wait, the ticket sent safely, the refund approved with a
 * one-time code, and the map of fee-free ATMs sent while the customer is in the air.
 */
const stack = useStack();
let tenant: TestTenant;
let browser: Browser & { cleanup: () => Promise<void> };

const NBA = "Compré en la tienda NBA y me llegaron 2 push de compra: me cobraron dos veces";
const ATM = "Me cobraron una comisión en el cajero del aeropuerto y no debería";
const PAST_SOLUTION = "Era un cargo duplicado del comercio: devolvimos el segundo cargo al ver el ticket";

beforeAll(async () => {
  [tenant, browser] = await Promise.all([createTenant(stack), launchChromium()]);
  await registerChannelAccount(stack.runtime.ports, {
    channel: "email",
    accountId: `soporte@${tenant.tenantId}.test`,
    tenantId: tenant.tenantId,
    label: "Soporte",
  });
  await seedDemoCatalog(stack.runtime.ports, {
    kind: "staff",
    tenantId: tenant.tenantId,
    staffId: "seed",
    email: `admin@${tenant.tenantId}.test`,
    name: "Admin",
    role: "admin",
  });
  await pastDoubleCharge();
});

afterAll(async () => {
  await browser?.cleanup();
});

/** Months ago, another customer had the same trouble, and another agent solved it. */
async function pastDoubleCharge() {
  const someone = await tenant.customer();
  const started = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: someone.token,
    body: { clientMessageId: clientId(), text: "Me cobraron dos veces la misma compra en una tienda" },
  });
  const id = started.body.conversation.conversationId;
  const bruno = tenant.agents[1]!;
  const agent = (path: string, body?: unknown) =>
    api(stack.url, `/api/agent/conversations/${id}${path}`, { method: "POST", token: bruno.token, body });
  await agent("/take");
  await agent("/messages", { clientMessageId: clientId(), text: PAST_SOLUTION });
  await agent("/finalize", { disposition: "refund_approved" });
}

async function write(chat: Page, text: string) {
  await chat.getByRole("textbox", { name: "Escribe tu mensaje" }).fill(text);
  await chat.locator("form.composer").getByRole("button", { name: "Enviar" }).click();
  await chat.getByRole("region", { name: "Mensajes" }).getByText(text).waitFor();
}

describe("seed 000: the customer no longer feels he is losing his time", () => {
  it("solves two claims at once, with similar cases, a supervisor, a safe ticket, an approved refund and a map sent while he flies", async () => {
    const [ana, bruno] = tenant.agents;
    const address = `viajero-${randomBytes(4).toString("hex")}@example.test`;

    // Two claims, each its own case, written when it suits him.
    const customerContext = await browser.newContext({ locale: "es-ES" });
    const chat = await customerContext.newPage();
    await chat.goto(`${stack.url}/chat?tenant=${tenant.tenantId}&lang=es`);
    await write(chat, NBA);
    await chat.getByRole("button", { name: "Nueva conversación" }).click();
    await write(chat, ATM);

    const queue = await api(stack.url, "/api/agent/inbox?view=queue", { token: ana!.token });
    const caseOf = (subject: string) =>
      queue.body.conversations.find((c: { subject: string }) => c.subject === subject) as {
        conversationId: string;
        customerId: string;
      };
    const nba = caseOf(NBA).conversationId;
    const atm = caseOf(ATM).conversationId;
    expect(caseOf(NBA).customerId).toBe(caseOf(ATM).customerId);
    await api(stack.url, `/api/agent/customers/${caseOf(NBA).customerId}`, {
      method: "PATCH",
      token: ana!.token,
      body: { email: address },
    });

    // Bruno takes the ATM fee while Ana works on the double charge.
    const atmAgent = (path: string, body?: unknown) =>
      api(stack.url, `/api/agent/conversations/${atm}${path}`, { method: "POST", token: bruno!.token, body });
    await atmAgent("/take");
    await atmAgent("/messages", {
      clientMessageId: clientId(),
      text: "Esa comisión no corresponde: se la devolvemos hoy mismo",
    });

    const agentContext = await browser.newContext({ locale: "es-ES" });
    const desk = await agentContext.newPage();
    await signIn(desk, stack.url, ana!);
    await desk.goto(`${stack.url}/console#${nba}`);
    await desk.getByRole("button", { name: "Tomar" }).click();

    // Ana does not know how to act: how were cases like this solved?
    await desk.getByRole("button", { name: "Casos similares" }).click();
    await desk.getByText(PAST_SOLUTION).first().waitFor();

    // ...and she asks a supervisor, while the customer is not kept waiting on a line.
    const supervisorContext = await browser.newContext({ locale: "es-ES" });
    const board = await supervisorContext.newPage();
    await signIn(board, stack.url, tenant.supervisor);
    await desk.getByRole("button", { name: "Consultar a supervisor" }).click();
    await desk
      .getByRole("textbox", { name: "Tu pregunta al supervisor" })
      .fill("¿Devolvemos el doble cargo de la NBA?");
    await desk.getByRole("button", { name: "Enviar consulta" }).click();
    await board.getByRole("button", { name: "Consultas pendientes (1)" }).click();
    await board.getByRole("button", { name: /Devolvemos el doble cargo de la NBA/ }).click();
    await board.getByRole("textbox", { name: "Tu respuesta" }).fill("Sí: pide el ticket y devuélvelo");
    await board.getByRole("button", { name: "Enviar respuesta" }).click();
    await desk.getByText("Respondida por Supervisora").waitFor();

    // She asks for the ticket; the customer sends it safely from the chat.
    await desk.getByRole("button", { name: "Pedir documento" }).click();
    const request = desk.getByRole("dialog", { name: "Pedir un documento al cliente" });
    await request.getByRole("textbox", { name: "Documento" }).fill("Ticket de compra");
    await request.getByRole("button", { name: "Pedir" }).click();
    await chat.getByRole("button", { name: new RegExp(NBA.slice(0, 25)) }).click();
    const ticketCard = chat.getByRole("region", { name: "Documento solicitado" });
    await ticketCard
      .getByLabel("Enviar documento")
      .setInputFiles({ name: "ticket-nba.png", mimeType: "image/png", buffer: Buffer.from(PNG) });
    await ticketCard
      .getByRole("status")
      .filter({ hasText: "Enviado de forma segura: ticket-nba.png" })
      .waitFor();
    await desk.getByRole("region", { name: "Documentos" }).getByText("Recibido: ticket-nba.png").waitFor();

    // The refund needs the customer's word: a one-time code to the e-mail on file.
    await desk.getByRole("button", { name: "Solicitar aprobación" }).click();
    const approval = desk.getByRole("dialog", { name: "Solicitar aprobación al cliente" });
    await approval.getByLabel("Operación").selectOption("refund");
    await approval
      .getByLabel("Qué se aprueba exactamente")
      .fill("Devolución del segundo cargo de la tienda NBA");
    await approval.getByLabel("Importe (opcional)").fill("89,90");
    await approval.getByRole("radio", { name: /Correo:/ }).check();
    await approval.getByRole("button", { name: "Enviar solicitud" }).click();
    const approvalCard = chat.getByRole("region", { name: "Solicitud de aprobación" });
    await approvalCard.getByRole("button", { name: "Enviarme el código" }).click();
    await approvalCard
      .getByRole("textbox", { name: /Código recibido en/ })
      .fill(await mailedCode(stack.url, address));
    await approvalCard.getByRole("button", { name: "Confirmar" }).click();
    await approvalCard.getByText("Aprobada").waitFor();
    const thread = desk.getByRole("log", { name: "Mensajes" });
    await thread.locator(".approval-badge", { hasText: "Aprobada" }).waitFor();
    expect(await accessibilityViolations(desk)).toEqual([]);
    expect(await accessibilityViolations(chat)).toEqual([]);

    const trail = await api(stack.url, `/api/agent/conversations/${nba}/audit`, { token: ana!.token });
    expect(trail.body.entries.map((entry: { action: string }) => entry.action)).toEqual(
      expect.arrayContaining(["document.requested", "document.uploaded", "approval.approved"]),
    );

    // Boarding: he leaves. Bruno sends the map of fee-free ATMs while he flies, and closes.
    await chat.close();
    await atmAgent("/cards", { cardId: "crd_demo-cajeros-aeropuerto", clientMessageId: clientId() });
    await atmAgent("/finalize", { disposition: "refund_approved" });

    // Landing: both cases are there, each with its own agent and state, and the map is waiting.
    const landed = await customerContext.newPage();
    await landed.goto(`${stack.url}/chat?tenant=${tenant.tenantId}&lang=es`);
    await landed.getByRole("button", { name: new RegExp(ATM.slice(0, 25)) }).click();
    const map = landed.getByRole("region", { name: "Cajeros sin comisión en el aeropuerto" });
    await expect
      .poll(() => map.getByRole("img").evaluate((image: HTMLImageElement) => image.naturalWidth))
      .toBeGreaterThan(0);
    const mine = await api(stack.url, `/api/agent/customers/${caseOf(NBA).customerId}/conversations`, {
      token: ana!.token,
    });
    const states = Object.fromEntries(
      mine.body.conversations.map((c: { subject: string; status: string; assigneeName?: string }) => [
        c.subject,
        [c.status, c.assigneeName],
      ]),
    );
    expect(states).toEqual({ [NBA]: ["assigned", "Agente 1"], [ATM]: ["closed", "Agente 2"] });
    expect(await accessibilityViolations(landed)).toEqual([]);
    await Promise.all([customerContext.close(), agentContext.close(), supervisorContext.close()]);
  }, 180_000);
});
