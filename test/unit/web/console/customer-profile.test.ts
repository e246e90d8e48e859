import { describe, expect, it } from "vitest";
import { profileChanges } from "../../../../web/console/src/data/customer-profile";

describe("profileChanges", () => {
  it("sends only the fields the agent changed, trimmed", () => {
    const profile = { customerId: "cus_1", name: "Lucía Pérez", phone: "+525512345678" };
    expect(
      profileChanges(profile, {
        name: "Lucía Pérez",
        phone: "+525512345678",
        email: " lucia@example.com ",
        documentNumber: "",
      }),
    ).toEqual({ email: "lucia@example.com" });
  });

  it("never sends an emptied field: the API records, it does not erase", () => {
    expect(
      profileChanges(
        { customerId: "cus_1", name: "Lucía" },
        { name: "", phone: "", email: "", documentNumber: "" },
      ),
    ).toEqual({});
  });
});
