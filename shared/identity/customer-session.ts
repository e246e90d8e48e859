import { errors, jwtVerify, SignJWT } from "jose";
import { UnauthorizedError } from "../errors.js";
import type { CustomerIdentity } from "./index.js";

const ISSUER = "atiende:widget";
const SESSION_DAYS = 180;

/**
 * A customer's widget session: an HS256 token the browser keeps, so an anonymous customer
 * finds his conversations again days later on the same browser.
 */
export async function issueCustomerSession(secret: Uint8Array, customer: Omit<CustomerIdentity, "kind">) {
  return new SignJWT({ tid: customer.tenantId })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(ISSUER)
    .setSubject(customer.customerId)
    .setIssuedAt()
    .setExpirationTime(`${SESSION_DAYS}d`)
    .sign(secret);
}

export async function verifyCustomerSession(secret: Uint8Array, token: string): Promise<CustomerIdentity> {
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, algorithms: ["HS256"] });
    if (typeof payload.tid !== "string" || !payload.sub)
      throw new UnauthorizedError("Invalid session", "invalid_token");
    return { kind: "customer", tenantId: payload.tid, customerId: payload.sub };
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new UnauthorizedError("Session expired", "token_expired");
    throw new UnauthorizedError("Invalid session", "invalid_token");
  }
}
