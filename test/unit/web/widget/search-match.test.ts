import { describe, expect, it } from "vitest";
import { highlight, snippet } from "../../../../web/widget/src/data/search-match.js";

const marked = (pieces: { text: string; match: boolean }[]) =>
  pieces.filter((p) => p.match).map((p) => p.text);

describe("marking the searched words in a result", () => {
  it("matches without accents or case, as the server does", () => {
    expect(marked(highlight("¿Qué hago con la Tarjeta de crédito?", "tarjeta credito"))).toEqual([
      "Tarjeta",
      "crédito",
    ]);
  });

  it("keeps the whole text, in order", () => {
    const text = "Cajeros sin comisión en el aeropuerto";
    expect(
      highlight(text, "comision")
        .map((p) => p.text)
        .join(""),
    ).toBe(text);
  });

  it("marks every occurrence", () => {
    expect(marked(highlight("viaje, viaje y VIAJE", "viaje"))).toEqual(["viaje", "viaje", "VIAJE"]);
  });

  it("leaves text without matches unmarked", () => {
    expect(highlight("hola", "adiós")).toEqual([{ text: "hola", match: false }]);
  });
});

describe("cutting a long result around its first match", () => {
  it("shows the match with an ellipsis on the cut sides", () => {
    const text = `${"a".repeat(200)} tarjeta ${"b".repeat(200)}`;
    const pieces = snippet(highlight(text, "tarjeta"), 20);
    expect(marked(pieces)).toEqual(["tarjeta"]);
    expect(pieces[0]?.text).toBe("…");
    expect(pieces.at(-1)?.text).toBe("…");
    expect(pieces.map((p) => p.text).join("").length).toBeLessThanOrEqual(42);
  });

  it("leaves short texts whole", () => {
    const pieces = highlight("corto", "corto");
    expect(snippet(pieces)).toBe(pieces);
  });
});
