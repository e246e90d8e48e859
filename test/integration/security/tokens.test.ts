import { randomUUID } from "node:crypto";
import { decodeJwt, decodeProtectedHeader, exportSPKI, generateKeyPair, importJWK, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { signCustomerId } from "../../../shared/identity/customer-signature.js";
import { api, clientId } from "../../support/api.js";
import { tryOpen } from "../../support/socket.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;
let customer: { token: string; customerId: string };
let tokens: Awaited<ReturnType<typeof badTokens>>;

const WIDGET_ISSUER = "atiende:widget";
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A customer session as the API issues it, but signed with `secret` and expiring at `exp`. */
function customerSession(
  secret: Uint8Array,
  claims: { tid: string; sub: string },
  exp: string | number = "1h",
) {
  return new SignJWT({ tid: claims.tid })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(WIDGET_ISSUER)
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(secret);
}

/** The claims of a real Cognito ID token of `tenant`'s supervisor, for forgeries that copy them. */
function staffClaims() {
  const real = decodeJwt(tenant.supervisor.token);
  return {
    sub: real.sub!,
    aud: real.aud as string,
    iss: real.iss!,
    email: tenant.supervisor.email,
    token_use: "id",
    "custom:tenant": tenant.tenantId,
    "cognito:groups": ["supervisor"],
  };
}

async function rsaSigned(claims: Record<string, unknown>, kid: string | undefined) {
  const { privateKey } = await generateKeyPair("RS256");
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", ...(kid && { kid }) })
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(privateKey);
}

/** Every way a bearer token must be refused, by name. */
async function badTokens() {
  const otherSecret = new TextEncoder().encode("another-secret-that-is-long-enough-for-hs256!!");
  const claims = { tid: tenant.tenantId, sub: customer.customerId };
  const [, payload, signature] = customer.token.split(".");
  const tampered = base64url({ ...decodeJwt(customer.token), sub: "cus_01JZZZZZZZZZZZZZZZZZZZZZZZ" });
  const staff = staffClaims();
  const realKid = decodeProtectedHeader(tenant.supervisor.token).kid;
  const now = Math.floor(Date.now() / 1000);

  // HS256 keyed with the pool's own public key: the classic algorithm-confusion forgery.
  const jwks = (await (await fetch(stack.config.staffToken.jwksUri)).json()) as { keys: { kid: string }[] };
  const publicJwk = jwks.keys.find((key) => key.kid === realKid) ?? jwks.keys[0]!;
  const publicPem = await exportSPKI(
    (await importJWK({ ...publicJwk, alg: "RS256" }, "RS256", { extractable: true })) as CryptoKey,
  );

  return {
    "a customer session signed with another secret": await customerSession(otherSecret, claims),
    "an expired customer session": await customerSession(stack.config.sessionSecret, claims, now - 60),
    "a customer session whose payload was changed": `${customer.token.split(".")[0]}.${tampered}.${signature}`,
    "an unsigned customer session (alg none)": `${base64url({ alg: "none", typ: "JWT" })}.${payload}.`,
    "an unsigned staff token (alg none)": `${base64url({ alg: "none", typ: "JWT" })}.${base64url({
      ...staff,
      iat: now,
      exp: now + 3600,
    })}.`,
    "a staff token signed by another RSA key with the pool's key id": await rsaSigned(staff, realKid),
    "a staff token from a foreign issuer": await rsaSigned(
      { ...staff, iss: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Foreign" },
      "foreign-key",
    ),
    "a staff token signed HS256 with the pool's public key": await new SignJWT({ ...staff })
      .setProtectedHeader({ alg: "HS256", kid: realKid! })
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(publicPem)),
    "a string that is not a JWT": "not-a-token",
  };
}

beforeAll(async () => {
  tenant = await createTenant(stack, { agents: 1 });
  customer = await tenant.customer();
  tokens = await badTokens();
});

describe("bearer tokens on the HTTP API", () => {
  it("refuses a request without a token on agent and customer routes", async () => {
    const agent = await api(stack.url, "/api/agent/inbox");
    const widget = await api(stack.url, "/api/customer/conversations");
    const malformedHeader = await api(stack.url, "/api/agent/inbox", {
      headers: { authorization: tenant.supervisor.token },
    });

    for (const refused of [agent, widget, malformedHeader]) {
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe("missing_token");
    }
  });

  it("refuses forged, expired, unsigned and foreign tokens on agent and customer routes", async () => {
    for (const [what, token] of Object.entries(tokens)) {
      const agent = await api(stack.url, "/api/agent/inbox", { token });
      const widget = await api(stack.url, "/api/customer/conversations", { token });
      expect([what, agent.status, widget.status]).toEqual([what, 401, 401]);
      expect(agent.body.error.code, what).toMatch(/^(invalid_token|token_expired)$/);
      expect(widget.body.error.code, what).toMatch(/^(invalid_token|token_expired)$/);
    }
    const expired = await api(stack.url, "/api/customer/conversations", {
      token: tokens["an expired customer session"],
    });
    expect(expired.body.error.code).toBe("token_expired");
  });

  it("keeps customer sessions out of agent routes and staff tokens out of customer routes", async () => {
    const [agent] = tenant.agents;
    const queueBefore = await api(stack.url, "/api/agent/inbox", { token: tenant.supervisor.token });

    const customerAsAgent = await api(stack.url, "/api/agent/inbox", { token: customer.token });
    const agentAsCustomer = await api(stack.url, "/api/customer/conversations", { token: agent!.token });
    const agentStarts = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: agent!.token,
      body: { clientMessageId: clientId(), text: "hola" },
    });

    expect(customerAsAgent.status).toBe(401);
    expect(agentAsCustomer.status).toBe(401);
    expect(agentStarts.status).toBe(401);
    // The same tokens work where they belong, so the refusals above are about the route.
    expect((await api(stack.url, "/api/agent/inbox", { token: agent!.token })).status).toBe(200);
    expect((await api(stack.url, "/api/customer/conversations", { token: customer.token })).status).toBe(200);
    const queueAfter = await api(stack.url, "/api/agent/inbox", { token: tenant.supervisor.token });
    expect(queueAfter.body.conversations).toEqual(queueBefore.body.conversations);
  });
});

describe("bearer tokens on WebSocket $connect", () => {
  it("refuses a missing or empty token", async () => {
    expect(await tryOpen(stack.url, undefined)).toBe(401);
    expect(await tryOpen(stack.url, "")).toBe(401);
  });

  it("refuses forged, expired, unsigned and foreign tokens", async () => {
    const answers = await Promise.all(
      Object.entries(tokens).map(async ([what, token]) => [what, await tryOpen(stack.url, token)]),
    );

    expect(answers).toEqual(Object.keys(tokens).map((what) => [what, 401]));
  });

  it("opens for a real agent token and a real customer session", async () => {
    expect(await tryOpen(stack.url, tenant.agents[0]!.token)).toBe("open");
    expect(await tryOpen(stack.url, customer.token)).toBe("open");
  });
});

describe("a host site's signed customer identity", () => {
  const session = (body: Record<string, unknown>) =>
    api(stack.url, "/api/customer/sessions", {
      method: "POST",
      body: { tenantId: tenant.tenantId, ...body },
    });

  /** Customers of this tenant stored with `externalId`. */
  async function storedWith(externalId: string) {
    const { data } = await stack.runtime.ports.db.customer.scan
      .where((attr, { eq }) => `${eq(attr.tenantId, tenant.tenantId)} AND ${eq(attr.externalId, externalId)}`)
      .go({ pages: "all" });
    return data;
  }

  it("gives two sessions signed for the same customer one identity and one history", async () => {
    const externalId = `crm-${randomUUID()}`;
    const signature = signCustomerId(tenant.identitySecret, externalId);

    const phone = await session({ externalId, signature });
    const laptop = await session({ externalId, signature });

    expect(phone.status).toBe(201);
    expect(phone.body).toMatchObject({ identified: true, tenantId: tenant.tenantId });
    expect(laptop.body.customerId).toBe(phone.body.customerId);
    expect(await storedWith(externalId)).toHaveLength(1);
    const started = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: phone.body.token,
      body: { clientMessageId: clientId(), text: "escribo desde el teléfono" },
    });
    const seen = await api(stack.url, "/api/customer/conversations", { token: laptop.body.token });
    expect(seen.body.conversations.map((c: { conversationId: string }) => c.conversationId)).toEqual([
      started.body.conversation.conversationId,
    ]);
  });

  it("refuses a wrong signature and stores no customer", async () => {
    const externalId = `crm-${randomUUID()}`;
    const wrong = signCustomerId("not-the-tenant-secret-at-all", externalId);

    const refused = await session({ externalId, signature: wrong });

    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("invalid_signature");
    expect(await storedWith(externalId)).toEqual([]);
  });

  it("refuses an external id without a signature", async () => {
    const externalId = `crm-${randomUUID()}`;

    const refused = await session({ externalId });

    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("invalid_request");
    expect(await storedWith(externalId)).toEqual([]);
  });

  it("does not let one customer's signature claim another customer's identity", async () => {
    const victim = `crm-${randomUUID()}`;
    const attacker = `crm-${randomUUID()}`;
    const victimSession = await session({
      externalId: victim,
      signature: signCustomerId(tenant.identitySecret, victim),
    });
    await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: victimSession.body.token,
      body: { clientMessageId: clientId(), text: "mi número de cuenta es 12345" },
    });

    const claimed = await session({
      externalId: victim,
      signature: signCustomerId(tenant.identitySecret, attacker),
    });

    expect(claimed.status).toBe(401);
    expect(claimed.body.error.code).toBe("invalid_signature");
    expect(claimed.body.token).toBeUndefined();
    expect(await storedWith(victim)).toHaveLength(1);
  });
});
