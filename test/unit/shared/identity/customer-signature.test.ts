import { describe, expect, it } from "vitest";
import { isValidCustomerSignature, signCustomerId } from "../../../../shared/identity/customer-signature.js";

const SECRET = "host-site-identity-secret";

describe("a host site's signature of its customer's id", () => {
  it("is valid for the id it signs with the tenant's secret", () => {
    const signature = signCustomerId(SECRET, "cliente-42");

    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(isValidCustomerSignature(SECRET, "cliente-42", signature)).toBe(true);
  });

  it("is refused when made with another secret", () => {
    expect(
      isValidCustomerSignature(SECRET, "cliente-42", signCustomerId("another-secret", "cliente-42")),
    ).toBe(false);
  });

  it("does not let one customer's signature stand for another", () => {
    expect(isValidCustomerSignature(SECRET, "cliente-43", signCustomerId(SECRET, "cliente-42"))).toBe(false);
  });

  it("is refused, without throwing, when too short, too long, empty or not hex", () => {
    const signature = signCustomerId(SECRET, "cliente-42");

    for (const wrong of [signature.slice(0, -2), `${signature}00`, "", "z".repeat(64)]) {
      expect(isValidCustomerSignature(SECRET, "cliente-42", wrong), wrong).toBe(false);
    }
  });
});
