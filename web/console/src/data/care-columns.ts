import type { MessageKey, Params } from "../i18n";
import type { CareRecordInfo, CareTab } from "./console-types";

export type CareColumn =
  | "id"
  | "motivo"
  | "city"
  | "status"
  | "customer"
  | "document"
  | "origin"
  | "subject"
  | "assignee"
  | "type"
  | "date";

/** The columns of each tab, as seed 002 lists them; the server's Copy and Print follow the same order. */
export const CARE_COLUMNS: Record<CareTab, readonly CareColumn[]> = {
  sales_calls: ["id", "motivo", "city", "status", "customer", "date"],
  calls: ["id", "motivo", "city", "status", "customer", "date"],
  chats: ["id", "origin", "customer", "document", "subject", "status", "assignee", "date"],
  queries: ["id", "customer", "document", "subject", "status", "date"],
  services: ["id", "type", "origin", "customer", "document", "status", "date"],
};

type Translate = (key: MessageKey, params?: Params) => string;

/** A long id is told apart by its end: a contact id or a ULID differs there, and it fits a column. */
export const shortId = (id: string) => (id.length > 10 ? id.slice(-8).toUpperCase() : id);

/** A service waiting for the central office is PENDIENTE; every other record open is ABIERTA. */
export const statusLabel = (record: Pick<CareRecordInfo, "tab" | "status">, t: Translate) =>
  t(
    record.tab === "services" && record.status === "open"
      ? "care.state.pending"
      : `care.state.${record.status}`,
  );

const known = (key: string): key is MessageKey => /^care\.(origin|service|tab)\./.test(key);

function originLabel(record: CareRecordInfo, t: Translate) {
  if (record.tab === "services" && record.sourceTab) {
    const key = `care.tab.${record.sourceTab}`;
    return known(key) ? t(key) : record.sourceTab;
  }
  const key = `care.origin.${record.origin ?? ""}`;
  return known(key) ? t(key) : (record.origin ?? "");
}

export function cellText(record: CareRecordInfo, column: CareColumn, t: Translate, lang: string): string {
  switch (column) {
    case "id":
      return shortId(record.recordId);
    case "motivo":
      return record.motivo ?? "";
    case "city":
      return record.city ?? "";
    case "status":
      return statusLabel(record, t);
    case "customer":
      return record.customerName ?? t("care.unknownCustomer");
    case "document":
      return record.documentNumber ?? "";
    case "origin":
      return originLabel(record, t);
    case "subject":
      return record.subject ?? record.motivo ?? "";
    case "assignee":
      return record.assigneeName ?? "";
    case "type": {
      const key = `care.service.${String(record.detail?.type ?? "technical_service")}`;
      return known(key) ? t(key) : "";
    }
    case "date":
      return new Intl.DateTimeFormat(lang, { dateStyle: "short", timeStyle: "short" }).format(
        new Date(record.createdAt),
      );
  }
}
