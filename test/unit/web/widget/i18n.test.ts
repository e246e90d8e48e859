import { describe, expect, it } from "vitest";
import { DEFAULT_LANG, LANGS, MESSAGES, pickLanguage, translate } from "../../../../web/widget/src/i18n.js";

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

describe("choosing the language", () => {
  it("is Spanish when nothing says otherwise", () => {
    expect(DEFAULT_LANG).toBe("es");
    expect(pickLanguage(null, null, [])).toBe("es");
    expect(pickLanguage(null, null, ["fr-FR", "de"])).toBe("es");
  });

  it("prefers the address, then the saved choice, then the browser", () => {
    expect(pickLanguage("en", "es", ["es-ES"])).toBe("en");
    expect(pickLanguage("xx", "en", ["es-ES"])).toBe("en");
    expect(pickLanguage(null, null, ["fr", "en-GB", "es"])).toBe("en");
    expect(pickLanguage(null, null, ["es-MX"])).toBe("es");
  });
});
