import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { printRecords, winAnsiText } from "../../../../shared/care/print-records.js";
import type { CareRecordInfo } from "../../../../shared/care/record.js";
import { recordsTable } from "../../../../shared/care/records-table.js";

const dir = mkdtempSync(join(tmpdir(), "atiende-print-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text of each page, as poppler's pdftotext lays it out. */
async function pagesOf(pdf: Uint8Array) {
  const file = join(dir, `${crypto.randomUUID()}.pdf`);
  writeFileSync(file, pdf);
  const { stdout } = await promisify(execFile)("pdftotext", ["-layout", file, "-"]);
  return stdout.split("\f").filter((page) => page.trim());
}

const call = (i: number, fields: Partial<CareRecordInfo> = {}): CareRecordInfo => ({
  recordId: `call_${String(i).padStart(3, "0")}`,
  tab: "calls",
  status: "open",
  createdAt: new Date(Date.UTC(2026, 10, 24, 15, 0) - i * 60_000).toISOString(),
  updatedAt: "2026-11-24T15:00:00.000Z",
  customerName: `Cliente ${i}`,
  motivo: "Soporte técnico",
  city: "Querétaro",
  ...fields,
});

describe("Print", () => {
  it("repeats the header row on every page and numbers the pages", async () => {
    const table = recordsTable(
      "calls",
      Array.from({ length: 120 }, (_, i) => call(i)),
      {},
    );

    const pages = await pagesOf(
      await printRecords({
        title: "Atención al cliente — Llamadas",
        lines: ["Estado: ABIERTA"],
        table,
        lang: "es",
      }),
    );

    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0]).toContain("Atención al cliente — Llamadas");
    pages.forEach((page, i) => {
      expect(page).toMatch(/ID\s+Motivo\s+Ciudad\s+Estado\s+Cliente\s+Fecha/);
      expect(page).toContain(`Página ${i + 1} de ${pages.length}`);
    });
    const text = pages.join("\n");
    for (let i = 0; i < 120; i++) expect(text).toContain(`call_${String(i).padStart(3, "0")}`);
  });

  it("draws Spanish letters and signs, and never fails on a character its fonts lack", async () => {
    const table = recordsTable(
      "calls",
      [
        call(1, { customerName: "Ñandú Güemes", motivo: "¿Por qué no funciona? ¡Ayuda! — “urgente”" }),
        call(2, { customerName: "Đorđe 王 🙂", city: "Ploieşti" }),
      ],
      {},
    );

    const [page] = await pagesOf(
      await printRecords({ title: "Atención al cliente — Llamadas", lines: [], table, lang: "es" }),
    );

    expect(page).toContain("Ñandú Güemes");
    expect(page).toContain("¿Por qué no funciona? ¡Ayuda! — “urgente”");
    expect(page).toContain("Querétaro");
    expect(page).toContain("Ploiesti");
    expect(page).toContain("?or?e ? ?");
  });

  it("prints an empty tab as its header and a line saying so", async () => {
    const [page] = await pagesOf(
      await printRecords({
        title: "Customer care — Queries",
        lines: [],
        table: recordsTable("queries", [], { lang: "en" }),
        lang: "en",
      }),
    );

    expect(page).toMatch(/ID\s+Customer\s+Document\s+Subject\s+Status\s+Date/);
    expect(page).toContain("No records");
    expect(page).toContain("Page 1 of 1");
  });
});

describe("text for the standard fonts", () => {
  it("keeps WinAnsi, drops accents it lacks, and replaces the rest", () => {
    expect(winAnsiText("áéíóú ÁÉÍÓÚ ñÑ üÜ ¿? ¡! € “” – —")).toBe("áéíóú ÁÉÍÓÚ ñÑ üÜ ¿? ¡! € “” – —");
    // Decomposed accents (as some keyboards and imports send them) come back whole.
    expect(winAnsiText("Jose\u0301")).toBe("José");
    expect(winAnsiText("Ştefan Dvořák")).toBe("Stefan Dvorák");
    expect(winAnsiText("日本 🙂")).toBe("?? ?");
    expect(winAnsiText("a\tb\nc")).toBe("a b c");
  });
});
