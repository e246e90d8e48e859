import { ulid } from "ulid";

/** Prefixes of every id we mint; the prefix tells a reader what an id points at. */
export const ID_PREFIX = {
  tenant: "ten",
  customer: "cus",
  conversation: "cnv",
  message: "msg",
  event: "evt",
  connection: "con",
  attachment: "att",
  query: "qry",
  service: "svc",
  audit: "aud",
  /** A private note or consult entry of a case (issue 6). */
  note: "nte",
  handover: "hnd",
  document: "doc",
  approval: "apr",
} as const;

export type IdKind = keyof typeof ID_PREFIX;

/**
 * The library's own generator asks the operating system for one random byte per character,
 * 32 system calls for the two ids of every chat message; this one draws the same
 * cryptographically random bytes from a pool refilled 4 KB at a time.
 */
const pool = new Uint8Array(4096);
let used = pool.length;
function pooledRandom() {
  if (used === pool.length) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  return pool[used++]! / 256;
}

/**
 * A new id such as `cnv_01J...`: time-ordered for humans, with 80 random bits so that ids and
 * object keys cannot be guessed from one another (not the monotonic variant, which counts up).
 */
export function newId(kind: IdKind): string {
  return `${ID_PREFIX[kind]}_${ulid(Date.now(), pooledRandom)}`;
}

export function isId(kind: IdKind, value: string): boolean {
  return new RegExp(`^${ID_PREFIX[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`).test(value);
}
