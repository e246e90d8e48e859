import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PNG } from "../support/files.js";
import { createAdmin, createTenant, type TestStaff, type TestTenant, useStack } from "../support/stack.js";
import { accessibilityViolations, launchChromium, signIn } from "./support/browser.js";

const stack = useStack();
let tenant: TestTenant;
let admin: TestStaff;
let browser: Browser & { cleanup: () => Promise<void> };

beforeAll(async () => {
  [tenant, browser] = await Promise.all([createTenant(stack, { agents: 1 }), launchChromium()]);
  admin = await createAdmin(stack, tenant.tenantId);
});

afterAll(async () => {
  await browser?.cleanup();
});

const TITLE = "Cajeros sin comisión en el aeropuerto";
const QUESTION = "Entro al avión: ¿en qué cajeros del aeropuerto saco dinero sin comisión?";

describe("the catalog of interactive material", () => {
  it("lets the admin make the ATM card, the agent find and send it, and the customer see its map and buttons", async () => {
    const adminContext = await browser.newContext({ locale: "es-ES" });
    const office = await adminContext.newPage();
    await signIn(office, stack.url, admin);
    await office.getByRole("button", { name: "Catálogo" }).click();
    await office.getByRole("button", { name: "Nueva tarjeta" }).click();
    const editor = office.getByRole("form", { name: "Editar tarjeta" });
    await editor.getByLabel("Tema").fill("Viajes");
    await editor.getByLabel("Título").fill(TITLE);
    await editor
      .getByLabel("Texto", { exact: true })
      .fill("Los cajeros verdes del plano no cobran comisión.");
    await editor
      .getByLabel("Imagen (PNG o JPEG, hasta 5 MB)")
      .setInputFiles({ name: "cajeros.png", mimeType: "image/png", buffer: Buffer.from(PNG) });
    await editor.getByRole("button", { name: "Quitar la imagen" }).waitFor();
    await editor.getByRole("button", { name: "Añadir botón" }).click();
    await editor.getByLabel("Botón 1").fill("Lo encontré");
    const preview = office.getByRole("region", { name: "Vista previa" });
    await preview.getByRole("img", { name: "cajeros.png" }).waitFor();
    await preview.getByText("Lo encontré").waitFor();
    expect(await accessibilityViolations(office)).toEqual([]);
    await editor.getByRole("button", { name: "Guardar" }).click();
    await office.getByText(`«${TITLE}» guardada.`).waitFor();
    await adminContext.close();

    const customerContext = await browser.newContext({ locale: "es-ES" });
    const chat = await customerContext.newPage();
    await chat.goto(`${stack.url}/chat?tenant=${tenant.tenantId}&lang=es`);
    await chat.getByRole("textbox", { name: "Escribe tu mensaje" }).fill(QUESTION);
    await chat.getByRole("button", { name: "Enviar" }).click();
    await chat.getByRole("region", { name: "Mensajes" }).getByText(QUESTION).waitFor();

    const agentContext = await browser.newContext({ locale: "es-ES" });
    const desk = await agentContext.newPage();
    await signIn(desk, stack.url, tenant.agents[0]!);
    await desk.getByRole("tab", { name: /^Cola/ }).click();
    await desk.getByRole("button", { name: /en qué cajeros del aeropuerto/ }).click();
    await desk.getByRole("button", { name: "Tomar" }).click();
    await desk.getByRole("button", { name: "Material" }).click();
    const picker = desk.getByRole("dialog", { name: "Material interactivo" });
    await picker.getByRole("searchbox", { name: "Buscar en el catálogo" }).fill("cajeros");
    await picker.getByRole("button", { name: `Viajes · ${TITLE}` }).click();
    await picker.getByText("Con la imagen cajeros.png").waitFor();
    expect(await accessibilityViolations(desk)).toEqual([]);
    await picker.getByRole("button", { name: "Enviar al cliente" }).click();
    await picker.waitFor({ state: "hidden" });
    await desk
      .getByRole("log", { name: "Mensajes" })
      .getByRole("article", { name: `Tarjeta: ${TITLE}` })
      .waitFor();

    const card = chat.getByRole("region", { name: TITLE });
    await card.getByRole("img", { name: "cajeros.png" }).waitFor();
    await expect
      .poll(() =>
        card
          .getByRole("img", { name: "cajeros.png" })
          .evaluate((image: HTMLImageElement) => image.naturalWidth),
      )
      .toBeGreaterThan(0);
    const found = card.getByRole("button", { name: "Lo encontré" });
    expect(await accessibilityViolations(chat)).toEqual([]);
    await found.click();
    await card.getByRole("status").getByText("Respuesta enviada").waitFor();
    expect(await found.isDisabled()).toBe(true);
    await desk.getByRole("log", { name: "Mensajes" }).getByText("Lo encontré").last().waitFor();
    await Promise.all([customerContext.close(), agentContext.close()]);
  });
});
