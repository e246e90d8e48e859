import { describe, expect, it } from "vitest";
import {
  findTemplate,
  previewTemplate,
  renderTemplate,
  templateKey,
  templateParameters,
  templateValues,
} from "../../../../web/console/src/data/templates";

const BODY = "Hola {{1}}, su cita del {{2}} está confirmada. Gracias, {{1}}.";

describe("WhatsApp templates", () => {
  it("finds each parameter once, in order", () => {
    expect(templateParameters(BODY)).toEqual([1, 2]);
    expect(templateParameters("Sin parámetros")).toEqual([]);
  });

  it("fills the preview as the agent types, and leaves what is missing visible", () => {
    expect(renderTemplate(BODY, ["Lucía", "lunes"])).toBe(
      "Hola Lucía, su cita del lunes está confirmada. Gracias, Lucía.",
    );
    expect(renderTemplate(BODY, ["Lucía"])).toBe(
      "Hola Lucía, su cita del {{2}} está confirmada. Gracias, Lucía.",
    );
  });

  it("splits the preview into the body's words and the parameters, to mark them", () => {
    expect(previewTemplate("Hola {{1}}!", ["  Ana "])).toEqual([
      { text: "Hola " },
      { parameter: 1, value: "Ana" },
      { text: "!" },
    ]);
  });

  it("gives the parameters to send only once every one is filled", () => {
    expect(templateValues(BODY, ["Lucía", " "])).toBeUndefined();
    expect(templateValues(BODY, [" Lucía ", "lunes", "sobra"])).toEqual(["Lucía", "lunes"]);
    expect(templateValues("Sin parámetros", [])).toEqual([]);
  });

  it("tells apart the same template in two languages", () => {
    const templates = [
      { name: "cita", language: "es", category: "UTILITY" as const, body: "Hola {{1}}" },
      { name: "cita", language: "en", category: "UTILITY" as const, body: "Hi {{1}}" },
    ];
    expect(findTemplate(templates, templateKey({ name: "cita", language: "en" }))?.body).toBe("Hi {{1}}");
    expect(findTemplate(templates, "otra:es")).toBeUndefined();
  });
});
