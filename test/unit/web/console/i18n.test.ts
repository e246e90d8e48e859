import { describe, expect, it } from "vitest";
import { AuditAction } from "../../../../shared/case-audit/audit-trail.js";
import { catalog, translate } from "../../../../web/console/src/i18n";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the message catalog", () => {
  it("names the same keys in Spanish and English", () => {
    expect(Object.keys(catalog.en).sort()).toEqual(Object.keys(catalog.es).sort());
  });

  it("uses the same placeholders in both languages", () => {
    for (const key of Object.keys(catalog.es) as (keyof typeof catalog.es)[]) {
      expect(placeholders(catalog.en[key]), key).toEqual(placeholders(catalog.es[key]));
    }
  });

  it("says every line of a case's audit trail in words", () => {
    const missing = AuditAction.options.filter((action) => !(`audit.${action}` in catalog.es));
    expect(missing).toEqual([]);
  });

  it("has no empty text", () => {
    for (const texts of Object.values(catalog)) {
      for (const [key, text] of Object.entries(texts)) expect(text.trim(), key).not.toBe("");
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translate("es", "errors.conversation_taken", { name: "Ana Agente" })).toBe(
      "Ana Agente ya tiene esta conversación.",
    );
    expect(translate("en", "errors.conversation_taken", { name: "Ana Agente" })).toBe(
      "Ana Agente already has this conversation.",
    );
    expect(translate("es", "errors.conversation_taken")).toBe("{name} ya tiene esta conversación.");
  });
});
