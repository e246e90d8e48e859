import { describe, expect, it } from "vitest";
import { DEFAULT_LANG, pickLanguage } from "../../../../web/customer/src/i18n.js";

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
