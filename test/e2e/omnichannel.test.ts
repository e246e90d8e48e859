import { randomBytes, randomInt } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_CHANNEL_ACCOUNTS } from "../../infra/local/channels.js";
import { waitFor } from "../../infra/local/free-port.js";
import { DEMO_DISPOSITIONS } from "../../infra/local/seed.js";
import { registerChannelAccount } from "../../shared/channels/channel-accounts.js";
import { systemClock } from "../../shared/ports.js";
import { putTenant } from "../../shared/tenant/index.js";
import { api } from "../support/api.js";
import { postWebhook, wamid, whatsAppMessages } from "../support/channels.js";
import { createTenant, type TestTenant, useStack } from "../support/stack.js";
import { accessibilityViolations, launchChromium, signIn } from "./support/browser.js";

const stack = useStack();
let tenant: TestTenant;
let browser: Browser & { cleanup: () => Promise<void> };
/** Our tenant's own WhatsApp number id and mailbox: nobody else's webhooks or mail land here. */
const phoneNumberId = `1${randomInt(10 ** 12, 10 ** 13)}`;
let mailbox: string;

beforeAll(async () => {
  [tenant, browser] = await Promise.all([createTenant(stack), launchChromium()]);
  mailbox = `soporte@${tenant.tenantId}.test`;
  const { ports } = stack.runtime;
  // An approved template, for writing first to a customer who has not written in 24 h.
  await putTenant(
    { db: ports.db, clock: systemClock },
    {
      tenantId: tenant.tenantId,
      name: `Tenant ${tenant.tenantId}`,
      identitySecret: tenant.identitySecret,
      dispositions: DEMO_DISPOSITIONS,
      templates: [
        {
          name: "seguimiento_prestamo",
          language: "es",
          category: "UTILITY",
          body: "Hola {{1}}, le escribimos sobre su préstamo {{2}}.",
        },
      ],
    },
  );
  await registerChannelAccount(ports, {
    channel: "whatsapp",
    accountId: phoneNumberId,
    tenantId: tenant.tenantId,
    label: "+1 555 0100",
  });
  await registerChannelAccount(ports, {
    channel: "email",
    accountId: mailbox,
    tenantId: tenant.tenantId,
    label: mailbox,
  });
});

afterAll(async () => {
  await browser?.cleanup();
});

type Sender = { waId: string; name: string };
const someone = (name: string): Sender => ({ waId: `5255${randomInt(10 ** 7, 10 ** 8)}`, name });

/** Posts a customer's WhatsApp messages as Meta does: its JSON escaped, signed with the app secret. */
async function customerWrites(customer: Sender, ...messages: Record<string, unknown>[]) {
  const body = whatsAppMessages(
    phoneNumberId,
    customer,
    messages.map((message) => ({ id: wamid(), ...message })),
  );
  const { status } = await postWebhook(stack, "whatsapp", body);
  expect(status).toBe(200);
}

/** A 1×1 PNG. */
const PIXEL = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/**
 * A photo the customer sends is fetched from Meta's media store; locally the simulator plays
 * that store. Only its media upload is used (nothing is registered), so no other test is touched.
 */
async function uploadCustomerPhoto() {
  const form = new FormData();
  form.set("messaging_product", "whatsapp");
  form.set("type", "image/png");
  form.set("file", new Blob([PIXEL], { type: "image/png" }), "recibo.png");
  const { accountId } = LOCAL_CHANNEL_ACCOUNTS.whatsapp;
  const response = await fetch(`${stack.url}/sim/whatsapp/graph/v21.0/${accountId}/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${stack.config.channels.whatsapp.accessToken}` },
    body: form,
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

const DELIVERY_STATE = /^(Pendiente de envío|Enviado|Entregado|Leído|No se pudo entregar)/;

describe("WhatsApp and e-mail from the agent's one screen", () => {
  it("lets an agent take a WhatsApp, read every kind, reply, and e-mail the customer with a copy from the same screen", async () => {
    const customer = someone("Lucía Pérez");
    await customerWrites(customer, {
      type: "text",
      text: { body: "Hola, necesito el estado de mi préstamo" },
    });

    const [ana] = tenant.agents;
    const context = await browser.newContext({ locale: "es-ES", viewport: { width: 1440, height: 900 } });
    const desk = await context.newPage();
    await signIn(desk, stack.url, ana!);

    const inbox = desk.getByRole("navigation", { name: "Bandeja de entrada" });
    const row = inbox.getByRole("button", { name: /WhatsApp.*estado de mi préstamo/ });
    await row.waitFor();
    await row.click();
    await desk.getByRole("button", { name: "Tomar", exact: true }).click();

    const photo = await uploadCustomerPhoto();
    await customerWrites(customer, {
      type: "image",
      image: { id: photo, mime_type: "image/png", caption: "El recibo" },
    });
    await customerWrites(customer, {
      type: "location",
      location: { latitude: 19.4326, longitude: -99.1332, name: "Sucursal Centro", address: "Av. Juárez 10" },
    });
    await customerWrites(customer, {
      type: "interactive",
      interactive: { type: "button_reply", button_reply: { id: "button_1", title: "Sí, confirmo" } },
    });

    const main = desk.getByRole("main");
    await main.getByText("WhatsApp", { exact: true }).waitFor();
    const log = desk.getByRole("log", { name: "Mensajes" });
    await log.getByRole("img", { name: "archivo-1.png" }).waitFor();
    await log.getByText("Sucursal Centro").waitFor();
    const map = log.getByRole("link", { name: /Ver en OpenStreetMap/ });
    expect(await map.getAttribute("href")).toMatch(
      /^https:\/\/www\.openstreetmap\.org\/\?mlat=19\.4326&mlon=-99\.1332/,
    );
    await log.getByText("Eligió: Sí, confirmo").waitFor();
    await main.getByText(/Puedes responder libremente hasta/).waitFor();

    const reply = "Su préstamo está aprobado; le envío el detalle por correo.";
    await desk.getByRole("textbox", { name: "Escribe una respuesta" }).fill(reply);
    await main.getByRole("button", { name: "Enviar", exact: true }).click();
    const sent = log.getByRole("listitem").filter({ hasText: reply });
    await sent.getByText(DELIVERY_STATE).waitFor();
    expect(await accessibilityViolations(desk)).toEqual([]);

    // The customer asks for it in writing: his address goes into his details, then the e-mail.
    const address = `lucia.${randomBytes(4).toString("hex")}@example.com`;
    const panel = desk.getByRole("complementary", { name: "Cliente" });
    await panel.getByRole("button", { name: "Editar datos" }).click();
    await panel.getByRole("textbox", { name: "Correo", exact: true }).fill(address);
    await panel.getByRole("button", { name: "Guardar" }).click();
    await panel.getByText("Datos guardados.").waitFor();

    await panel.getByRole("button", { name: "Enviar correo" }).click();
    const dialog = desk.getByRole("dialog", { name: "Enviar un correo al cliente" });
    const to = dialog.getByRole("textbox", { name: "Para" });
    await waitFor("the saved address in To", async () => (await to.inputValue()) === address, 15_000);
    await dialog.getByRole("textbox", { name: "CC" }).fill("gerencia@example.com");
    await dialog.getByRole("textbox", { name: "Asunto" }).fill("Detalle de su préstamo");
    await dialog
      .getByRole("textbox", { name: "Cuerpo del correo" })
      .fill("Le confirmo lo que hablamos por WhatsApp.");
    expect(await accessibilityViolations(desk)).toEqual([]);
    await dialog.getByRole("button", { name: "Enviar el correo" }).click();
    await panel.getByText("Nueva conversación por Correo en «Mis conversaciones».").waitFor();

    // Both conversations side by side: in "Mis conversaciones" and on his timeline, each with its channel.
    await desk.getByRole("tab", { name: /^Mis conversaciones/ }).click();
    await inbox.getByRole("button", { name: /Correo.*Detalle de su préstamo/ }).waitFor();
    await inbox.getByRole("button", { name: /WhatsApp.*estado de mi préstamo/ }).waitFor();
    const timeline = panel.getByRole("region", { name: "Conversaciones en todos los canales" });
    await timeline.getByRole("button", { name: /Correo.*Detalle de su préstamo/ }).waitFor();
    await timeline.getByText("Abierta ahora").waitFor();
    await timeline.getByText("WhatsApp", { exact: true }).waitFor();

    // The e-mail opens from the same screen, and the WhatsApp is one click away.
    await panel.getByRole("button", { name: "Abrir la conversación por Correo" }).click();
    await log.getByText("gerencia@example.com").waitFor();
    await log.getByText("Le confirmo lo que hablamos por WhatsApp.").waitFor();
    await main.getByRole("button", { name: "Volver a la conversación" }).click();
    await log.getByText(reply).waitFor();

    const history = await api(stack.url, `/api/agent/customers/${await customerIdOf(desk)}/conversations`, {
      token: ana!.token,
    });
    expect(history.body.conversations.map((c: { channel: string }) => c.channel).sort()).toEqual([
      "email",
      "whatsapp",
    ]);
    await context.close();
  });

  it("shows contacts, a form, an order, a quote, a reaction and an unknown kind, and writes first with a template", async () => {
    const customer = someone("Marta Gómez");
    const first = wamid();
    await customerWrites(customer, {
      id: first,
      type: "text",
      text: { body: "Les paso los datos del aval" },
    });
    const [ana] = tenant.agents;
    const context = await browser.newContext({ locale: "es-ES", viewport: { width: 1440, height: 900 } });
    const desk = await context.newPage();
    await signIn(desk, stack.url, ana!);
    const inbox = desk.getByRole("navigation", { name: "Bandeja de entrada" });
    await desk.getByRole("tab", { name: /^Cola/ }).click();
    await inbox.getByRole("button", { name: /WhatsApp.*datos del aval/ }).click();
    await desk.getByRole("button", { name: "Tomar", exact: true }).click();

    await customerWrites(customer, {
      type: "contacts",
      contacts: [{ name: { formatted_name: "Jorge Ruiz" }, phones: [{ phone: "+52 55 1111 2222" }] }],
    });
    await customerWrites(customer, {
      type: "interactive",
      interactive: {
        type: "nfm_reply",
        nfm_reply: {
          response_json: JSON.stringify({ ingresos: "25000", plazo: "12 meses" }),
          body: "Enviado",
        },
      },
    });
    await customerWrites(customer, {
      type: "order",
      order: {
        product_items: [
          { product_retailer_id: "SEGURO_VIDA", quantity: 1, item_price: 350, currency: "MXN" },
        ],
      },
    });
    await customerWrites(customer, {
      type: "unsupported",
      errors: [{ code: 131051, title: "Message type unknown", error_data: { details: "Not supported." } }],
      unsupported: { type: "poll" },
    });
    await customerWrites(customer, { type: "text", text: { body: "¿Les llegó?" }, context: { id: first } });
    await customerWrites(customer, { type: "reaction", reaction: { message_id: first, emoji: "👍" } });

    const log = desk.getByRole("log", { name: "Mensajes" });
    await log.getByText("Jorge Ruiz").waitFor();
    await log.getByRole("table", { name: "Formulario" }).getByRole("cell", { name: "12 meses" }).waitFor();
    await log
      .getByRole("table", { name: "Pedido" })
      .getByRole("rowheader", { name: "SEGURO_VIDA" })
      .waitFor();
    await log.getByText("Tipo de mensaje no compatible (poll)").waitFor();
    await log.getByText("Motivo: Message type unknown: Not supported.").waitFor();
    const quoted = log.getByRole("listitem").filter({ hasText: "¿Les llegó?" });
    await quoted.getByText("Les paso los datos del aval").waitFor();
    // Shown as a reaction; its badge goes on the target only when the target came pushed, with its provider id.
    await log.getByText("Reaccionó con 👍").waitFor();
    expect(await accessibilityViolations(desk)).toEqual([]);

    // His other number has not written in 24 h: only an approved template may open the chat there.
    const panel = desk.getByRole("complementary", { name: "Cliente" });
    await panel.getByRole("button", { name: "Escribir por WhatsApp" }).click();
    const dialog = desk.getByRole("dialog", { name: "Escribir por WhatsApp" });
    await dialog.getByRole("textbox", { name: "Número de WhatsApp" }).fill(`+${someone("").waId}`);
    await dialog
      .getByRole("combobox", { name: "Plantilla" })
      .selectOption({ label: "seguimiento_prestamo (es)" });
    await dialog.getByRole("textbox", { name: "Parámetro 1" }).fill("Marta");
    await dialog.getByRole("textbox", { name: "Parámetro 2" }).fill("P-2041");
    await dialog.getByText("Hola Marta, le escribimos sobre su préstamo P-2041.").waitFor();
    await dialog.getByRole("button", { name: "Enviar por WhatsApp" }).click();
    await panel.getByRole("button", { name: "Abrir la conversación por WhatsApp" }).click();

    const main = desk.getByRole("main");
    await log.getByText("Plantilla seguimiento_prestamo (es)").waitFor();
    await main
      .getByText(
        "Han pasado más de 24 h desde el último mensaje del cliente: WhatsApp solo permite plantillas aprobadas.",
      )
      .waitFor();
    await main.getByRole("button", { name: "Enviar plantilla" }).waitFor();
    expect(await desk.getByRole("textbox", { name: "Escribe una respuesta" }).count()).toBe(0);
    await context.close();
  });
});

/** The open conversation's customer, as the console's address names the conversation. */
async function customerIdOf(page: Page) {
  const conversationId = new URL(page.url()).hash.slice(1);
  const { body } = await api(stack.url, `/api/agent/conversations/${conversationId}`, {
    token: tenant.agents[0]!.token,
  });
  return body.conversation.customerId as string;
}
