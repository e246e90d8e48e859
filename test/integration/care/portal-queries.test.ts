import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { api, clientId } from "../../support/api.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;
let otherTenant: TestTenant;

beforeAll(async () => {
  [tenant, otherTenant] = await Promise.all([
    createTenant(stack, { agents: 1 }),
    createTenant(stack, { agents: 1 }),
  ]);
});

const documentNumber = () => String(randomInt(10 ** 7, 10 ** 8));

/** A query as the portal's form sends it. */
const form = (overrides: Record<string, unknown> = {}) => ({
  clientRequestId: clientId(),
  kind: "reclamo",
  subject: "Sin conexión desde el lunes",
  message: "No tengo internet desde el lunes por la tarde.",
  name: "Ana Pérez",
  documentNumber: documentNumber(),
  phone: "+54 11 5555 0101",
  email: "Ana.Perez@example.com",
  preferredContact: "email",
  city: "Córdoba",
  ...overrides,
});

const submit = (token: string, body: unknown) =>
  api(stack.url, "/api/customer/queries", { method: "POST", token, body });

/** The open records of the "Consultas" tab whose document number starts with `document`, as an agent sees them. */
async function consultas(agentToken: string, document: string) {
  const { status, body } = await api(
    stack.url,
    `/api/care/records?${new URLSearchParams({ tab: "queries", q: document, status: "all" })}`,
    { token: agentToken },
  );
  expect(status).toBe(200);
  return body.records as Record<string, unknown>[];
}

describe("queries sent from Mi cuenta", () => {
  it("land open in the Consultas tab of the customer's tenant, and nowhere else", async () => {
    const customer = await tenant.customer();
    const sent = form();

    const { status, body } = await submit(customer.token, sent);

    expect(status).toBe(201);
    expect(body.query).toMatchObject({
      kind: "reclamo",
      subject: sent.subject,
      message: sent.message,
      status: "open",
      preferredContact: "email",
    });
    expect(body.query.queryId).toMatch(/^qry_[0-9A-Z]{26}$/);
    const records = await consultas(tenant.agents[0]!.token, sent.documentNumber);
    expect(records).toEqual([
      expect.objectContaining({
        recordId: body.query.queryId,
        tab: "queries",
        status: "open",
        customerId: customer.customerId,
        customerName: "Ana Pérez",
        documentNumber: sent.documentNumber,
        phone: "+541155550101",
        email: "Ana.Perez@example.com",
        city: "Córdoba",
        subject: sent.subject,
        origin: "portal",
        detail: { kind: "reclamo", message: sent.message, preferredContact: "email" },
      }),
    ]);
    expect(await consultas(otherTenant.agents[0]!.token, sent.documentNumber)).toEqual([]);
  });

  it("stores one query however often the same submit is retried, even at once", async () => {
    const customer = await tenant.customer();
    const sent = form();

    const answers = await Promise.all([1, 2, 3].map(() => submit(customer.token, sent)));
    const again = await submit(customer.token, sent);

    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    expect(again.status).toBe(200);
    const ids = new Set([...answers, again].map((a) => a.body.query.queryId));
    expect(ids.size).toBe(1);
    expect(await consultas(tenant.agents[0]!.token, sent.documentNumber)).toHaveLength(1);
    const mine = await api(stack.url, "/api/customer/queries", { token: customer.token });
    expect(mine.body.queries.map((q: { queryId: string }) => q.queryId)).toEqual([...ids]);
  });

  it.each([
    ["no contact means", { phone: undefined, email: undefined, preferredContact: undefined }, "phone"],
    ["a subject over 120 characters", { subject: "a".repeat(121) }, "subject"],
    ["a message over 4000 characters", { message: "a".repeat(4001) }, "message"],
    ["a malformed e-mail", { email: "ana@" }, "email"],
    ["a preferred means not given", { email: undefined, preferredContact: "email" }, "preferredContact"],
    ["an unknown kind", { kind: "sugerencia" }, "kind"],
    ["a blank name", { name: "   " }, "name"],
    ["no client request id", { clientRequestId: undefined }, "clientRequestId"],
  ])("refuses %s with a 400 naming the field, and stores nothing", async (_case, overrides, field) => {
    const customer = await tenant.customer();
    const sent = form(overrides);

    const { status, body } = await submit(customer.token, sent);

    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.details.issues.map((issue: { path: string }) => issue.path)).toContain(field);
    expect(await consultas(tenant.agents[0]!.token, sent.documentNumber)).toEqual([]);
    const mine = await api(stack.url, "/api/customer/queries", { token: customer.token });
    expect(mine.body.queries).toEqual([]);
  });

  it("keeps markup in what the customer wrote as plain text, exactly as written", async () => {
    const customer = await tenant.customer();
    const subject = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const sent = form({ subject, message: "<b>hola</b> & {{7*7}}", name: "Ana <i>Pérez</i>" });

    const { status, body } = await submit(customer.token, sent);

    expect(status).toBe(201);
    const [record] = await consultas(tenant.agents[0]!.token, sent.documentNumber);
    expect(record).toMatchObject({
      recordId: body.query.queryId,
      subject,
      customerName: "Ana <i>Pérez</i>",
      detail: expect.objectContaining({ message: "<b>hola</b> & {{7*7}}" }),
    });
  });

  it("lists for each customer his own queries only, newest first, with their status", async () => {
    const [ana, beto] = await Promise.all([tenant.customer(), tenant.customer()]);
    const first = await submit(ana.token, form({ subject: "Primera" }));
    const second = await submit(ana.token, form({ subject: "Segunda", kind: "consulta" }));
    const betos = await submit(beto.token, form({ subject: "De Beto" }));

    const anas = await api(stack.url, "/api/customer/queries", { token: ana.token });
    const betosList = await api(stack.url, "/api/customer/queries", { token: beto.token });

    expect(anas.status).toBe(200);
    expect(anas.body.queries.map((q: { queryId: string }) => q.queryId)).toEqual([
      second.body.query.queryId,
      first.body.query.queryId,
    ]);
    expect(anas.body.queries[0]).toMatchObject({ subject: "Segunda", kind: "consulta", status: "open" });
    expect(betosList.body.queries.map((q: { queryId: string }) => q.queryId)).toEqual([
      betos.body.query.queryId,
    ]);
    expect((await api(stack.url, "/api/customer/queries")).status).toBe(401);
  });

  it("refuses a customer's eleventh query within a minute, saying when to try again", async () => {
    const customer = await tenant.customer();
    // Counters live in fixed one-minute windows: start the burst early in one, so it does not straddle two.
    const intoWindow = (Date.now() / 1000) % 60;
    if (intoWindow > 50) await new Promise((resolve) => setTimeout(resolve, (60.5 - intoWindow) * 1000));
    const answers = [];
    for (let i = 0; i < 11; i++)
      answers.push(await submit(customer.token, form({ subject: `Consulta ${i}` })));

    expect(answers.slice(0, 10).map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(answers[10]!.status).toBe(429);
    expect(answers[10]!.body.error.code).toBe("rate_limited");
    expect(Number(answers[10]!.headers.get("retry-after"))).toBeGreaterThan(0);
    const mine = await api(stack.url, "/api/customer/queries", { token: customer.token });
    expect(mine.body.queries).toHaveLength(10);
  });

  it("records his phone, e-mail and document on his profile, but never takes another customer's", async () => {
    const [ana, beto] = await Promise.all([tenant.customer(), tenant.customer()]);
    const { db } = stack.runtime.ports;
    const anas = form({ phone: "+54 351 555 0199", email: `ana-${randomInt(10 ** 9)}@example.com` });
    expect((await submit(ana.token, anas)).status).toBe(201);

    const betos = form({ phone: anas.phone, email: undefined, preferredContact: "phone", name: "Beto" });
    expect((await submit(beto.token, betos)).status).toBe(201);

    const { data: anaProfile } = await db.customer
      .get({ tenantId: tenant.tenantId, customerId: ana.customerId })
      .go();
    expect(anaProfile).toMatchObject({
      name: "Ana Pérez",
      phone: "+543515550199",
      email: anas.email,
      documentNumber: anas.documentNumber,
    });
    const { data: betoProfile } = await db.customer
      .get({ tenantId: tenant.tenantId, customerId: beto.customerId })
      .go();
    expect(betoProfile).toMatchObject({ name: "Beto", documentNumber: betos.documentNumber });
    expect(betoProfile?.phone).toBeUndefined();
    const { data: phoneKey } = await db.customerKey
      .get({ tenantId: tenant.tenantId, key: "phone:+543515550199" })
      .go();
    expect(phoneKey?.customerId).toBe(ana.customerId);
  });
});
