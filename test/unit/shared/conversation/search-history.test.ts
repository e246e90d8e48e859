import { describe, expect, it } from "vitest";
import { SearchQuery, searchCustomerHistory } from "../../../../shared/conversation/search-history.js";
import type { CustomerIdentity } from "../../../../shared/identity/index.js";
import type { Ports } from "../../../../shared/ports.js";

const customer: CustomerIdentity = { kind: "customer", tenantId: "t-1", customerId: "cus_1" };

/** A customer's messages as the table returns them, newest first. */
function history(texts: (string | { text: string; attachments: string[] })[]) {
  const messages = texts.map((entry, i) => {
    const { text, attachments } = typeof entry === "string" ? { text: entry, attachments: [] } : entry;
    return {
      tenantId: "t-1",
      conversationId: "cnv_1",
      customerId: "cus_1",
      seq: texts.length - i,
      messageId: `msg_${i}`,
      clientMessageId: `client-${i}`,
      author: "customer" as const,
      authorId: "cus_1",
      text,
      attachments: attachments.map((name, n) => ({
        attachmentId: `att_${n}`,
        key: `k/${n}`,
        name,
        contentType: "application/pdf",
        size: 1,
      })),
      createdAt: new Date(Date.UTC(2026, 0, 1) - i * 1000).toISOString(),
    };
  });
  return {
    db: { message: { query: { byCustomer: () => ({ go: async () => ({ data: messages }) }) } } },
  } as unknown as Pick<Ports, "db">;
}

async function search(ports: Pick<Ports, "db">, q: string) {
  const results = await searchCustomerHistory(ports, customer, "cus_1", { q });
  return results.map((r) => r.text);
}

describe("searching a customer's history", () => {
  it("finds words whatever their accents or capitals", async () => {
    const ports = history(["Perdí la TARJETA de crédito", "Quiero cambiar mi dirección", "Árbol"]);

    expect(await search(ports, "CREDITO tarjeta")).toEqual(["Perdí la TARJETA de crédito"]);
    expect(await search(ports, "direccion")).toEqual(["Quiero cambiar mi dirección"]);
    expect(await search(ports, "árbol")).toEqual(["Árbol"]);
  });

  it("finds only messages that contain every word searched", async () => {
    const ports = history(["tarjeta perdida", "tarjeta nueva", "cuenta perdida"]);

    expect(await search(ports, "perdida   tarjeta")).toEqual(["tarjeta perdida"]);
  });

  it("takes regex and query-operator characters as plain text", async () => {
    const ports = history([
      "nada que ver",
      "el código es a.*b",
      'filtro {"$where": "1"}',
      "abre (paréntesis",
    ]);

    expect(await search(ports, ".*")).toEqual(["el código es a.*b"]);
    expect(await search(ports, "$where")).toEqual(['filtro {"$where": "1"}']);
    expect(await search(ports, "(")).toEqual(["abre (paréntesis"]);
    expect(await search(ports, "[a-z]+")).toEqual([]);
  });

  it("finds messages by the names of their attachments", async () => {
    const ports = history(["hola", { text: "le envío esto", attachments: ["Recibo-Enero.pdf"] }]);

    const [found, ...rest] = await searchCustomerHistory(ports, customer, "cus_1", { q: "recibo enero" });

    expect(rest).toEqual([]);
    expect(found).toMatchObject({ text: "le envío esto", attachmentNames: ["Recibo-Enero.pdf"] });
  });

  it("answers the 100 newest matches at most, newest first", async () => {
    const ports = history(Array.from({ length: 150 }, (_, i) => `pago ${i}`));

    const found = await search(ports, "pago");

    expect(found).toHaveLength(100);
    expect(found.slice(0, 2)).toEqual(["pago 0", "pago 1"]);
  });

  it("refuses an empty query and one over 200 characters", () => {
    expect(SearchQuery.safeParse({ q: "   " }).success).toBe(false);
    expect(SearchQuery.safeParse({ q: "a".repeat(201) }).success).toBe(false);
    expect(SearchQuery.safeParse({ q: "a".repeat(200) }).success).toBe(true);
  });
});
