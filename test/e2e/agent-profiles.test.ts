import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffIdentity } from "../../shared/identity/index.js";
import { systemClock } from "../../shared/ports.js";
import { publishScriptTree, saveScriptTreeDraft, setConversationTipo } from "../../shared/scripts/index.js";
import { api, clientId } from "../support/api.js";
import { seedTree } from "../support/script-tree-fixture.js";
import { createAdmin, createTenant, type TestStaff, type TestTenant, useStack } from "../support/stack.js";
import { accessibilityViolations, launchChromium, signIn } from "./support/browser.js";

const stack = useStack();
const ports = { db: stack.runtime.ports.db, clock: systemClock };
let tenant: TestTenant;
let admin: TestStaff;
let browser: Browser & { cleanup: () => Promise<void> };

beforeAll(async () => {
  [tenant, browser] = await Promise.all([createTenant(stack), launchChromium()]);
  admin = await createAdmin(stack, tenant.tenantId);
});

afterAll(async () => {
  await browser?.cleanup();
});

/** A customer's case waiting in the queue, about `tipo` when given. */
async function queued(text: string, tipo?: string) {
  const customer = await tenant.customer();
  const { body } = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text },
  });
  const conversationId = body.conversation.conversationId as string;
  if (tipo) await setConversationTipo(ports, tenant.tenantId, conversationId, tipo);
  return conversationId;
}

describe("the admin's Kardex profiles", () => {
  it("lets the admin give an agent the Cable tipo, and that agent's queue then leaves out Datos cases", async () => {
    const [ana] = tenant.agents;
    const context = await browser.newContext({ locale: "es-ES" });
    const office = await context.newPage();
    await signIn(office, stack.url, admin);
    await office.getByRole("button", { name: "Perfiles (Kardex)" }).click();
    const page = office.getByRole("main", { name: "Perfiles (Kardex)" });
    await page.getByText("Todavía no hay un árbol de guiones publicado").waitFor();

    const staff: StaffIdentity = { kind: "staff", tenantId: tenant.tenantId, ...admin };
    const draft = await saveScriptTreeDraft(ports, staff, { tree: seedTree(), revision: 0 });
    await publishScriptTree(ports, staff, draft.version, { revision: draft.revision });
    await office.getByRole("button", { name: "Conversaciones" }).click();
    await office.getByRole("button", { name: "Perfiles (Kardex)" }).click();

    const cable = page.getByRole("checkbox", { name: "Agente 1 atiende Cable (Televisión)" });
    await cable.waitFor();
    expect(await page.getByRole("columnheader").allTextContents()).toEqual([
      "Agente",
      "Datos (Internet)",
      "Cable (Televisión)",
      "Acciones",
    ]);
    expect(
      await page
        .getByRole("row", { name: /Agente 1/ })
        .getByText("Atiende todos los tipos")
        .count(),
    ).toBe(1);
    await cable.check();
    expect(await accessibilityViolations(office)).toEqual([]);
    await page.getByRole("button", { name: "Guardar el perfil de Agente 1" }).click();
    await page
      .getByRole("status")
      .getByText("Perfil de Agente 1 guardado: atiende Cable (Televisión).")
      .waitFor();
    expect(
      await page
        .getByRole("row", { name: /Agente 1/ })
        .getByText("Atiende todos los tipos")
        .count(),
    ).toBe(0);
    const stored = await api(stack.url, "/api/admin/agent-profiles", { token: admin.token });
    expect(stored.body.agents.map((a: { name: string; tipos: string[] }) => [a.name, a.tipos])).toEqual([
      ["Agente 1", ["cable"]],
      ["Agente 2", []],
    ]);
    await context.close();

    await queued("No puedo navegar desde ayer", "datos");
    await queued("Quiero saber mi saldo");
    const agentContext = await browser.newContext({ locale: "es-ES" });
    const desk = await agentContext.newPage();
    await signIn(desk, stack.url, ana!);
    expect(await desk.getByRole("button", { name: "Perfiles (Kardex)" }).count()).toBe(0);
    const queue = desk.getByRole("tabpanel");
    await queue.getByRole("button", { name: /Quiero saber mi saldo/ }).waitFor();
    expect(await queue.getByRole("button", { name: /No puedo navegar/ }).count()).toBe(0);
    await agentContext.close();
  });
});
