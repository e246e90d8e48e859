import { createServer, type Server } from "node:http";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../infra/local/free-port.js";
import { signCustomerId } from "../../shared/identity/customer-signature.js";
import { api } from "../support/api.js";
import { createTenant, type TestTenant, useStack } from "../support/stack.js";
import { accessibilityViolations, launchChromium } from "./support/browser.js";

const stack = useStack();
let tenant: TestTenant;
let browser: Browser & { cleanup: () => Promise<void> };
let host: Server;
let hostUrl: string;
let page = "";

/** A customer's own site, on another origin, that embeds the widget with one script tag. */
beforeAll(async () => {
  [tenant, browser] = await Promise.all([createTenant(stack), launchChromium()]);
  const port = await freePort();
  host = createServer((_request, response) =>
    response.writeHead(200, { "content-type": "text/html" }).end(page),
  );
  await new Promise<void>((resolve) => host.listen(port, "127.0.0.1", resolve));
  hostUrl = `http://127.0.0.1:${port}/`;
});

afterAll(async () => {
  await browser?.cleanup();
  host?.close();
});

const hostPage = (attributes: string) =>
  `<!doctype html><html lang="es"><head><title>Banca online</title></head><body><main><h1>Mi banco</h1></main>` +
  `<script src="${stack.url}/widget.js" data-tenant="${tenant.tenantId}" data-lang="es" ${attributes} async></script></body></html>`;

describe("the widget embedded with one script tag", () => {
  it("opens the chat from an accessible launcher on the host's page, and the customer can write", async () => {
    page = hostPage("");
    const context = await browser.newContext({ locale: "es-ES" });
    const site = await context.newPage();
    await site.goto(hostUrl);

    const launcher = site.getByRole("button", { name: /^Abrir chat/ });
    await launcher.click();
    const chat = site.frameLocator('iframe[title="Chat de atención al cliente"]');
    await chat.getByRole("textbox", { name: "Escribe tu mensaje" }).fill("Quiero saber mi saldo");
    await chat.getByRole("button", { name: "Enviar" }).click();
    await chat.getByRole("region", { name: "Mensajes" }).getByText("Quiero saber mi saldo").waitFor();

    expect(
      await site.getByRole("button", { name: "Cerrar chat" }).first().getAttribute("aria-expanded"),
    ).toBe("true");
    expect(await accessibilityViolations(site)).toEqual([]);
    await context.close();
  });

  it("identifies the host's signed-in customer, so his history follows him, and refuses a forged signature", async () => {
    const externalId = `client-${crypto.randomUUID()}`;
    const signature = signCustomerId(tenant.identitySecret, externalId);
    page = hostPage(`data-customer-id="${externalId}" data-customer-signature="${signature}"`);
    const first = await browser.newContext({ locale: "es-ES" });
    const site = await first.newPage();
    await site.goto(hostUrl);
    await site.getByRole("button", { name: /^Abrir chat/ }).click();
    const chat = site.frameLocator('iframe[title="Chat de atención al cliente"]');
    await chat
      .getByRole("textbox", { name: "Escribe tu mensaje" })
      .fill("Consulta desde el ordenador de casa");
    await chat.getByRole("button", { name: "Enviar" }).click();
    await chat
      .getByRole("region", { name: "Mensajes" })
      .getByText("Consulta desde el ordenador de casa")
      .waitFor();
    await first.close();

    const session = await api(stack.url, "/api/customer/sessions", {
      method: "POST",
      body: { tenantId: tenant.tenantId, externalId, signature },
    });
    const history = await api(stack.url, "/api/customer/conversations", { token: session.body.token });
    expect(history.body.conversations.map((c: { subject: string }) => c.subject)).toEqual([
      "Consulta desde el ordenador de casa",
    ]);

    page = hostPage(`data-customer-id="${externalId}" data-customer-signature="${"0".repeat(64)}"`);
    const forged = await browser.newContext({ locale: "es-ES" });
    const other = await forged.newPage();
    await other.goto(hostUrl);
    await other.getByRole("button", { name: /^Abrir chat/ }).click();
    const refused = other.frameLocator('iframe[title="Chat de atención al cliente"]');
    await refused.getByText(/No hemos podido comprobar tu identidad/).waitFor();
    expect(await refused.getByText("Consulta desde el ordenador de casa").count()).toBe(0);
    await forged.close();
  });
});
