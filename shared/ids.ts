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
} as const;

export type IdKind = keyof typeof ID_PREFIX;

/**
 * A new id such as `cnv_01J...`: time-ordered for humans, with 80 random bits so that ids and
 * object keys cannot be guessed from one another (not the monotonic variant, which counts up).
 */
export function newId(kind: IdKind): string {
  return `${ID_PREFIX[kind]}_${ulid()}`;
}

export function isId(kind: IdKind, value: string): boolean {
  return new RegExp(`^${ID_PREFIX[kind]}_[0-9A-HJKMNP-TV-Z]{26}$`).test(value);
}
