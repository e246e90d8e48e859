import type { Identity } from "../identity/index.js";
import type { Ports } from "../ports.js";

/** API Gateway closes WebSocket connections after two hours; the record expires with them. */
const CONNECTION_LIFETIME_SECONDS = 2 * 60 * 60;

export function audienceOf(identity: Identity) {
  return identity.kind === "customer" ? `customer#${identity.customerId}` : "staff";
}

/** Remembers who is behind a WebSocket connection, so pushes reach exactly the people allowed. */
export async function registerConnection(
  ports: Pick<Ports, "db" | "clock">,
  connectionId: string,
  identity: Identity,
) {
  const now = ports.clock.now();
  await ports.db.connection
    .put({
      connectionId,
      tenantId: identity.tenantId,
      audience: audienceOf(identity),
      userId: identity.kind === "customer" ? identity.customerId : identity.staffId,
      role: identity.kind === "customer" ? "customer" : identity.role,
      connectedAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + CONNECTION_LIFETIME_SECONDS,
    })
    .go();
}

export async function unregisterConnection(ports: Pick<Ports, "db">, connectionId: string) {
  await ports.db.connection.delete({ connectionId }).go();
}
