import { describe, expect, it } from "vitest";
import { preview } from "../../../../shared/conversation/info.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("an inbox row's preview of a message", () => {
  it("shows a short text whole, on one line", () => {
    expect(preview("  Hola,\n\n¿me   ayudan?  ", [])).toBe("Hola, ¿me ayudan?");
  });

  it("keeps a text of exactly 140 characters whole", () => {
    const text = `${"palabra ".repeat(17)}abcd`;
    expect(text).toHaveLength(140);

    expect(preview(text, [])).toBe(text);
  });

  it("cuts a longer text at 140 characters on a word boundary, with an ellipsis", () => {
    const text =
      "Quisiera saber por qué me cobraron dos veces la cuota de mantenimiento de la tarjeta este mes, ya que la pagué a tiempo y tengo el comprobante del banco";
    expect(text.length).toBeGreaterThan(140);

    const shown = preview(text, []);

    expect(shown.length).toBeLessThanOrEqual(140);
    expect(shown.endsWith("…")).toBe(true);
    const kept = shown.slice(0, -1);
    expect(text.startsWith(kept)).toBe(true);
    expect(text[kept.length]).toBe(" ");
    expect(kept.endsWith(" ")).toBe(false);
  });

  it("cuts a single word longer than the row at 140 characters", () => {
    const shown = preview("a".repeat(300), []);

    expect(shown).toBe(`${"a".repeat(139)}…`);
  });

  it("never splits an emoji in two when it cuts", () => {
    const shown = preview("😀".repeat(200), []);

    expect(shown.endsWith("…")).toBe(true);
    expect(LONE_SURROGATE.test(shown)).toBe(false);
  });

  it("names the attachments when the message has no text", () => {
    expect(preview("", ["foto-tarjeta.jpg", "recibo.pdf"])).toBe("📎 foto-tarjeta.jpg, 📎 recibo.pdf");
  });

  it("prefers the text to the attachments' names", () => {
    expect(preview("Le envío el recibo", ["recibo.pdf"])).toBe("Le envío el recibo");
  });
});
