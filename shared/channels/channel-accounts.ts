import type { Ports } from "../ports.js";
import type { ExternalChannel } from "./inbound.js";

/** The tenant that owns our account on a channel, or undefined for an account nobody registered. */
export async function findChannelAccount(
  ports: Pick<Ports, "db">,
  channel: ExternalChannel,
  accountId: string,
) {
  const { data } = await ports.db.channelAccount.get({ channel, accountId }).go();
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
}
