import type { Db } from "./db.js";

/**
 * Values that almost never change (which tenant owns a WhatsApp number, which customer a phone
 * belongs to), kept in this process for a while: a warm Lambda instance or the local server
 * then spends no request on them per message. Per table, so two stacks in one process never
 * share entries; bounded, oldest out first.
 */
export function processCache<V>(options: { ttlMs: number; max: number }) {
  const tables = new WeakMap<Db, Map<string, { value: V; until: number }>>();
  const entries = (db: Db) => {
    const found = tables.get(db) ?? new Map<string, { value: V; until: number }>();
    tables.set(db, found);
    return found;
  };
  return {
    get(db: Db, key: string): V | undefined {
      const entry = entries(db).get(key);
      if (!entry) return undefined;
      if (entry.until > Date.now()) return entry.value;
      entries(db).delete(key);
      return undefined;
    },
    set(db: Db, key: string, value: V) {
      const cache = entries(db);
      cache.delete(key);
      cache.set(key, { value, until: Date.now() + options.ttlMs });
      if (cache.size > options.max) cache.delete(cache.keys().next().value!);
    },
    delete(db: Db, key: string) {
      entries(db).delete(key);
    },
  };
}
