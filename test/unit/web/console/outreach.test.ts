import { describe, expect, it } from "vitest";
import { emailOutreach, whatsAppOutreach } from "../../../../web/console/src/data/outreach";

const TEMPLATE = {
  name: "seguimiento",
  language: "es",
  category: "UTILITY" as const,
  body: "Hola {{1}}, te escribimos por {{2}}.",
};

describe("whatsAppOutreach", () => {
  it("sends a template with its parameters to the number given", () => {
    const result = whatsAppOutreach(
      {
        phone: "+52 55 1234 5678",
        kind: "template",
        text: "",
        template: TEMPLATE,
        values: ["Lucía", "tu tarjeta"],
      },
      "client-1",
    );
    expect(result).toEqual({
      input: {
        channel: "whatsapp",
        to: "+52 55 1234 5678",
        message: {
          clientMessageId: "client-1",
          text: "",
          content: {
            kind: "template",
            name: "seguimiento",
            language: "es",
            parameters: ["Lucía", "tu tarjeta"],
          },
        },
      },
    });
  });

  it("leaves the number to the customer's profile when none is typed", () => {
    const result = whatsAppOutreach(
      { phone: " ", kind: "text", text: "Hola", template: undefined, values: [] },
      "c",
    );
    expect(result).toEqual({
      input: { channel: "whatsapp", message: { clientMessageId: "c", text: "Hola" } },
    });
  });

  it("says what is missing: a valid number, a template, its parameters, the text", () => {
    const base = { phone: "", kind: "template" as const, text: "", template: TEMPLATE, values: ["Lucía"] };
    expect(whatsAppOutreach({ ...base, phone: "12ab" }, "c")).toEqual({ problem: "phone_invalid" });
    expect(whatsAppOutreach({ ...base, template: undefined }, "c")).toEqual({ problem: "template_missing" });
    expect(whatsAppOutreach(base, "c")).toEqual({ problem: "template_incomplete" });
    expect(whatsAppOutreach({ ...base, kind: "text" }, "c")).toEqual({ problem: "needs_content" });
  });
});

describe("emailOutreach", () => {
  it("starts an e-mail with copies and attachments", () => {
    const result = emailOutreach(
      {
        fields: { to: "lucia@example.com", cc: "jefa@example.com", subject: "Lo acordado" },
        text: "Te confirmo lo que hablamos.",
        attachments: [{ attachmentId: "att_1", name: "acuerdo.pdf" }],
      },
      "c",
    );
    expect(result).toEqual({
      input: {
        channel: "email",
        message: {
          clientMessageId: "c",
          text: "Te confirmo lo que hablamos.",
          attachments: [{ attachmentId: "att_1", name: "acuerdo.pdf" }],
          email: { to: ["lucia@example.com"], cc: ["jefa@example.com"], subject: "Lo acordado" },
        },
      },
    });
  });

  it("refuses an empty e-mail", () => {
    const fields = { to: "lucia@example.com", cc: "", subject: "Hola" };
    expect(emailOutreach({ fields, text: " ", attachments: [] }, "c")).toEqual({ problem: "needs_content" });
  });
});
