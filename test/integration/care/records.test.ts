import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { searchKeys } from "../../../shared/care/record.js";
import { api } from "../../support/api.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;
let other: TestTenant;

type Seeded = {
  tab?: "calls" | "sales_calls" | "chats" | "queries";
  status?: "open" | "closed";
  name?: string;
  document?: string;
  day: string;
};

async function seed(owner: TestTenant, record: Seeded) {
  const recordId = randomUUID();
  const createdAt = `${record.day}T12:00:00.000Z`;
  const fields = { customerName: record.name, documentNumber: record.document };
  await stack.runtime.ports.db.careRecord
    .put({
      tenantId: owner.tenantId,
      recordId,
      tab: record.tab ?? "calls",
      status: record.status ?? "open",
      createdAt,
      updatedAt: createdAt,
      ...(record.name && { customerName: record.name }),
      ...(record.document && { documentNumber: record.document }),
      ...searchKeys(fields),
      motivo: "Soporte técnico › Internet",
      city: "Monterrey",
    })
    .go();
  return recordId;
}

const list = (token: string, query: string) => api(stack.url, `/api/care/records?${query}`, { token });
const ids = (body: { records: { recordId: string }[] }) => body.records.map((r) => r.recordId);

const calls: Record<string, string> = {};

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTenant(stack), createTenant(stack)]);
  calls.lucia = await seed(tenant, { name: "Lucía Pérez", document: "20.123.456-7", day: "2026-11-01" });
  calls.luis = await seed(tenant, { name: "Luis Gómez", document: "30111222", day: "2026-11-05" });
  calls.marta = await seed(tenant, { name: "Marta Núñez", day: "2026-11-10" });
  calls.closed = await seed(tenant, { name: "Lucía Ramos", status: "closed", day: "2026-11-12" });
  calls.anonymous = await seed(tenant, { day: "2026-11-15" });
  calls.sale = await seed(tenant, { tab: "sales_calls", name: "Lucía Pérez", day: "2026-11-16" });
  calls.foreign = await seed(other, { name: "Lucía Pérez", document: "20.123.456-7", day: "2026-11-02" });
});

describe("a tab of Atención al cliente", () => {
  it("opens on the open records of that tab, newest first, and pages through each once", async () => {
    const token = tenant.agents[0]!.token;
    const first = await list(token, "tab=calls");
    expect(first.status).toBe(200);
    expect(ids(first.body)).toEqual([calls.anonymous, calls.marta, calls.luis, calls.lucia]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(
        token,
        `tab=calls&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(page.status).toBe(200);
      seen.push(...ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([calls.anonymous, calls.marta, calls.luis, calls.lucia]);
  });

  it("filters by status, by every status, and by a date range", async () => {
    const token = tenant.agents[0]!.token;
    expect(ids((await list(token, "tab=calls&status=closed")).body)).toEqual([calls.closed]);
    expect(ids((await list(token, "tab=calls&status=all")).body)).toHaveLength(5);
    const range = await list(token, "tab=calls&status=all&from=2026-11-05&to=2026-11-12");
    expect(ids(range.body)).toEqual([calls.closed, calls.marta, calls.luis]);
  });

  it("finds a customer by the start of his name, with or without accents, or by his document as typed", async () => {
    const token = tenant.supervisor.token;
    expect(ids((await list(token, "tab=calls&q=lucia")).body)).toEqual([calls.lucia]);
    expect(ids((await list(token, `tab=calls&q=${encodeURIComponent("LUCÍA P")}&status=all`)).body)).toEqual([
      calls.lucia,
    ]);
    expect(ids((await list(token, "tab=calls&q=lucia&status=all")).body).sort()).toEqual(
      [calls.lucia, calls.closed].sort(),
    );
    expect(ids((await list(token, "tab=calls&q=20123456")).body)).toEqual([calls.lucia]);
    expect(ids((await list(token, `tab=calls&q=${encodeURIComponent("20.123")}`)).body)).toEqual([
      calls.lucia,
    ]);
  });

  it("pages through a search, each match once, in name order", async () => {
    const token = tenant.agents[0]!.token;
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(
        token,
        `tab=calls&status=all&q=lu&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(page.status).toBe(200);
      seen.push(...ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([calls.lucia, calls.closed, calls.luis]);
  });

  it("takes operators and script in a search as plain text that matches nobody", async () => {
    const token = tenant.agents[0]!.token;
    for (const q of ["' OR '1'='1", "<script>alert(1)</script>", '{"$ne":null}', "*", "lucia) OR (1=1"]) {
      const { status, body } = await list(token, `tab=calls&q=${encodeURIComponent(q)}`);
      expect(status, q).toBe(200);
      expect(ids(body), q).toEqual([]);
    }
  });

  it("refuses reversed or absurd dates and statuses the tab does not have, clearly", async () => {
    const token = tenant.agents[0]!.token;
    const reversed = await list(token, "tab=calls&from=2026-11-20&to=2026-11-01");
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.code).toBe("invalid_date_range");
    expect((await list(token, "tab=calls&from=1900-01-01")).body.error.code).toBe("invalid_date_range");
    expect((await list(token, "tab=calls&to=2999-12-31")).body.error.code).toBe("invalid_date_range");
    expect((await list(token, "tab=calls&from=mañana")).body.error.code).toBe("invalid_request");
    expect((await list(token, "tab=calls&status=lost")).body.error.code).toBe("invalid_request");
    expect((await list(token, "tab=calls&status=confirmed")).body.error.code).toBe("invalid_status");
    expect((await list(token, "tab=nothing")).body.error.code).toBe("invalid_request");
    expect((await list(token, "tab=calls&cursor=not-ours")).body.error.code).toBe("invalid_request");
  });

  it("never shows another tenant's records, not even through a cursor", async () => {
    const mine = await list(other.agents[0]!.token, "tab=calls&q=lucia");
    expect(ids(mine.body)).toEqual([calls.foreign]);
    const page = await list(tenant.agents[0]!.token, "tab=calls&limit=1");
    const theirs = await list(
      other.agents[0]!.token,
      `tab=calls&cursor=${encodeURIComponent(page.body.nextCursor)}`,
    );
    expect(theirs.status).toBe(200);
    expect(ids(theirs.body)).not.toContain(calls.marta);
    expect(ids(theirs.body).every((id) => id === calls.foreign)).toBe(true);
  });
});

describe("technical services", () => {
  const generate = (token: string, recordId: string) =>
    api(stack.url, `/api/care/records/${recordId}/service`, {
      method: "POST",
      token,
      body: { type: "technical_service", note: "Módem sin señal" },
    });
  const decide = (token: string, serviceId: string, decision: string) =>
    api(stack.url, `/api/care/services/${serviceId}/${decision}`, { method: "POST", token });

  it("generates one service from a call, which then shows GENERÓ SERVICIO TÉCNICO, even when asked twice", async () => {
    const source = await seed(tenant, { name: "Ana Torres", day: "2026-11-18" });
    const token = tenant.agents[0]!.token;
    const [a, b] = await Promise.all([generate(token, source), generate(token, source)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.record.recordId).toBe(b.body.record.recordId);
    expect(a.body.record).toMatchObject({
      tab: "services",
      status: "open",
      customerName: "Ana Torres",
      sourceRecordId: source,
    });

    const after = await list(token, "tab=calls&status=service_generated");
    expect(ids(after.body)).toContain(source);
    const services = await list(tenant.centralOffice.token, "tab=services");
    expect(ids(services.body)).toContain(a.body.record.recordId);
  });

  it("lets a cancel and a confirm race with one winner, and the loser learns who decided", async () => {
    const source = await seed(tenant, { name: "Pedro Ruiz", day: "2026-11-19" });
    const service = (await generate(tenant.agents[0]!.token, source)).body.record.recordId;
    const [cancel, confirm] = await Promise.all([
      decide(tenant.agents[0]!.token, service, "cancel"),
      decide(tenant.centralOffice.token, service, "confirm"),
    ]);
    const statuses = [cancel.status, confirm.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = cancel.status === 409 ? cancel : confirm;
    expect(loser.body.error.code).toBe("service_already_decided");
    expect(loser.body.error.details.decidedBy).toBe(cancel.status === 409 ? "Oficina Central" : "Agente 1");
  });

  it("cannot be cancelled once confirmed, and each side keeps to its own decisions", async () => {
    const source = await seed(tenant, { name: "Rosa Vega", day: "2026-11-20" });
    const service = (await generate(tenant.agents[0]!.token, source)).body.record.recordId;
    expect((await decide(tenant.agents[0]!.token, service, "confirm")).status).toBe(403);
    expect((await generate(tenant.centralOffice.token, source)).status).toBe(403);
    expect((await decide(tenant.centralOffice.token, service, "confirm")).body.record.status).toBe(
      "confirmed",
    );
    const late = await decide(tenant.agents[0]!.token, service, "cancel");
    expect(late.status).toBe(409);
    expect(late.body.error.details).toMatchObject({ status: "confirmed", decidedBy: "Oficina Central" });
    expect((await decide(other.centralOffice.token, service, "reject")).status).toBe(404);
    // The central office signs in to the console for this alone: the conversations are not its to work.
    const office = tenant.centralOffice.token;
    expect((await api(stack.url, "/api/agent/me", { token: office })).body.staff.role).toBe("central_office");
    const inbox = await api(stack.url, "/api/agent/inbox", { token: office });
    expect([inbox.status, inbox.body.error.code]).toEqual([403, "role_forbidden"]);
    expect(
      (await api(stack.url, `/api/care/records/${source}/close`, { method: "POST", token: office })).status,
    ).toBe(403);
  });

  it("closes a call once, and a closed call generates nothing", async () => {
    const source = await seed(tenant, { name: "Juan Díaz", day: "2026-11-21" });
    const token = tenant.agents[1]!.token;
    const close = () => api(stack.url, `/api/care/records/${source}/close`, { method: "POST", token });
    expect((await close()).body.record.status).toBe("closed");
    expect((await close()).status).toBe(200);
    const refused = await generate(token, source);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("record_not_open");
  });
});
