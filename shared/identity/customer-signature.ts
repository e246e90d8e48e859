import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The signature a host site puts beside its logged-in customer's id: hex HMAC-SHA256 of the
 * id with the tenant's identity secret. Only the host's server knows the secret, so a page
 * cannot claim another customer's identity.
 */
export function signCustomerId(secret: string, customerId: string): string {
  return createHmac("sha256", secret).update(customerId, "utf8").digest("hex");
}

export function isValidCustomerSignature(secret: string, customerId: string, signature: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(signCustomerId(secret, customerId), "hex");
  const given = Buffer.from(signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
