import type { Db } from "../data/db.js";

const TTL_MS = 5 * 60 * 1000;

/**
 * Staff display names by id, cached in the process. Cognito puts `name` in ID tokens, but
 * cognito-local does not, and a name must never cost a read on every request.
 */
export function createStaffNames(db: Db) {
  const cache = new Map<string, { name: string; until: number }>();
  return async function staffName(tenantId: string, staffId: string, fallback: string) {
    const key = `${tenantId}#${staffId}`;
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return hit.name;
    const { data } = await db.staff.get({ tenantId, staffId }).go();
    const name = data?.name ?? fallback;
    cache.set(key, { name, until: Date.now() + TTL_MS });
    return name;
  };
}
