import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConnectInstance } from "../../infra/local/sim/connect-events.js";
import { connectFor, customerWithDocument } from "../support/calls.js";
import { createAdmin, createTenant, type TestStaff, type TestTenant, useStack } from "../support/stack.js";
import { accessibilityViolations, launchChromium, signIn } from "./support/browser.js";
import { buildSeedTree, openScripts, publishTree, SEED_IDS } from "./support/build-seed-tree.js";
import { openContactReasons, reasonCount } from "./support/contact-reasons.js";
import {
  callAboutInternet,
  followCableModemProcedure,
  openGuidedCall,
  shortId,
} from "./support/follow-guided-call.js";

const stack = useStack();
const { db } = stack.runtime.ports;
let tenant: TestTenant;
let admin: TestStaff;
let browser: Browser & { cleanup: () => Promise<void> };
let instance: ConnectInstance;
let customer: { name: string; documentNumber: string };

beforeAll(async () => {
  [tenant, browser] = await Promise.all([createTenant(stack, { agents: 1 }), launchChromium()]);
  admin = await createAdmin(stack, tenant.tenantId);
  instance = await connectFor(stack.runtime.ports, tenant.tenantId);
  customer = await customerWithDocument(stack.runtime.ports, tenant.tenantId, "Marta Giménez");
});

afterAll(async () => {
  await browser?.cleanup();
});

async function consoleOf(staff: TestStaff) {
  const context = await browser.newContext({ locale: "es-ES", viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signIn(page, stack.url, staff);
  return { page, close: () => context.close() };
}

async function expectAccessible(page: Page) {
  expect(await accessibilityViolations(page)).toEqual([]);
}

describe("seed 001: a call followed step by step by the admin's procedure, and why customers call", () => {
  it("plays the seed's example from the admin's tree to the supervisor's report", async () => {
    // The admin builds DATOS → "No puede navegar en su computadora" → four escenarios, and publishes.
    const adminConsole = await consoleOf(admin);
    const editor = await openScripts(adminConsole.page);
    await buildSeedTree(editor);
    await publishTree(editor);
    await expectAccessible(adminConsole.page);
    await adminConsole.close();

    // A subscriber calls: the IVR hears his document and "Soporte técnico › Internet › Sin conexión".
    const contactId = await callAboutInternet(stack.url, instance, customer.documentNumber);
    await expect
      .poll(
        async () => (await db.careRecord.get({ tenantId: tenant.tenantId, recordId: contactId }).go()).data,
        { timeout: 10_000 },
      )
      .toMatchObject({ customerName: customer.name, motivo: "Soporte técnico › Internet › Sin conexión" });

    // The agent takes it in the back office: the reason comes filled in from the IVR.
    const agentConsole = await consoleOf(tenant.agents[0]!);
    const { dialog, panel } = await openGuidedCall(agentConsole.page, contactId);
    await panel.getByText("Precargado por el IVR").waitFor();
    expect(await panel.getByLabel("Tipo").inputValue()).toBe(SEED_IDS.tipo);
    expect(await panel.getByLabel("Motivo").inputValue()).toBe(SEED_IDS.motivo);
    await expectAccessible(agentConsole.page);

    // Contract validated, cable modem dañado, the technical complaint raised, closed with its exit tag.
    const serviceId = await followCableModemProcedure(panel, customer);
    await expectAccessible(agentConsole.page);
    await dialog.getByRole("button", { name: "Cerrar ventana" }).click();
    const { data: record } = await db.careRecord.get({ tenantId: tenant.tenantId, recordId: contactId }).go();
    expect(record?.status).toBe("service_generated");
    expect(shortId(record?.serviceId ?? "")).toBe(serviceId);
    const { data: service } = await db.careRecord
      .get({ tenantId: tenant.tenantId, recordId: record?.serviceId ?? "" })
      .go();
    expect(service).toMatchObject({ tab: "services", status: "open", sourceRecordId: contactId });
    const { data: guided } = await db.guidedContact.get({ tenantId: tenant.tenantId, contactId }).go();
    expect(guided).toMatchObject({
      phase: "closed",
      prefilledBy: "ivr",
      escenarioName: "Cable modem dañado",
      exitTag: "equipment_replacement",
      validation: { outcome: "passed" },
    });
    // The path as taken, each step with the time spent on it.
    const path = (guided?.path ?? []) as { step: string; ms: number }[];
    expect(path.map((entry) => entry.step)).toEqual(["paso-2", "paso-3", "paso-4", "fin"]);
    expect(path.every((entry) => Number.isInteger(entry.ms) && entry.ms >= 0)).toBe(true);
    await agentConsole.close();

    // The supervisor's report shows that contact under its reason and escenario.
    const supervisorConsole = await consoleOf(tenant.supervisor);
    const page = supervisorConsole.page;
    await openContactReasons(page);
    expect(await reasonCount(page, "tipo", "Datos (Internet)")).toBe(1);
    expect(await reasonCount(page, "motivo", "No puede navegar en su computadora")).toBe(1);
    expect(await reasonCount(page, "escenario", "Cable modem dañado")).toBe(1);
    expect(await reasonCount(page, "exitTag", "Cambio de equipo")).toBe(1);
    expect(await reasonCount(page, "solution", "Levantar queja técnica para cambio de cable modem")).toBe(1);
    await expectAccessible(page);
    await supervisorConsole.close();
  });
});
