import { describe, expect, it } from "vitest";
import { SubmitQueryInput } from "../../../../shared/query/query-info.js";
import {
  emptyForm,
  problemsFromServer,
  type QueryForm,
  toSubmitInput,
  validateQueryForm,
} from "../../../../web/portal/src/data/query-form.js";
import { MESSAGES } from "../../../../web/portal/src/i18n.js";

const filled = (overrides: Partial<QueryForm> = {}): QueryForm => ({
  ...emptyForm(),
  subject: "Sin señal",
  message: "Desde ayer no tengo señal en casa.",
  name: "Ana Pérez",
  documentNumber: "30.123.456",
  phone: "+54 351 555 0101",
  ...overrides,
});

describe("the portal's query form", () => {
  it("finds nothing wrong with a complete form, and sends what the server's schema accepts", () => {
    const form = filled({ email: "  ", city: " Córdoba " });

    expect(validateQueryForm(form)).toEqual({});
    const input = toSubmitInput(form, "req-12345678");
    expect(input).toEqual({
      clientRequestId: "req-12345678",
      kind: "consulta",
      subject: "Sin señal",
      message: "Desde ayer no tengo señal en casa.",
      name: "Ana Pérez",
      documentNumber: "30.123.456",
      phone: "+54 351 555 0101",
      city: "Córdoba",
    });
    expect(SubmitQueryInput.safeParse(JSON.parse(JSON.stringify(input))).success).toBe(true);
  });

  it("names each field to fix, as the server would refuse it", () => {
    const form = filled({
      subject: "a".repeat(121),
      message: "   ",
      documentNumber: "30/123",
      phone: "",
      email: "",
      preferredContact: "email",
    });

    const problems = validateQueryForm(form);

    expect(problems).toEqual({
      subject: { key: "tooLong", params: { n: 120 } },
      message: { key: "required" },
      documentNumber: { key: "badDocument" },
      phone: { key: "contactRequired" },
      preferredContact: { key: "preferredMissing" },
    });
    expect(SubmitQueryInput.safeParse(toSubmitInput(form, "req-12345678")).success).toBe(false);
  });

  it("ties the server's refusals to the fields it names, and ignores paths it does not know", () => {
    expect(
      problemsFromServer({ issues: [{ path: "email" }, { path: "constructor" }, { path: "subject" }] }),
    ).toEqual({ email: { key: "invalid" }, subject: { key: "invalid" } });
    expect(problemsFromServer(undefined)).toEqual({});
  });

  it("has every text in Spanish and English", () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.es).sort());
  });
});
