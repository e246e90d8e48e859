import { describe, expect, it } from "vitest";
import type { CareRecordInfo } from "../../../../shared/care/record.js";
import { recordsTable, TableOptions } from "../../../../shared/care/records-table.js";

const record = (fields: Partial<CareRecordInfo> & Pick<CareRecordInfo, "tab">): CareRecordInfo => ({
  recordId: "rec_1",
  status: "open",
  createdAt: "2026-11-24T03:30:00.000Z",
  updatedAt: "2026-11-24T03:30:00.000Z",
  ...fields,
});

const headers = (table: ReturnType<typeof recordsTable>) => table.columns.map(({ header }) => header);

describe("the table of a tab", () => {
  it("has each tab's columns in the console's order, in Spanish by default", () => {
    expect(headers(recordsTable("calls", [], {}))).toEqual([
      "ID",
      "Motivo",
      "Ciudad",
      "Estado",
      "Cliente",
      "Fecha",
    ]);
    expect(headers(recordsTable("sales_calls", [], {}))).toEqual([
      "ID",
      "Motivo",
      "Ciudad",
      "Estado",
      "Cliente",
      "Fecha",
    ]);
    expect(headers(recordsTable("chats", [], {}))).toEqual([
      "ID",
      "Origen",
      "Cliente",
      "Documento",
      "Asunto",
      "Estado",
      "Atendido por",
      "Fecha",
    ]);
    expect(headers(recordsTable("queries", [], {}))).toEqual([
      "ID",
      "Cliente",
      "Documento",
      "Asunto",
      "Estado",
      "Fecha",
    ]);
    expect(headers(recordsTable("services", [], {}))).toEqual([
      "ID",
      "Tipo",
      "Origen",
      "Cliente",
      "Documento",
      "Estado",
      "Fecha",
    ]);
  });

  it("names the statuses as the seed does, and a service waiting for the central office PENDIENTE", () => {
    const calls = recordsTable(
      "calls",
      (["open", "closed", "service_generated"] as const).map((status) => record({ tab: "calls", status })),
      {},
    );
    const services = recordsTable(
      "services",
      (["open", "confirmed", "rejected", "cancelled"] as const).map((status) =>
        record({ tab: "services", status }),
      ),
      {},
    );

    expect(calls.rows.map((row) => row[3])).toEqual(["ABIERTA", "CERRADA", "GENERÓ SERVICIO TÉCNICO"]);
    expect(services.rows.map((row) => row[5])).toEqual(["PENDIENTE", "CONFIRMADO", "RECHAZADO", "CANCELADO"]);
  });

  it("shows a chat's origin, who handles it and its document", () => {
    const table = recordsTable(
      "chats",
      [
        record({
          tab: "chats",
          recordId: "cnv_9",
          origin: "whatsapp",
          customerName: "Lucía Peña",
          documentNumber: "20.123.456-7",
          subject: "Sin internet",
          assigneeName: "Agente 1",
        }),
        record({
          tab: "chats",
          recordId: "cnv_01JDQ3W8ZK4N7M2P5R9T1VXYAB",
          origin: "web",
          motivo: "Facturación",
        }),
      ],
      {},
    );

    expect(table.rows[0]).toEqual([
      "cnv_9",
      "WhatsApp",
      "Lucía Peña",
      "20.123.456-7",
      "Sin internet",
      "ABIERTA",
      "Agente 1",
      "2026-11-23 21:30",
    ]);
    // As the console shows them: an id by its end, a chat without subject by its reason, nobody's name.
    expect(table.rows[1]!.slice(0, 5)).toEqual(["9T1VXYAB", "Web", "No identificado", "", "Facturación"]);
  });

  it("shows a service's type and the tab it came from", () => {
    const table = recordsTable(
      "services",
      [
        record({ tab: "services", sourceTab: "calls", detail: { type: "technical_service" } }),
        record({ tab: "services", sourceTab: "queries", detail: { type: "new_connection" } }),
        record({ tab: "services", sourceTab: "chats" }),
      ],
      {},
    );

    expect(table.rows.map((row) => row.slice(1, 3))).toEqual([
      ["Servicio técnico", "Llamadas"],
      ["Nueva conexión", "Consultas"],
      ["Servicio técnico", "Chats"],
    ]);
  });

  it("reads in English with dates in the time zone asked for", () => {
    const table = recordsTable(
      "services",
      [record({ tab: "services", status: "open", sourceTab: "chats", detail: { type: "new_connection" } })],
      { lang: "en", tz: "Europe/Madrid" },
    );

    expect(headers(table)).toEqual(["ID", "Type", "Origin", "Customer", "Document", "Status", "Date"]);
    expect(table.rows[0]).toEqual([
      "rec_1",
      "New connection",
      "Chats",
      "Not identified",
      "",
      "PENDING",
      "2026-11-24 04:30",
    ]);
  });

  it("takes IANA time zones, their aliases and UTC, and refuses anything else", () => {
    expect(TableOptions.parse({})).toEqual({ lang: "es", tz: "America/Mexico_City" });
    expect(TableOptions.safeParse({ tz: "America/Argentina/Cordoba" }).success).toBe(true);
    expect(TableOptions.safeParse({ tz: "Asia/Kolkata" }).success).toBe(true);
    expect(TableOptions.safeParse({ tz: "UTC" }).success).toBe(true);
    expect(TableOptions.safeParse({ tz: "Mars/Olympus" }).success).toBe(false);
    expect(TableOptions.safeParse({ tz: "+05:00" }).success).toBe(false);
    expect(TableOptions.safeParse({ lang: "fr" }).success).toBe(false);
  });
});
