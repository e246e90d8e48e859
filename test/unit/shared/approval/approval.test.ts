import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createHmacOneTimeCodes } from "../../../../shared/adapters/hmac-one-time-codes.js";
import { Amount, maskDestination, whatHashOf } from "../../../../shared/approval/approval.js";
import { toGraphMessage } from "../../../../shared/channels/whatsapp/graph-message.js";

const REFUND = { operation: "refund" as const, description: "Cargo duplicado NBA" };

describe("what an approval approves", () => {
  it("hashes the same operation the same, however its amount was written", () => {
    const a = whatHashOf({ ...REFUND, amount: { value: 59.9, currency: "EUR" } });
    expect(whatHashOf({ ...REFUND, amount: { value: 59.9, currency: "EUR" } })).toBe(a);
    expect(whatHashOf({ ...REFUND, amount: { value: 59.91, currency: "EUR" } })).not.toBe(a);
    expect(whatHashOf({ ...REFUND, amount: { value: 59.9, currency: "USD" } })).not.toBe(a);
    expect(
      whatHashOf({ ...REFUND, description: "Otra cosa", amount: { value: 59.9, currency: "EUR" } }),
    ).not.toBe(a);
    expect(whatHashOf(REFUND)).not.toBe(a);
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("takes amounts to the cent in a real ISO 4217 currency only", () => {
    expect(Amount.safeParse({ value: 59.9, currency: "EUR" }).success).toBe(true);
    expect(Amount.safeParse({ value: 59.999, currency: "EUR" }).success).toBe(false);
    expect(Amount.safeParse({ value: -1, currency: "EUR" }).success).toBe(false);
    expect(Amount.safeParse({ value: 10, currency: "EUX" }).success).toBe(false);
    expect(Amount.safeParse({ value: 10, currency: "eur" }).success).toBe(false);
  });
});

describe("a one-time code as stored", () => {
  const codes = createHmacOneTimeCodes(new TextEncoder().encode("s".repeat(32)));

  it("depends on the secret and the salt, and never shows the digits", () => {
    const stored = codes.hash("salt-1", "123456");
    expect(stored).not.toContain("123456");
    expect(codes.hash("salt-1", "123456")).toBe(stored);
    expect(codes.hash("salt-2", "123456")).not.toBe(stored);
    const otherSecret = createHmacOneTimeCodes(new TextEncoder().encode("t".repeat(32)));
    expect(otherSecret.hash("salt-1", "123456")).not.toBe(stored);
    expect(codes.hash("salt-1", "123457")).not.toBe(stored);
  });

  it("matches only the code, salt and secret it was stored with", () => {
    const stored = codes.hash("salt-1", "123456");
    expect(codes.matches("salt-1", "123456", stored)).toBe(true);
    expect(codes.matches("salt-1", "123457", stored)).toBe(false);
    expect(codes.matches("salt-2", "123456", stored)).toBe(false);
    expect(codes.matches("salt-1", "123456", stored.slice(1))).toBe(false);
    const otherSecret = createHmacOneTimeCodes(new TextEncoder().encode("t".repeat(32)));
    expect(otherSecret.matches("salt-1", "123456", stored)).toBe(false);
  });

  it("keeps the derivation of the codes already stored", () => {
    const key = createHmac("sha256", "s".repeat(32)).update("atiende/approval-codes").digest();
    const before = createHmac("sha256", key).update("salt-1:123456").digest("base64url");
    expect(codes.hash("salt-1", "123456")).toBe(before);
  });
});

describe("where the code goes, as the customer sees it", () => {
  it("masks an e-mail's name and a phone's middle digits", () => {
    expect(maskDestination("email", "lucia.perez@example.com")).toBe("l•••@example.com");
    expect(maskDestination("whatsapp", "+34600111789")).toBe("+34 ••• 789");
  });
});

describe("an approval card on WhatsApp", () => {
  it("goes out as its text", () => {
    const body = toGraphMessage({
      channel: "whatsapp",
      accountId: "100000000000001",
      to: "34600111789",
      text: "✅ Solicitud de aprobación — Devolución: Cargo duplicado NBA · 59,90 €",
      content: {
        kind: "approval_request",
        approvalId: "apr_01JAAAAAAAAAAAAAAAAAAAAAAA",
        operation: "refund",
        description: "Cargo duplicado NBA",
        amount: { value: 59.9, currency: "EUR" },
        expiresAt: "2026-11-24T10:10:00.000Z",
        channel: "whatsapp",
        maskedDestination: "+34 ••• 789",
      },
      files: [],
    });
    expect(body).toMatchObject({
      to: "34600111789",
      type: "text",
      text: { body: expect.stringContaining("59,90 €") },
    });
  });
});
