import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ensureStaffUser } from "../../../infra/local/cognito.js";
import { RateLimitedError } from "../../../shared/errors.js";
import {
  consumeRateLimit,
  LOGIN_LIMIT,
  type RateLimit,
  WIDGET_SESSION_LIMIT,
} from "../../../shared/rate-limit/consume-rate-limit.js";
import { api } from "../../support/api.js";
import { useStack } from "../../support/stack.js";

const stack = useStack();
const PASSWORD = "Rate-limit-2026";

/** A staff account of its own, so that no other test shares its counter. */
async function freshAccount() {
  const tenantId = `t-${randomBytes(5).toString("hex")}`;
  const email = `agent@${tenantId}.test`;
  await ensureStaffUser(stack.runtime.clients.cognito, stack.config.userPoolId, {
    email,
    name: "Agente",
    role: "agent",
    tenantId,
    password: PASSWORD,
  });
  return email;
}

const login = (email: string, password: string) =>
  api(stack.url, "/api/auth/login", { method: "POST", body: { email, password } });

/** Counters live in fixed one-minute windows: start a burst early in one, so it does not straddle two. */
async function atStartOfWindow() {
  const intoWindow = (Date.now() / 1000) % 60;
  if (intoWindow > 52) await new Promise((resolve) => setTimeout(resolve, (60.5 - intoWindow) * 1000));
}

/** A clock that stands still where a test puts it. */
function clockAt(date: Date) {
  let now = date;
  return { now: () => now, set: (next: Date) => (now = next) };
}

async function attempts(rule: RateLimit, key: string, clock: { now: () => Date }, count: number) {
  const ports = { db: stack.runtime.ports.db, clock };
  const outcomes: (number | "ok")[] = [];
  for (let i = 0; i < count; i++) {
    outcomes.push(
      await consumeRateLimit(ports, rule, key).then(
        () => "ok" as const,
        (error: unknown) => (error instanceof RateLimitedError ? error.retryAfterSeconds : Number.NaN),
      ),
    );
  }
  return outcomes;
}

describe("staff sign-in", () => {
  it("answers a wrong password exactly like an unknown e-mail: 401 invalid_credentials", async () => {
    const email = await freshAccount();

    const [wrongPassword, unknownEmail] = await Promise.all([
      login(email, "not-the-password"),
      login(`nobody-${randomBytes(4).toString("hex")}@example.test`, "not-the-password"),
    ]);

    expect([wrongPassword.status, wrongPassword.body]).toEqual([401, unknownEmail.body]);
    expect(unknownEmail.body.error.code).toBe("invalid_credentials");
  });

  it("refuses the 11th attempt on one account within a minute, even with the right password", async () => {
    const email = await freshAccount();
    await atStartOfWindow();

    const wrong = [];
    for (let i = 0; i < 10; i++) {
      // The counter is per account whatever the case the e-mail is typed in.
      wrong.push(await login(i % 2 ? email.toUpperCase() : email, `wrong-${i}`));
    }
    const right = await login(email, PASSWORD);

    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe("rate_limited");
    expect(right.body.idToken).toBeUndefined();
    const retryAfter = Number(right.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const statuses = wrong.map((answer) => answer.status);
    expect(statuses).not.toContain(200);
    expect(statuses).not.toContain(429);
  });

  it("still lets another account sign in while one is locked out", async () => {
    const [locked, other] = await Promise.all([freshAccount(), freshAccount()]);
    await atStartOfWindow();
    for (let i = 0; i < 11; i++) await login(locked, "wrong");

    const [lockedOut, signedIn] = await Promise.all([login(locked, PASSWORD), login(other, PASSWORD)]);

    expect(lockedOut.status).toBe(429);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.idToken).toEqual(expect.any(String));
  });
});

describe("the counters behind sign-in and widget sessions", () => {
  const windowStart = new Date("2031-05-20T10:00:00Z");
  // A documentation-range address (RFC 5737) with a tag, so that no other run shares its counter.
  const address = () => `198.51.100.${randomBytes(1)[0]}#${randomBytes(4).toString("hex")}`;

  it("lets 20 widget sessions a minute through per address and refuses the 21st until the next minute", async () => {
    const clock = clockAt(new Date(windowStart.getTime() + 15_000));
    const [crowded, quiet] = [address(), address()];

    const burst = await attempts(WIDGET_SESSION_LIMIT, crowded, clock, 21);
    const neighbour = await attempts(WIDGET_SESSION_LIMIT, quiet, clock, 1);
    clock.set(new Date(windowStart.getTime() + 60_000));
    const nextMinute = await attempts(WIDGET_SESSION_LIMIT, crowded, clock, 1);

    expect(WIDGET_SESSION_LIMIT).toMatchObject({ limit: 20, windowSeconds: 60 });
    expect(burst).toEqual([...Array(20).fill("ok"), 45]);
    expect(neighbour).toEqual(["ok"]);
    expect(nextMinute).toEqual(["ok"]);
  });

  it("lets 10 sign-in attempts a minute through per address and refuses the rest of the minute", async () => {
    const clock = clockAt(new Date(windowStart.getTime() + 50_000));
    const key = address();

    const burst = await attempts(LOGIN_LIMIT, key, clock, 12);

    expect(burst).toEqual([...Array(10).fill("ok"), 10, 10]);
  });
});
