import { describe, expect, it } from "vitest";
import type { Session } from "../../../../web/customer/src/data/customer-api.js";
import {
  browserStorage,
  forgetSession,
  type KeyValueStore,
  rememberTabIdentity,
  reusableSession,
  storeSession,
  tabIdentity,
  tokenExpired,
} from "../../../../web/customer/src/data/session-store.js";

const NOW = new Date("2025-06-01T12:00:00.000Z");
const ANONYMOUS = { kind: "anonymous" } as const;
const ANA = { externalId: "ana", signature: "a1".repeat(32) };
const signed = (externalId: string, signature: string) =>
  ({ kind: "signed", externalId, signature }) as const;

function memoryStorage(): KeyValueStore & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/** A token shaped like the API's (only its expiry is read here). */
function token(expiresAt: Date) {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "HS256" })}.${part({ exp: Math.floor(expiresAt.getTime() / 1000), sub: "cus_1" })}.signature`;
}

const later = new Date(NOW.getTime() + 86_400_000);
const session = (customerId: string, identified = false, tenantId = "demo"): Session => ({
  token: token(later),
  customerId,
  tenantId,
  identified,
});

describe("reusing a stored widget session", () => {
  it("finds the anonymous session again on the same browser", () => {
    const storage = memoryStorage();
    storeSession(storage, session("cus_anon"));
    expect(reusableSession(storage, "demo", ANONYMOUS, NOW)?.customerId).toBe("cus_anon");
  });

  it("keeps sessions apart per tenant", () => {
    const storage = memoryStorage();
    storeSession(storage, session("cus_anon", false, "other"));
    expect(reusableSession(storage, "demo", ANONYMOUS, NOW)).toBeUndefined();
  });

  it("gives a signed customer only his own stored session", () => {
    const storage = memoryStorage();
    storeSession(storage, session("cus_anon"));
    storeSession(storage, session("cus_xana", true), ANA);
    expect(reusableSession(storage, "demo", signed("ana", ANA.signature), NOW)?.customerId).toBe("cus_xana");
    expect(reusableSession(storage, "demo", signed("bruno", ANA.signature), NOW)).toBeUndefined();
  });

  it("sends a different signature for the same customer to the server instead of trusting it", () => {
    const storage = memoryStorage();
    storeSession(storage, session("cus_xana", true), ANA);
    expect(reusableSession(storage, "demo", signed("ana", "0".repeat(64)), NOW)).toBeUndefined();
  });

  it("finds the identified customer again when the same tab reloads without the fragment", () => {
    const storage = memoryStorage();
    storeSession(storage, session("cus_xana", true), ANA);
    expect(reusableSession(storage, "demo", { kind: "tab", externalId: "ana" }, NOW)?.customerId).toBe(
      "cus_xana",
    );
    expect(reusableSession(storage, "demo", { kind: "tab", externalId: "bruno" }, NOW)).toBeUndefined();
  });

  it("does not open an identified customer's history on a page without identity", () => {
    const storage = memoryStorage();
    storeSession(storage, session("cus_xana", true), ANA);
    expect(reusableSession(storage, "demo", ANONYMOUS, NOW)).toBeUndefined();
  });

  it("does not reuse an expired session", () => {
    const storage = memoryStorage();
    storeSession(storage, { ...session("cus_anon"), token: token(new Date(NOW.getTime() - 1000)) });
    expect(reusableSession(storage, "demo", ANONYMOUS, NOW)).toBeUndefined();
  });

  it("forgets a session the server refused", () => {
    const storage = memoryStorage();
    storeSession(storage, session("cus_anon"));
    forgetSession(storage, "demo", false);
    expect(reusableSession(storage, "demo", ANONYMOUS, NOW)).toBeUndefined();
  });

  it("survives garbage in storage and storage that throws", () => {
    const storage = memoryStorage();
    storage.setItem("atiende.widget.demo.anonymous", "{not json");
    expect(reusableSession(storage, "demo", ANONYMOUS, NOW)).toBeUndefined();
    const blocked = browserStorage(() => {
      throw new DOMException("blocked", "SecurityError");
    });
    storeSession(blocked, session("cus_anon"));
    expect(reusableSession(blocked, "demo", ANONYMOUS, NOW)).toBeUndefined();
  });

  it("remembers which identified customer a tab was opened for", () => {
    const tab = memoryStorage();
    expect(tabIdentity(tab, "demo")).toBeUndefined();
    rememberTabIdentity(tab, "demo", "ana");
    expect(tabIdentity(tab, "demo")).toBe("ana");
  });
});

describe("reading a token's expiry", () => {
  it("treats malformed tokens as expired", () => {
    expect(tokenExpired("nope", NOW)).toBe(true);
    expect(tokenExpired("a.%%%.c", NOW)).toBe(true);
    expect(tokenExpired(token(later), NOW)).toBe(false);
  });
});
