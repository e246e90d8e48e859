import type { EntityItem } from "electrodb";
import type { Db } from "../data/db.js";
import { processCache } from "../data/process-cache.js";
import type { Ports } from "../ports.js";
import type { ExternalChannel } from "./inbound.js";

type ChannelAccount = EntityItem<Db["channelAccount"]>;

/** A number or page moved to another tenant is routed there within a minute, everywhere. */
const accounts = processCache<ChannelAccount>({ ttlMs: 60_000, max: 1000 });

/**
 * The tenant that owns our account on a channel, or undefined for an account nobody registered.
 * Every webhook asks; found accounts are kept a minute in this process.
 */
export async function findChannelAccount(
  ports: Pick<Ports, "db">,
  channel: ExternalChannel,
  accountId: string,
) {
  const key = `${channel}#${accountId}`;
  const cached = accounts.get(ports.db, key);
  if (cached) return cached;
  const { data } = await ports.db.channelAccount.get({ channel, accountId }).go();
  if (data) accounts.set(ports.db, key, data);
  return data ?? undefined;
}

/** The tenant's accounts, one per channel at most in practice: where agent-started conversations go out from. */
export async function listChannelAccounts(ports: Pick<Ports, "db">, tenantId: string) {
  const { data } = await ports.db.channelAccount.query.byTenant({ tenantId }).go();
  return data;
}

/** Registers (or moves) an account to a tenant: the provisioning step behind a webhook's routing. */
export async function registerChannelAccount(
  ports: Pick<Ports, "db">,
  account: { channel: ExternalChannel; accountId: string; tenantId: string; label: string },
) {
  await ports.db.channelAccount.put(account).go();
  accounts.delete(ports.db, `${account.channel}#${account.accountId}`);
}
