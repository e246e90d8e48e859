import { createHmac, timingSafeEqual } from "node:crypto";
import type { OneTimeCodes } from "../ports.js";

/**
 * Codes stored as an HMAC keyed by a key derived from the deployment's session secret (so the
 * secret itself never signs anything else's data, and a deployment has one secret less to keep)
 * over a random salt and the code. Six digits are few; the key, not the salt, is what keeps a
 * copy of the table from revealing them.
 */
export function createHmacOneTimeCodes(secret: Uint8Array): OneTimeCodes {
  const key = createHmac("sha256", secret).update("atiende/approval-codes").digest();
  const hash = (salt: string, code: string) =>
    createHmac("sha256", key).update(`${salt}:${code}`).digest("base64url");
  return {
    hash,
    matches(salt, code, storedHash) {
      const expected = Buffer.from(storedHash);
      const given = Buffer.from(hash(salt, code));
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}
