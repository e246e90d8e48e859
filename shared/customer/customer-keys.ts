import { isConditionFailure } from "../data/condition-failed.js";
import { processCache } from "../data/process-cache.js";
import type { Ports } from "../ports.js";

/** A key, once claimed, names the same customer for good: kept in this process for an hour. */
const holders = processCache<string>({ ttlMs: 3_600_000, max: 10_000 });

/**
 * The ways a customer is recognised. Phone numbers are E.164 (`+` and digits), addresses
 * lower-case, so the same person is found however a channel writes them.
 */
export const customerKey = {
  phone: (phone: string) => `phone:+${phone.replace(/\D/g, "")}`,
  email: (email: string) => `email:${email.trim().toLowerCase()}`,
  document: (documentNumber: string) => `document:${documentNumber.replace(/[\s.-]/g, "").toUpperCase()}`,
  messenger: (psid: string) => `messenger:${psid}`,
};

export async function findCustomerByKey(ports: Pick<Ports, "db">, tenantId: string, key: string) {
  const cacheKey = `${tenantId}#${key}`;
  const cached = holders.get(ports.db, cacheKey);
  if (cached) return cached;
  const { data } = await ports.db.customerKey.get({ tenantId, key }).go();
  if (data) holders.set(ports.db, cacheKey, data.customerId);
  return data?.customerId;
}

/**
 * Claims each key for the customer; a key another customer already holds stays his (two
 * people may share a phone, and merging them is a person's decision). Returns the keys held
 * by someone else.
 */
export async function claimCustomerKeys(
  ports: Pick<Ports, "db">,
  tenantId: string,
  customerId: string,
  keys: readonly string[],
) {
  const taken: { key: string; customerId: string }[] = [];
  for (const key of keys) {
    try {
      await ports.db.customerKey.create({ tenantId, key, customerId }).go();
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const holder = await findCustomerByKey(ports, tenantId, key);
      if (holder && holder !== customerId) taken.push({ key, customerId: holder });
    }
  }
  return taken;
}
