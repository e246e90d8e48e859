import { SignJWT, UnsecuredJWT } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { issueCustomerSession, verifyCustomerSession } from "../../../../shared/identity/customer-session.js";

const secret = new TextEncoder().encode("a-session-secret-of-enough-length-for-hs256");
const customer = { tenantId: "t-1", customerId: "cus_42" };
const DAY = 24 * 60 * 60 * 1000;

afterEach(() => {
  vi.useRealTimers();
});

describe("a customer's widget session", () => {
  it("names the customer and the tenant it was issued for", async () => {
    const token = await issueCustomerSession(secret, customer);

    expect(await verifyCustomerSession(secret, token)).toEqual({ kind: "customer", ...customer });
  });

  it("still works after 179 days and expires as token_expired after 180", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const issuedAt = Date.UTC(2026, 0, 1);
    vi.setSystemTime(issuedAt);
    const token = await issueCustomerSession(secret, customer);

    vi.setSystemTime(issuedAt + 179 * DAY);
    await expect(verifyCustomerSession(secret, token)).resolves.toMatchObject(customer);
    vi.setSystemTime(issuedAt + 181 * DAY);
    await expect(verifyCustomerSession(secret, token)).rejects.toMatchObject({
      status: 401,
      code: "token_expired",
    });
  });

  it("is refused as invalid_token when its claims were changed", async () => {
    const token = await issueCustomerSession(secret, customer);
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, tid: "t-other" })).toString("base64url");

    await expect(verifyCustomerSession(secret, `${header}.${forged}.${signature}`)).rejects.toMatchObject({
      status: 401,
      code: "invalid_token",
    });
  });

  it("is refused as invalid_token when signed with another secret, unsigned, or issued for something else", async () => {
    const other = new TextEncoder().encode("another-secret-of-enough-length-for-hs256!!");
    const tokens = [
      await issueCustomerSession(other, customer),
      new UnsecuredJWT({ tid: "t-1" }).setIssuer("atiende:widget").setSubject("cus_42").encode(),
      await new SignJWT({ tid: "t-1" })
        .setProtectedHeader({ alg: "HS256" })
        .setIssuer("someone-else")
        .setSubject("cus_42")
        .setExpirationTime("1h")
        .sign(secret),
      await new SignJWT({})
        .setProtectedHeader({ alg: "HS256" })
        .setIssuer("atiende:widget")
        .setSubject("cus_42")
        .setExpirationTime("1h")
        .sign(secret),
      "not-a-token",
    ];

    for (const token of tokens) {
      await expect(verifyCustomerSession(secret, token), token).rejects.toMatchObject({
        code: "invalid_token",
      });
    }
  });
});
