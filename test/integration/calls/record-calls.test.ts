import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../../infra/local/free-port.js";
import { type ConnectInstance, contactEvent } from "../../../infra/local/sim/connect-events.js";
import { recordContactEvent, recordLexTurn } from "../../../shared/calls/record-call.js";
import { CallDetail } from "../../../shared/calls/summarise-call.js";
import { indexedAttributes } from "../../../shared/care/record.js";
import { claimCustomerKeys, customerKey } from "../../../shared/customer/customer-keys.js";
import { api } from "../../support/api.js";
import { callThrough, connectFor, customerWithDocument } from "../../support/calls.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
const { ports } = stack.runtime;
const { db } = ports;

let tenant: TestTenant;
let instance: ConnectInstance;

const sim = (path: string, body: unknown = {}) => api(stack.url, `/sim/ivr${path}`, { method: "POST", body });

const recordOf = async (recordId: string, tenantId = tenant.tenantId) =>
  (await db.careRecord.get({ tenantId, recordId }).go()).data;

beforeAll(async () => {
  tenant = await createTenant(stack, { agents: 1 });
  instance = await connectFor(ports, tenant.tenantId);
});

describe("calls from the IVR", () => {
  it("lands a call made on the simulator's keypad as a record with its motivo, city, customer and IVR path, listed under LLAMADAS", async () => {
    const customer = await customerWithDocument(ports, tenant.tenantId, "Marta Giménez");
    const { status, body: call } = await sim("/api/calls", {
      phone: "+5491155550123",
      instanceId: instance.instanceId,
      botId: instance.botId,
    });
    expect(status).toBe(201);
    for (const keys of ["2", `${customer.documentNumber}#`, "2", "1", "1"]) {
      const { status: pressed } = await sim(`/api/calls/${call.contactId}/keys`, { keys });
      expect(pressed).toBe(200);
    }
    await sim(`/api/calls/${call.contactId}/hangup`);

    let record: Awaited<ReturnType<typeof recordOf>>;
    await waitFor("the call's record, disconnected", async () => {
      record = await recordOf(call.contactId);
      return CallDetail.safeParse(record?.detail).data?.state === "DISCONNECTED";
    });
    expect(record!).toMatchObject({
      tab: "calls",
      status: "open",
      origin: "voice",
      motivo: "Soporte técnico › Internet › Sin conexión",
      city: "Córdoba",
      documentNumber: customer.documentNumber,
      customerId: customer.customerId,
      customerName: "Marta Giménez",
      phone: "+5491155550123",
    });
    const detail = CallDetail.parse(record!.detail);
    expect(detail.steps.map((step) => step.answer)).toEqual([
      "2 (Córdoba)",
      customer.documentNumber,
      "2 (Soporte técnico)",
      "1 (Internet)",
      "1 (Sin conexión)",
      undefined,
    ]);
    expect(detail.steps.every((step) => step.prompt.length > 0)).toBe(true);

    const agent = tenant.agents[0]!;
    const { body: listed } = await api(stack.url, "/api/care/records?tab=calls&status=open", {
      token: agent.token,
    });
    expect(listed.records.map((r: { recordId: string }) => r.recordId)).toContain(call.contactId);
    const { body: found } = await api(stack.url, "/api/care/records?tab=calls&status=open&q=marta", {
      token: agent.token,
    });
    expect(found.records.map((r: { recordId: string }) => r.recordId)).toEqual([call.contactId]);
  });

  it("builds one record with each step once and the final state from a stream delivered twice, out of order, at once", async () => {
    const call = callThrough(instance, ["3", "#", "3", "2"]);
    const deliveries = [
      ...call.events.map((event) => () => recordContactEvent(ports, event)),
      ...call.turns.map((turn) => () => recordLexTurn(ports, turn)),
    ];
    // Backwards, then again all at once: the last events first, each twice.
    for (const deliver of [...deliveries].reverse()) expect((await deliver()).outcome).toBe("recorded");
    await Promise.all(deliveries.map((deliver) => deliver()));

    const record = await recordOf(call.contactId);
    expect(record).toMatchObject({
      tab: "calls",
      status: "open",
      motivo: "Facturación › Reclamo por cobro",
      city: "Rosario",
    });
    expect(record?.customerName).toBeUndefined();
    const detail = CallDetail.parse(record!.detail);
    expect(detail).toMatchObject({ state: "DISCONNECTED", revision: call.events.length + call.turns.length });
    expect(detail.steps.map((step) => step.answer)).toEqual([
      "3 (Rosario)",
      "# (sin documento)",
      "3 (Facturación)",
      "2 (Reclamo por cobro)",
      undefined,
    ]);
    const { data: facts } = await db.callFact.query
      .byContact({ tenantId: tenant.tenantId, contactId: call.contactId })
      .go();
    expect(facts).toHaveLength(call.events.length + call.turns.length);
  });

  it("leaves what staff decided alone when Connect's events come after it", async () => {
    const call = callThrough(instance, ["1", "#", "2", "3", "1"]);
    const [first, ...rest] = call.events;
    await recordContactEvent(ports, first);
    await db.careRecord
      .patch({ tenantId: tenant.tenantId, recordId: call.contactId })
      .set({ ...indexedAttributes((await recordOf(call.contactId))!), status: "closed", decidedBy: "Ana" })
      .go();
    for (const event of rest) await recordContactEvent(ports, event);
    expect(await recordOf(call.contactId)).toMatchObject({
      status: "closed",
      decidedBy: "Ana",
      motivo: "Soporte técnico › Teléfono › Sin tono",
    });
  });

  it("names the caller by the phone he calls from when he keys in no document", async () => {
    const customerId = `cus_${randomBytes(8).toString("hex")}`;
    await db.customer
      .put({ tenantId: tenant.tenantId, customerId, name: "Julián Paz", createdAt: new Date().toISOString() })
      .go();
    await claimCustomerKeys(ports, tenant.tenantId, customerId, [customerKey.phone("+5491155550199")]);
    const call = callThrough(instance, ["4", "#", "3", "3"]);
    for (const event of call.events) await recordContactEvent(ports, event);
    expect(await recordOf(call.contactId)).toMatchObject({
      customerId,
      customerName: "Julián Paz",
      city: "Mendoza",
      motivo: "Facturación › Medios de pago",
    });
  });

  it("serves the keypad page with named keys, a live region and no inline script", async () => {
    const response = await fetch(`${stack.url}/sim/ivr`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    const page = await response.text();
    expect(page).toContain('aria-label="Tecla 5 / Key 5"');
    expect(page).toContain('aria-live="polite"');
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)/);
    const script = await fetch(`${stack.url}/sim/ivr/ivr-phone.js`);
    expect(script.headers.get("content-type")).toContain("text/javascript");
  });

  it("puts a call to the sales line under LLAMADAS VENTAS", async () => {
    const call = callThrough(instance, ["1", "#", "1"]);
    for (const event of call.events) await recordContactEvent(ports, event);
    for (const turn of call.turns) await recordLexTurn(ports, turn);
    const record = await recordOf(call.contactId);
    expect(record).toMatchObject({ tab: "sales_calls", motivo: "Contratar un servicio", status: "open" });
    const { body } = await api(stack.url, "/api/care/records?tab=sales_calls", {
      token: tenant.agents[0]!.token,
    });
    expect(body.records.map((r: { recordId: string }) => r.recordId)).toContain(call.contactId);
  });

  it("stores nothing for an instance or bot no tenant owns", async () => {
    const stranger = { ...instance, instanceId: crypto.randomUUID(), botId: "NOBODYSBOT" };
    const contactId = crypto.randomUUID();
    const event = contactEvent(
      stranger,
      "INITIATED",
      { contactId, initiatedAt: new Date(), tags: {}, systemEndpoint: "+1" },
      new Date(),
    );
    expect(await recordContactEvent(ports, event)).toEqual({
      outcome: "unrouted",
      kind: "instance",
      resourceId: stranger.instanceId,
    });
    const { turns } = callThrough(instance, ["2"], { contactId });
    expect(
      await recordLexTurn(ports, { ...turns[0]!, bot: { ...turns[0]!.bot, id: stranger.botId } }),
    ).toMatchObject({
      outcome: "unrouted",
      kind: "lex_bot",
    });
    expect(await recordOf(contactId)).toBeNull();
    const { data: facts } = await db.callFact.query.byContact({ tenantId: tenant.tenantId, contactId }).go();
    expect(facts).toEqual([]);
  });

  it("keeps another tenant's call of the same contact id apart", async () => {
    const other = await createTenant(stack, { agents: 1 });
    const otherInstance = await connectFor(ports, other.tenantId);
    const contactId = crypto.randomUUID();
    const event = contactEvent(
      otherInstance,
      "INITIATED",
      { contactId, initiatedAt: new Date(), tags: {}, systemEndpoint: "+1" },
      new Date(),
    );
    await recordContactEvent(ports, event);
    expect(await recordOf(contactId, other.tenantId)).toMatchObject({ tab: "calls" });
    expect(await recordOf(contactId)).toBeNull();
  });
});
