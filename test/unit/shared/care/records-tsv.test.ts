import { describe, expect, it } from "vitest";
import type { CareRecordInfo } from "../../../../shared/care/record.js";
import { recordsTable } from "../../../../shared/care/records-table.js";
import { recordsTsv, tsvCell } from "../../../../shared/care/records-tsv.js";

const call = (fields: Partial<CareRecordInfo>): CareRecordInfo => ({
  recordId: "call_1",
  tab: "calls",
  status: "open",
  createdAt: "2026-11-24T20:05:00.000Z",
  updatedAt: "2026-11-24T20:05:00.000Z",
  ...fields,
});

/** The rows and cells a spreadsheet makes of pasted text. */
const cellsOf = (tsv: string) =>
  tsv
    .split("\r\n")
    .slice(0, -1)
    .map((line) => line.split("\t"));

describe("Copy as tab-separated text", () => {
  it("starts with the header row and ends every row in CRLF, one cell per column", () => {
    // Prepare
    const table = recordsTable(
      "calls",
      [call({ recordId: "call_1", motivo: "Soporte técnico", city: "Córdoba", customerName: "José Núñez" })],
      {},
    );

    // Act
    const tsv = recordsTsv(table);

    // Assess
    expect(tsv).toBe(
      "ID\tMotivo\tCiudad\tEstado\tCliente\tFecha\r\n" +
        "call_1\tSoporte técnico\tCórdoba\tABIERTA\tJosé Núñez\t2026-11-24 14:05\r\n",
    );
  });

  it("keeps a value with tabs or line breaks inside its own cell and row", () => {
    const table = recordsTable(
      "calls",
      [call({ motivo: "no tengo\tseñal\r\ndesde ayer\n", city: "San\u2028Luis", customerName: "Ana" })],
      {},
    );

    const rows = cellsOf(recordsTsv(table));

    expect(rows).toHaveLength(2);
    expect(rows.every((cells) => cells.length === 6)).toBe(true);
    expect(rows[1]!.slice(1, 3)).toEqual(["no tengo señal desde ayer", "San Luis"]);
  });

  it.each([
    ['=HYPERLINK("http://x","clic")', '\'=HYPERLINK("http://x","clic")'],
    ["+54 11 5555", "'+54 11 5555"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["  =1+1", "'=1+1"],
    ["\t=1+1", "'=1+1"],
    ["＝1+1", "'＝1+1"],
  ])("makes %j text, never a formula", (value, cell) => {
    expect(tsvCell(value)).toBe(cell);
  });

  it("leaves ordinary values, accents and signs as they are", () => {
    expect(tsvCell("¿Dónde está mi técnico? ¡Urgente! Año 2026, 50% — Peña")).toBe(
      "¿Dónde está mi técnico? ¡Urgente! Año 2026, 50% — Peña",
    );
    expect(tsvCell("a = b")).toBe("a = b");
    expect(tsvCell("")).toBe("");
  });

  it("quotes a value that starts with a quote, so the paste does not run on into the next cells", () => {
    expect(tsvCell('"VIP" cliente')).toBe('"""VIP"" cliente"');
    expect(tsvCell('dice "hola"')).toBe('dice "hola"');
  });

  it("writes the header in English when asked", () => {
    const tsv = recordsTsv(recordsTable("queries", [], { lang: "en" }));

    expect(tsv).toBe("ID\tCustomer\tDocument\tSubject\tStatus\tDate\r\n");
  });
});
