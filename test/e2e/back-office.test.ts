import { randomUUID } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BOT_FLOW } from "../../infra/local/demo-bot-flow.js";
import { waitFor } from "../../infra/local/free-port.js";
import { searchKeys } from "../../shared/care/record.js";
import { registerChannelAccount } from "../../shared/channels/channel-accounts.js";
import { publishBotFlow, saveBotFlowDraft } from "../../shared/chatbot/bot-flows.js";
import { systemClock } from "../../shared/ports.js";
import { api, clientId } from "../support/api.js";
import { createTenant, type TestTenant, useStack } from "../support/stack.js";
import { accessibilityViolations, launchChromium, signIn } from "./support/browser.js";

const stack = useStack();
let tenant: TestTenant;
let browser: Browser & { cleanup: () => Promise<void> };

type Seed = {
  tab: "sales_calls" | "calls" | "queries";
  name: string;
  document?: string;
  motivo?: string;
  minutesAgo: number;
  detail?: Record<string, unknown>;
};

async function seed(record: Seed) {
  const createdAt = new Date(Date.now() - record.minutesAgo * 60_000).toISOString();
  const recordId = randomUUID();
  await stack.runtime.ports.db.careRecord
    .put({
      tenantId: tenant.tenantId,
      recordId,
      tab: record.tab,
      status: "open",
      createdAt,
      updatedAt: createdAt,
      customerName: record.name,
      ...(record.document && { documentNumber: record.document }),
      ...searchKeys({ customerName: record.name, documentNumber: record.document }),
      city: "Monterrey",
      origin: record.tab === "queries" ? "portal" : "voice",
      ...(record.motivo && { motivo: record.motivo }),
      ...(record.detail && { detail: record.detail }),
    })
    .go();
  return recordId;
}

let lucia: string;

beforeAll(async () => {
  [tenant, browser] = await Promise.all([createTenant(stack), launchChromium()]);
  await seed({
    tab: "sales_calls",
    name: "Carlos Venta",
    motivo: "Contratar › Internet 300 Mb",
    minutesAgo: 30,
  });
  lucia = await seed({
    tab: "calls",
    name: "Lucía Pérez",
    document: "20123456",
    motivo: "Soporte técnico › Internet › Sin conexión",
    minutesAgo: 20,
    detail: {
      steps: [
        { at: new Date().toISOString(), prompt: "Elija su ciudad", answer: "Monterrey", inputMode: "dtmf" },
        {
          at: new Date().toISOString(),
          prompt: "¿En qué podemos ayudarle?",
          answer: "Soporte técnico",
          inputMode: "dtmf",
        },
        {
          at: new Date().toISOString(),
          prompt: "¿Qué servicio falla?",
          answer: "Internet",
          inputMode: "dtmf",
        },
      ],
    },
  });
  await seed({ tab: "calls", name: "Luis Gómez", motivo: "Facturación", minutesAgo: 10 });
  await seed({
    tab: "queries",
    name: "Marta Núñez",
    minutesAgo: 5,
    detail: { kind: "reclamo", message: "Me cobraron dos veces" },
  });
});

afterAll(async () => {
  await browser?.cleanup();
});

describe("Atención al cliente", () => {
  it("lets an agent find a call, see its way through the IVR, generate a service the central office confirms live, copy and print the table", async () => {
    const agentContext = await browser.newContext({
      locale: "es-ES",
      viewport: { width: 1440, height: 900 },
    });
    await agentContext.grantPermissions(["clipboard-read", "clipboard-write"], { origin: stack.url });
    const desk = await agentContext.newPage();
    await signIn(desk, stack.url, tenant.agents[0]!);
    await desk
      .getByRole("navigation", { name: "Secciones" })
      .getByRole("button", { name: "Atención al cliente" })
      .click();

    // It opens on LLAMADAS VENTAS, open records only.
    const tabs = desk.getByRole("tablist", { name: "Registros" });
    expect(await tabs.getByRole("tab", { name: "Llamadas ventas" }).getAttribute("aria-selected")).toBe(
      "true",
    );
    const table = desk.getByRole("table");
    await table.getByRole("cell", { name: "Carlos Venta" }).waitFor();
    expect(await accessibilityViolations(desk)).toEqual([]);

    await tabs.getByRole("tab", { name: "Llamadas", exact: true }).click();
    await table.getByRole("cell", { name: "Luis Gómez" }).waitFor();
    await table.getByRole("cell", { name: "Lucía Pérez" }).waitFor();

    // Buscar by document, then Filtrar: only hers.
    await desk.getByRole("searchbox", { name: "Buscar" }).fill("20123456");
    await desk.getByRole("button", { name: "Filtrar" }).click();
    await table.getByRole("cell", { name: "Luis Gómez" }).waitFor({ state: "detached" });
    await table.getByRole("cell", { name: "Lucía Pérez" }).waitFor();
    expect(await table.getByRole("row").count()).toBe(2);

    // Copy: the filtered table as tab-separated text.
    await desk.getByRole("button", { name: "Copy" }).click();
    await desk.getByText("Tabla copiada").waitFor();
    const copied = await desk.evaluate(() => navigator.clipboard.readText());
    const lines = copied.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.split("\t")).toContain("Motivo");
    expect(lines[1]!.split("\t")).toContain("Lucía Pérez");

    // Print: a PDF file.
    const [download] = await Promise.all([
      desk.waitForEvent("download"),
      desk.getByRole("button", { name: "Print" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^atencion-calls-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = await download.createReadStream();
    const head = await new Promise<string>((resolve) =>
      pdf.once("data", (chunk: Buffer) => resolve(chunk.subarray(0, 5).toString())),
    );
    expect(head).toBe("%PDF-");

    // Ver: the whole bot conversation of the call.
    const id = lucia.slice(-8).toUpperCase();
    await table.getByRole("button", { name: `Ver ${id}` }).click();
    const detail = desk.getByRole("dialog", { name: `Registro ${id}` });
    const path = detail.getByRole("list");
    await path.getByText("¿Qué servicio falla?").waitFor();
    expect(await path.getByRole("listitem").count()).toBe(3);
    expect(await accessibilityViolations(desk)).toEqual([]);

    // The central office is watching its tab when the agent generates the service.
    const officeContext = await browser.newContext({
      locale: "es-ES",
      viewport: { width: 1440, height: 900 },
    });
    const office = await officeContext.newPage();
    await signIn(office, stack.url, tenant.centralOffice);
    const officeTabs = office.getByRole("tablist", { name: "Registros" });
    expect(await officeTabs.getByRole("tab", { name: "Servicios" }).getAttribute("aria-selected")).toBe(
      "true",
    );

    await detail.getByRole("button", { name: "Generar servicio" }).click();
    const generate = desk.getByRole("dialog", { name: "Generar un servicio" });
    await generate
      .getByRole("textbox", { name: "Nota para la oficina central" })
      .fill("Módem sin señal desde ayer");
    await generate.getByRole("button", { name: "Generar y avisar a la oficina central" }).click();
    await desk.getByText("Servicio generado.").waitFor();
    await table.getByRole("cell", { name: "Lucía Pérez" }).waitFor({ state: "detached" });

    await office.getByText("Nuevo servicio por confirmar: Lucía Pérez").waitFor();
    const officeTable = office.getByRole("table");
    await officeTable.getByRole("cell", { name: "Lucía Pérez" }).waitFor();
    expect(await accessibilityViolations(office)).toEqual([]);
    await officeTable.getByRole("button", { name: /^Confirmar / }).click();
    await officeTable.getByRole("cell", { name: "Lucía Pérez" }).waitFor({ state: "detached" });

    // The call now reads GENERÓ SERVICIO TÉCNICO, and the agent cannot cancel a confirmed service.
    await desk.getByRole("combobox", { name: "Estado" }).selectOption("service_generated");
    await desk.getByRole("button", { name: "Filtrar" }).click();
    await table.getByRole("cell", { name: "GENERÓ SERVICIO TÉCNICO" }).waitFor();
    await tabs.getByRole("tab", { name: "Servicios" }).click();
    await desk.getByRole("combobox", { name: "Estado" }).selectOption("confirmed");
    await desk.getByRole("button", { name: "Filtrar" }).click();
    await table.getByRole("cell", { name: "CONFIRMADO" }).waitFor();
    expect(await table.getByRole("button", { name: /^Cancelar / }).count()).toBe(0);

    await officeContext.close();
    await agentContext.close();
  });

  it("refuses a reversed date range in the form, before asking the server", async () => {
    const context = await browser.newContext({ locale: "es-ES", viewport: { width: 1440, height: 900 } });
    const desk = await context.newPage();
    await signIn(desk, stack.url, tenant.agents[1]!);
    await desk
      .getByRole("navigation", { name: "Secciones" })
      .getByRole("button", { name: "Atención al cliente" })
      .click();
    await desk.getByLabel("Desde").fill("2026-11-20");
    await desk.getByLabel("Hasta").fill("2026-11-01");
    await desk.getByRole("button", { name: "Filtrar" }).click();
    await desk.getByRole("alert").filter({ hasText: "«Desde» es posterior a «Hasta»." }).waitFor();
    await context.close();
  });

  it("lists a web chat the bot attended in Chats, whose agent opens it, takes it, refreshes it and finalizes it to CERRADA", async () => {
    // This tenant's web chats are attended by the bot first, as the demo's are.
    const admin = {
      kind: "staff" as const,
      tenantId: tenant.tenantId,
      staffId: "admin-e2e",
      email: "admin@e2e.test",
      name: "Admin",
      role: "admin" as const,
    };
    const ports = { db: stack.runtime.ports.db, clock: systemClock };
    const draft = await saveBotFlowDraft(ports, admin, { flow: DEMO_BOT_FLOW, revision: 0 });
    await publishBotFlow(ports, admin, draft.version, { revision: draft.revision });

    const customer = await tenant.customer();
    const started = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: customer.token,
      body: { clientMessageId: clientId(), text: "Hola" },
    });
    const conversationId: string = started.body.conversation.conversationId;
    const botMessages = async () => {
      const { body } = await api(stack.url, `/api/customer/conversations/${conversationId}`, {
        token: customer.token,
      });
      return (body.messages as { author: string }[]).filter((m) => m.author === "system").length;
    };
    await waitFor("the bot's greeting", async () => (await botMessages()) > 0, 15_000);
    // Each answer waits for the bot's next question, as a person would.
    for (const answer of ["1", "Rosa Méndez", "27654321", "No tengo internet desde ayer"]) {
      const before = await botMessages();
      await api(stack.url, `/api/customer/conversations/${conversationId}/messages`, {
        method: "POST",
        token: customer.token,
        body: { clientMessageId: clientId(), text: answer },
      });
      await waitFor("the bot's next question", async () => (await botMessages()) > before, 15_000);
    }

    const context = await browser.newContext({ locale: "es-ES", viewport: { width: 1440, height: 900 } });
    const desk = await context.newPage();
    await signIn(desk, stack.url, tenant.agents[1]!);
    const sections = desk.getByRole("navigation", { name: "Secciones" });
    await sections.getByRole("button", { name: "Atención al cliente" }).click();
    await desk.getByRole("tablist", { name: "Registros" }).getByRole("tab", { name: "Chats" }).click();
    const table = desk.getByRole("table");
    const row = table.getByRole("row").filter({ hasText: "Rosa Méndez" });
    await row.getByRole("cell", { name: "Web" }).waitFor();
    await row.getByRole("cell", { name: "27654321" }).waitFor();

    const id = conversationId.slice(-8).toUpperCase();
    await row.getByRole("button", { name: `Ver ${id}` }).click();
    const detail = desk.getByRole("dialog", { name: `Registro ${id}` });
    await detail.getByText("No tengo internet desde ayer").first().waitFor();
    await detail.getByRole("button", { name: "Cerrar ventana" }).click();

    await row.getByRole("button", { name: `Abrir chat ${id}` }).click();
    const log = desk.getByRole("log", { name: "Mensajes" });
    await log.getByText("No tengo internet desde ayer", { exact: true }).waitFor();
    await desk.getByRole("button", { name: "Tomar", exact: true }).click();
    await desk.getByRole("button", { name: "Actualizar" }).click();
    await desk.getByRole("button", { name: "Finalizar" }).click();
    const finalize = desk.getByRole("dialog", { name: "Finalizar conversación" });
    await finalize.getByRole("radio", { name: "Resuelto" }).check();
    await finalize.getByRole("button", { name: "Confirmar" }).click();
    await desk.getByText("Esta conversación está cerrada.").waitFor();

    await sections.getByRole("button", { name: "Atención al cliente" }).click();
    await desk.getByRole("tablist", { name: "Registros" }).getByRole("tab", { name: "Chats" }).click();
    await desk.getByRole("combobox", { name: "Estado" }).selectOption("closed");
    await desk.getByRole("button", { name: "Filtrar" }).click();
    await table
      .getByRole("row")
      .filter({ hasText: "Rosa Méndez" })
      .getByRole("cell", { name: "CERRADA" })
      .waitFor();
    expect(await accessibilityViolations(desk)).toEqual([]);
    await context.close();
  });

  it("answers a query from Mi cuenta by e-mail, to the address the customer gave, from the record", async () => {
    const mailbox = `soporte@${tenant.tenantId}.test`;
    await registerChannelAccount(
      { db: stack.runtime.ports.db },
      { channel: "email", accountId: mailbox, tenantId: tenant.tenantId, label: mailbox },
    );
    const customer = await tenant.customer();
    const createdAt = new Date().toISOString();
    await stack.runtime.ports.db.careRecord
      .put({
        tenantId: tenant.tenantId,
        recordId: `qry_${randomUUID().replaceAll("-", "").slice(0, 26).toUpperCase()}`,
        tab: "queries",
        status: "open",
        createdAt,
        updatedAt: createdAt,
        customerId: customer.customerId,
        customerName: "Elena Soto",
        email: "elena.soto@example.com",
        ...searchKeys({ customerName: "Elena Soto" }),
        subject: "Cargo no reconocido",
        origin: "portal",
        detail: { kind: "reclamo", message: "Veo un cargo de $500 que no hice.", preferredContact: "email" },
      })
      .go();

    const context = await browser.newContext({ locale: "es-ES", viewport: { width: 1440, height: 900 } });
    const desk = await context.newPage();
    await signIn(desk, stack.url, tenant.agents[0]!);
    await desk
      .getByRole("navigation", { name: "Secciones" })
      .getByRole("button", { name: "Atención al cliente" })
      .click();
    await desk.getByRole("tablist", { name: "Registros" }).getByRole("tab", { name: "Consultas" }).click();
    const row = desk.getByRole("table").getByRole("row").filter({ hasText: "Elena Soto" });
    await row.getByRole("button", { name: /^Ver / }).click();
    const detail = desk.getByRole("dialog", { name: /^Registro / });
    await detail.getByText("Veo un cargo de $500 que no hice.").waitFor();
    await detail.getByRole("button", { name: "Responder por correo" }).click();

    const mail = desk.getByRole("dialog", { name: "Enviar un correo al cliente" });
    const to = mail.getByRole("textbox", { name: "Para" });
    await waitFor(
      "the customer's address in To",
      async () => (await to.inputValue()) === "elena.soto@example.com",
      15_000,
    );
    await mail.getByRole("textbox", { name: "Asunto" }).fill("Sobre su reclamo");
    await mail
      .getByRole("textbox", { name: "Cuerpo del correo" })
      .fill("Ya revisamos el cargo y lo devolvemos.");
    expect(await accessibilityViolations(desk)).toEqual([]);
    await mail.getByRole("button", { name: "Enviar el correo" }).click();
    await desk.getByText("Nueva conversación por Correo en «Mis conversaciones».").waitFor();

    const mine = await api(stack.url, "/api/agent/inbox?view=mine", { token: tenant.agents[0]!.token });
    expect(
      mine.body.conversations.map((c: { subject: string; channel: string }) => [c.channel, c.subject]),
    ).toContainEqual(["email", "Sobre su reclamo"]);
    await context.close();
  });
});
