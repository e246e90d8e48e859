import { randomBytes, randomInt } from "node:crypto";

/** A string of `length` decimal digits, not starting with 0: the shape of Meta's numeric ids. */
export function randomDigits(length: number): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < length) digits += String(randomInt(0, 10));
  return digits;
}

/**
 * A WhatsApp message id. Real ones are `wamid.` and standard base64, `+`, `/` and `=` included,
 * so an adapter that puts them in a URL unescaped fails here as it would against Meta.
 */
export function randomWamid(): string {
  return `wamid.${randomBytes(36).toString("base64")}`;
}

/** A Messenger message id (`m_` and a long URL-safe string). */
export function randomMid(): string {
  return `m_${randomBytes(48).toString("base64url")}`;
}

/** The request id Meta puts in every error, for its support to trace. */
export function randomTraceId(): string {
  return randomBytes(16).toString("base64url").slice(0, 23);
}
