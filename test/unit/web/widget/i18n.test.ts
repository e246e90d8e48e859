import { describe, expect, it } from "vitest";
import { LANGS } from "../../../../web/customer/src/i18n.js";
import { MESSAGES, translate } from "../../../../web/widget/src/i18n.js";

describe("widget message catalog", () => {
  it("names the same keys in every language", () => {
    const spanish = Object.keys(MESSAGES.es).sort();
    for (const lang of LANGS) expect(Object.keys(MESSAGES[lang]).sort()).toEqual(spanish);
  });

  it("uses the same placeholders for a key in every language", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, spanish] of Object.entries(MESSAGES.es)) {
      expect(placeholders(MESSAGES.en[key as keyof typeof MESSAGES.en]), key).toEqual(placeholders(spanish));
    }
  });

  it("has no empty text", () => {
    for (const lang of LANGS)
      for (const text of Object.values(MESSAGES[lang])) expect(text.trim()).not.toBe("");
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translate("es", "unread", { n: 3 })).toBe("3 sin leer");
    expect(translate("en", "statusAssigned", { name: "Laura" })).toBe("Laura is helping you");
    expect(translate("es", "statusAssigned")).toBe("Te atiende {name}");
  });
});
