import type { Session } from "./customer-api.js";

export type KeyValueStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** A session as remembered in the browser; identified ones remember whose they are and the signature that vouched for it. */
export type StoredSession = Session & { externalId?: string; signature?: string };

type Kind = "anonymous" | "identified";

const sessionKey = (tenantId: string, kind: Kind) => `atiende.widget.${tenantId}.${kind}`;
const tabIdentityKey = (tenantId: string) => `atiende.widget.${tenantId}.identity`;

/** Storage can be missing or throw (blocked cookies, private modes): then the widget simply forgets. */
function attempt<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch {
    return undefined;
  }
}

/** The expiry inside the session token, read without verifying: the server still decides. */
export function tokenExpired(token: string, now: Date): boolean {
  const payload = token.split(".")[1];
  if (!payload) return true;
  const claims = attempt(
    () => JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as { exp?: unknown },
  );
  return typeof claims?.exp !== "number" || claims.exp * 1000 <= now.getTime();
}

function read(storage: KeyValueStore, tenantId: string, kind: Kind): StoredSession | undefined {
  const raw = attempt(() => storage.getItem(sessionKey(tenantId, kind)));
  const parsed = raw ? attempt(() => JSON.parse(raw) as StoredSession) : undefined;
  if (!parsed || typeof parsed.token !== "string" || parsed.tenantId !== tenantId) return undefined;
  return parsed;
}

/** Whose session a page asks for: nobody in particular, the host's signed customer, or the identified customer this tab already opened. */
export type SessionClaim =
  | { kind: "anonymous" }
  | { kind: "signed"; externalId: string; signature: string }
  | { kind: "tab"; externalId: string };

/**
 * The stored session this page may use. A signed customer gets only the session stored for
 * that same customer id and signature (anything else goes to the server to be checked), never
 * the anonymous one nor another customer's; a page without identity gets only the anonymous
 * session, so a customer who logged out of the host site does not leave his history open on a
 * shared computer.
 */
export function reusableSession(
  storage: KeyValueStore,
  tenantId: string,
  claim: SessionClaim,
  now: Date,
): StoredSession | undefined {
  const stored = read(storage, tenantId, claim.kind === "anonymous" ? "anonymous" : "identified");
  if (!stored || tokenExpired(stored.token, now)) return undefined;
  if (claim.kind !== "anonymous" && stored.externalId !== claim.externalId) return undefined;
  if (claim.kind === "signed" && stored.signature !== claim.signature) return undefined;
  return stored;
}

export function storeSession(
  storage: KeyValueStore,
  session: Session,
  signed?: { externalId: string; signature: string },
) {
  const kind: Kind = signed ? "identified" : "anonymous";
  const value: StoredSession = { ...session, ...signed };
  attempt(() => storage.setItem(sessionKey(session.tenantId, kind), JSON.stringify(value)));
}

export function forgetSession(storage: KeyValueStore, tenantId: string, identified: boolean) {
  attempt(() => storage.removeItem(sessionKey(tenantId, identified ? "identified" : "anonymous")));
}

/**
 * Which identified customer this tab was opened for (kept in sessionStorage), so reloading the
 * page after its fragment was removed finds the same customer, and a new tab does not.
 */
export function rememberTabIdentity(storage: KeyValueStore, tenantId: string, externalId: string) {
  attempt(() => storage.setItem(tabIdentityKey(tenantId), externalId));
}

export function tabIdentity(storage: KeyValueStore, tenantId: string): string | undefined {
  return attempt(() => storage.getItem(tabIdentityKey(tenantId))) ?? undefined;
}

const NO_STORAGE: KeyValueStore = { getItem: () => null, setItem: () => {}, removeItem: () => {} };

/** Merely touching `localStorage` throws in a frame whose third-party storage is blocked. */
export function browserStorage(pick: () => Storage): KeyValueStore {
  return attempt(pick) ?? NO_STORAGE;
}
