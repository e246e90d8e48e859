import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchingRecords } from "../../../shared/care/export-records.js";
import { type CareRecordInfo, searchKeys } from "../../../shared/care/record.js";
import { api } from "../../support/api.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "atiende-export-"));
let tenant: TestTenant;
let other: TestTenant;

const HOUR = 60 * 60 * 1000;

type Seeded = Pick<CareRecordInfo, "tab" | "status"> & Partial<CareRecordInfo> & { hoursAgo: number };

const item = (owner: TestTenant, { hoursAgo, ...record }: Seeded) => {
  const createdAt = new Date(Date.now() - hoursAgo * HOUR).toISOString();
  return {
    tenantId: owner.tenantId,
    recordId: `rec_${randomUUID()}`,
    createdAt,
    updatedAt: createdAt,
    ...record,
    ...searchKeys(record),
  };
};

const seed = (owner: TestTenant, record: Seeded) =>
  stack.runtime.ports.db.careRecord.put(item(owner, record)).go();

/** An export as the console asks for it, the body as bytes. */
async function exported(token: string, query: Record<string, string>) {
  const response = await fetch(`${stack.url}/api/care/records/export?${new URLSearchParams(query)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

/** The PDF's text as poppler lays it out, after rendering its first page with pdftoppm. */
async function printed(bytes: Uint8Array) {
  const file = join(dir, `${randomUUID()}.pdf`);
  writeFileSync(file, bytes);
  await run("pdftoppm", ["-png", "-r", "50", "-singlefile", file, file]);
  const png = `${file}.png`;
  expect(existsSync(png)).toBe(true);
  // A blank page has no dark pixel; 8-point text at 50 dpi darkens a few tenths of a percent.
  expect(inkOf(readFileSync(png))).toBeGreaterThan(0.001);
  const { stdout } = await run("pdftotext", ["-layout", file, "-"]);
  return stdout;
}

/** The share of a PNG's pixels that are dark: 0 for a blank page. Reads the 8-bit RGB pdftoppm writes. */
function inkOf(png: Buffer) {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect([png[24], png[25]]).toEqual([8, 2]);
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString("latin1", at + 4, at + 8) === "IDAT") chunks.push(png.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const data = inflateSync(Buffer.concat(chunks));
  const stride = width * 3;
  let previous = Buffer.alloc(stride);
  let dark = 0;
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)]!;
    const line = Buffer.from(data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x++) {
      const left = x >= 3 ? line[x - 3]! : 0;
      const up = previous[x]!;
      const upLeft = x >= 3 ? previous[x - 3]! : 0;
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      const predictor = [0, left, up, (left + up) >> 1, pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft][
        filter
      ]!;
      line[x] = (line[x]! + predictor) & 0xff;
    }
    for (let x = 0; x < stride; x += 3) if (line[x]! + line[x + 1]! + line[x + 2]! < 3 * 128) dark++;
    previous = line;
  }
  return dark / (width * height);
}

beforeAll(async () => {
  [tenant, other] = await Promise.all([
    createTenant(stack, { agents: 1 }),
    createTenant(stack, { agents: 1 }),
  ]);
  await Promise.all([
    seed(tenant, {
      tab: "calls",
      status: "open",
      customerName: "José Núñez",
      documentNumber: "20.123.456-7",
      motivo: "Soporte técnico — sin señal",
      city: "Querétaro",
      hoursAgo: 1,
    }),
    seed(tenant, {
      tab: "calls",
      status: "open",
      customerName: "María Peña",
      motivo: "¿Facturación?",
      city: "Córdoba",
      hoursAgo: 2,
    }),
    seed(tenant, {
      tab: "calls",
      status: "open",
      customerName: "Tomás Ibáñez",
      motivo: '=HYPERLINK("http://evil.example","clic")',
      city: "León",
      hoursAgo: 3,
    }),
    seed(tenant, {
      tab: "calls",
      status: "closed",
      customerName: "Ángel Ruiz",
      motivo: "Consulta de saldo",
      city: "Mérida",
      hoursAgo: 4,
    }),
    seed(tenant, {
      tab: "chats",
      status: "open",
      customerName: "Lucía Chat",
      origin: "whatsapp",
      hoursAgo: 1,
    }),
  ]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Print (PDF) of a tab", () => {
  it("is a PDF of the open calls with the title, the customers and their accents", async () => {
    const { status, headers, bytes } = await exported(tenant.agents[0]!.token, {
      tab: "calls",
      format: "pdf",
    });

    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("application/pdf");
    expect(headers.get("content-disposition")).toMatch(
      /^attachment; filename="atencion-llamadas-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    expect(headers.get("x-export-truncated")).toBeNull();
    const text = await printed(bytes);
    expect(text).toContain("Atención al cliente — Llamadas");
    expect(text).toContain("Estado: ABIERTA");
    expect(text).toMatch(/ID\s+Motivo\s+Ciudad\s+Estado\s+Cliente\s+Fecha/);
    for (const expected of ["José Núñez", "María Peña", "Tomás Ibáñez", "Querétaro", "¿Facturación?", "León"])
      expect(text).toContain(expected);
    expect(text.match(/ABIERTA/g)).toHaveLength(4);
    expect(text).not.toContain("Ángel Ruiz");
    expect(text).not.toContain("Lucía Chat");
  });

  it("holds only the rows the filters match: a status, a search", async () => {
    const closed = await printed(
      (await exported(tenant.supervisor.token, { tab: "calls", format: "pdf", status: "closed" })).bytes,
    );
    const searched = await printed(
      (await exported(tenant.supervisor.token, { tab: "calls", format: "pdf", status: "all", q: "maría" }))
        .bytes,
    );

    expect(closed).toContain("Ángel Ruiz");
    expect(closed).toContain("CERRADA");
    expect(closed).toContain("Estado: CERRADA");
    for (const name of ["José Núñez", "María Peña", "Tomás Ibáñez"]) expect(closed).not.toContain(name);
    expect(searched).toContain('Buscar: "maría"');
    expect(searched).toContain("María Peña");
    for (const name of ["José Núñez", "Tomás Ibáñez", "Ángel Ruiz"]) expect(searched).not.toContain(name);
  });

  it("reads in English with dates in the time zone asked for", async () => {
    const { headers, bytes } = await exported(tenant.supervisor.token, {
      tab: "calls",
      format: "pdf",
      lang: "en",
      tz: "Asia/Kolkata",
    });

    expect(headers.get("content-disposition")).toMatch(
      /filename="customer-care-calls-\d{4}-\d{2}-\d{2}\.pdf"/,
    );
    const text = await printed(bytes);
    expect(text).toContain("Customer care — Calls");
    expect(text).toMatch(/ID\s+Reason\s+City\s+Status\s+Customer\s+Date/);
    expect(text).toContain("OPEN");
    expect(text).toContain("(Asia/Kolkata)");
  });
});

describe("Copy (tab-separated text) of a tab", () => {
  it("is the same table as text a spreadsheet pastes cell by cell, formulas made inert", async () => {
    const { status, headers, bytes } = await exported(tenant.agents[0]!.token, {
      tab: "calls",
      format: "tsv",
    });

    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("text/tab-separated-values; charset=utf-8");
    expect(headers.get("content-disposition")).toMatch(/filename="atencion-llamadas-\d{4}-\d{2}-\d{2}\.tsv"/);
    const rows = new TextDecoder()
      .decode(bytes)
      .split("\r\n")
      .slice(0, -1)
      .map((row) => row.split("\t"));
    expect(rows[0]).toEqual(["ID", "Motivo", "Ciudad", "Estado", "Cliente", "Fecha"]);
    expect(rows.slice(1).map((row) => [row[1], row[2], row[3], row[4]])).toEqual([
      ["Soporte técnico — sin señal", "Querétaro", "ABIERTA", "José Núñez"],
      ["¿Facturación?", "Córdoba", "ABIERTA", "María Peña"],
      ['\'=HYPERLINK("http://evil.example","clic")', "León", "ABIERTA", "Tomás Ibáñez"],
    ]);
    expect(rows.slice(1).every((row) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(row[5]!))).toBe(true);
  });

  it("reads every page of the list up to the cap, and says when the cap cut it", async () => {
    const records = Array.from({ length: 205 }, (_, i) =>
      item(tenant, {
        tab: "sales_calls",
        status: "open",
        customerName: `Cliente ${i}`,
        hoursAgo: 5 + i / 100,
      }),
    );
    await stack.runtime.ports.db.careRecord.put(records).go({ concurrency: 4 });
    const staff = { kind: "staff" as const, ...tenant.supervisor, tenantId: tenant.tenantId };
    const filters = { tab: "sales_calls" as const };

    const cut = await matchingRecords(stack.runtime.ports, staff, filters, 204);
    const whole = await matchingRecords(stack.runtime.ports, staff, filters, 205);

    expect(cut.cut).toBe(true);
    expect(cut.records.map(({ customerName }) => customerName)).toEqual(
      records.slice(0, 204).map(({ customerName }) => customerName),
    );
    expect(whole.cut).toBe(false);
    expect(new Set(whole.records.map(({ recordId }) => recordId)).size).toBe(205);
  });
});

describe("an export refused", () => {
  it.each([
    [{ tab: "calls", format: "xls" }, 400, "invalid_request"],
    [{ tab: "calls", format: "pdf", lang: "fr" }, 400, "invalid_request"],
    [{ tab: "calls", format: "pdf", tz: "Mars/Olympus" }, 400, "invalid_request"],
    [{ tab: "calls", format: "pdf", status: "confirmed" }, 400, "invalid_status"],
    [{ tab: "calls", format: "tsv", from: "2026-11-20", to: "2026-11-01" }, 400, "invalid_date_range"],
    [{ tab: "calls", format: "tsv", from: "1999-12-31" }, 400, "invalid_date_range"],
  ])("answers %j with %i %s, as the list does", async (query, status, code) => {
    const { status: got, headers, bytes } = await exported(tenant.agents[0]!.token, query);

    expect(got).toBe(status);
    expect(headers.get("content-type")).toMatch(/^application\/json/);
    expect(JSON.parse(new TextDecoder().decode(bytes)).error.code).toBe(code);
  });

  it("gives the same error as the list for reversed dates", async () => {
    const dates = { tab: "calls", from: "2026-11-20", to: "2026-11-01" };
    const list = await api(stack.url, `/api/care/records?${new URLSearchParams(dates)}`, {
      token: tenant.agents[0]!.token,
    });

    const { bytes } = await exported(tenant.agents[0]!.token, { ...dates, format: "pdf" });

    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual(list.body);
  });

  it("needs a staff token", async () => {
    const response = await fetch(`${stack.url}/api/care/records/export?tab=calls&format=tsv`);

    expect(response.status).toBe(401);
  });

  it("shows another tenant none of these rows", async () => {
    const tsv = await exported(other.supervisor.token, { tab: "calls", format: "tsv", status: "all" });
    const pdf = await printed(
      (await exported(other.supervisor.token, { tab: "calls", format: "pdf", status: "all" })).bytes,
    );

    expect(new TextDecoder().decode(tsv.bytes)).toBe("ID\tMotivo\tCiudad\tEstado\tCliente\tFecha\r\n");
    expect(pdf).toContain("Sin registros");
    for (const name of ["José Núñez", "María Peña", "Tomás Ibáñez", "Ángel Ruiz"])
      expect(pdf).not.toContain(name);
  });
});
