import { describe, expect, it } from "vitest";
import {
  type ComposeState,
  composeMessage,
  emailInput,
  parseAddresses,
  replySubject,
} from "../../../../web/console/src/data/outgoing";

const state = (overrides: Partial<ComposeState>): ComposeState => ({
  channel: "whatsapp",
  text: "",
  attachments: [],
  extras: { kind: "none" },
  ...overrides,
});
const FILE = { attachmentId: "att_1", name: "ticket.pdf" };

describe("composeMessage", () => {
  it("sends a list as one section, rows numbered, descriptions only when given", () => {
    const result = composeMessage(
      state({
        text: "¿Qué horario prefieres?",
        extras: {
          kind: "list",
          buttonLabel: " Ver horarios ",
          rows: [
            { title: "Mañana", description: "9 a 13 h" },
            { title: "Tarde", description: " " },
          ],
        },
      }),
      "client-1",
    );
    expect(result).toEqual({
      message: {
        clientMessageId: "client-1",
        text: "¿Qué horario prefieres?",
        attachments: [],
        content: {
          kind: "list",
          buttonLabel: "Ver horarios",
          sections: [
            {
              rows: [
                { id: "row_1", title: "Mañana", description: "9 a 13 h" },
                { id: "row_2", title: "Tarde" },
              ],
            },
          ],
        },
      },
    });
  });

  it("asks for words above buttons, and for no file with them", () => {
    const buttons = { kind: "buttons" as const, buttons: ["Sí", "No"] };
    expect(composeMessage(state({ extras: buttons }), "c")).toEqual({ problem: "needs_text" });
    expect(composeMessage(state({ extras: buttons, text: "¿Vienes?", attachments: [FILE] }), "c")).toEqual({
      problem: "no_files_with_extras",
    });
  });

  it("ignores extras on channels that cannot show them", () => {
    const result = composeMessage(
      state({ channel: "web", text: "Hola", extras: { kind: "buttons", buttons: ["Sí"] } }),
      "c",
    );
    expect(result).toEqual({ message: { clientMessageId: "c", text: "Hola", attachments: [] } });
  });

  it("sends an e-mail with its header, and refuses one without recipient or subject", () => {
    const email = { to: "lucia@example.com", cc: "", subject: "Re: Cargo" };
    expect(composeMessage(state({ channel: "email", text: "Hola", email }), "c")).toMatchObject({
      message: { email: { to: ["lucia@example.com"], cc: [], subject: "Re: Cargo" } },
    });
    expect(
      composeMessage(state({ channel: "email", text: "Hola", email: { ...email, to: "" } }), "c"),
    ).toEqual({
      problem: "email_to_missing",
    });
    expect(
      composeMessage(state({ channel: "email", text: "Hola", email: { ...email, subject: " " } }), "c"),
    ).toEqual({ problem: "email_subject_missing" });
  });

  it("carries the message it answers", () => {
    expect(composeMessage(state({ text: "Sí", replyToSeq: 3 }), "c")).toMatchObject({
      message: { replyToSeq: 3 },
    });
  });
});

describe("e-mail fields", () => {
  it("reads addresses separated by commas, semicolons or spaces, once each, and names the bad ones", () => {
    expect(parseAddresses("Ana@Example.com, jefe@example.com;ana@example.com  nadie")).toEqual({
      addresses: ["ana@example.com", "jefe@example.com"],
      invalid: ["nadie"],
    });
    expect(emailInput({ to: "a@b.co", cc: "x@", subject: "Hola" })).toEqual({
      problem: "email_invalid",
      addresses: ["x@"],
    });
  });

  it("leaves out of CC whoever is already in To", () => {
    expect(emailInput({ to: "a@b.co", cc: "a@b.co, c@d.co", subject: "Hola" })).toEqual({
      email: { to: ["a@b.co"], cc: ["c@d.co"], subject: "Hola" },
    });
  });

  it("puts Re: in front of a subject once", () => {
    expect(replySubject("Cargo doble")).toBe("Re: Cargo doble");
    expect(replySubject("RE: Cargo doble")).toBe("RE: Cargo doble");
  });
});
