import { createHmac, timingSafeEqual } from "node:crypto";

export type SignatureAlgorithm = "sha256" | "sha1";

/**
 * Meta's `X-Hub-Signature-256: sha256=<hex>` (and Messenger's legacy `X-Hub-Signature: sha1=<hex>`):
 * an HMAC of the raw body exactly as it came over the wire. Meta escapes non-ASCII text as
 * `\uXXXX` before signing, so only the bytes received verify; a body parsed and written out
 * again does not. Compared in constant time.
 */
export function verifyMetaSignature(
  rawBody: Uint8Array | string,
  header: string | undefined,
  secret: string,
  algorithm: SignatureAlgorithm = "sha256",
): boolean {
  const prefix = `${algorithm}=`;
  if (!header?.startsWith(prefix)) return false;
  const given = Buffer.from(header.slice(prefix.length), "hex");
  const expected = createHmac(algorithm, secret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The header value Meta would send for `rawBody`: what the simulators and tests sign with. */
export function signMetaBody(
  rawBody: Uint8Array | string,
  secret: string,
  algorithm: SignatureAlgorithm = "sha256",
): string {
  return `${algorithm}=${createHmac(algorithm, secret).update(rawBody).digest("hex")}`;
}

/**
 * JSON as Meta writes it on the wire: every character outside printable ASCII as `\uXXXX`.
 * Simulators use it so that what they sign is what a real delivery looks like.
 */
export function toMetaJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
