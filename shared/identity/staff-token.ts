import { JwtRsaVerifier } from "aws-jwt-verify";
import { SimpleJwksCache } from "aws-jwt-verify/jwk";
import { UnauthorizedError } from "../errors.js";
import { StaffIdentity, StaffRole } from "./index.js";

export type StaffTokenConfig = { issuer: string; jwksUri: string; clientId: string };

/**
 * Verifies Cognito ID tokens (RS256 against the pool's JWKS; `alg: none`, other issuers,
 * other clients and expired tokens are refused) and reads tenant and role from them.
 */
export function createStaffTokenVerifier(
  config: StaffTokenConfig,
  nameOf: (tenantId: string, staffId: string, fallback: string) => Promise<string>,
) {
  const verifier = JwtRsaVerifier.create(
    {
      issuer: config.issuer,
      jwksUri: config.jwksUri,
      audience: config.clientId,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== "id") throw new Error("not an id token");
      },
    },
    // The library's own fetcher speaks only HTTPS; cognito-local serves its JWKS over plain HTTP on loopback.
    {
      jwksCache: new SimpleJwksCache({ fetcher: { fetch: async (uri) => (await fetch(uri)).arrayBuffer() } }),
    },
  );

  return async function verifyStaffToken(token: string): Promise<StaffIdentity> {
    let payload: Record<string, unknown>;
    try {
      payload = (await verifier.verify(token)) as Record<string, unknown>;
    } catch (error) {
      const expired = error instanceof Error && error.name === "JwtExpiredError";
      throw expired
        ? new UnauthorizedError("Token expired", "token_expired")
        : new UnauthorizedError("Invalid token", "invalid_token");
    }
    const groups = Array.isArray(payload["cognito:groups"]) ? payload["cognito:groups"] : [];
    // Someone in several groups acts with the widest of them.
    const role = (["admin", "supervisor", "central_office", "agent"] as const).find((r) =>
      groups.includes(r),
    );
    const parsed = StaffIdentity.safeParse({
      kind: "staff",
      tenantId: payload["custom:tenant"],
      staffId: payload.sub,
      email: payload.email,
      name: typeof payload.name === "string" ? payload.name : "",
      role: role && StaffRole.parse(role),
    });
    if (!parsed.success) throw new UnauthorizedError("Token lacks tenant or role", "invalid_token");
    const staff = parsed.data;
    return staff.name ? staff : { ...staff, name: await nameOf(staff.tenantId, staff.staffId, staff.email) };
  };
}

export type StaffTokenVerifier = ReturnType<typeof createStaffTokenVerifier>;
