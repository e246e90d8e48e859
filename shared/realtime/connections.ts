import { z } from "zod";
import { type Identity, StaffRole } from "../identity/index.js";
import type { Ports } from "../ports.js";

/** API Gateway closes WebSocket connections after two hours; the record expires with them. */
const CONNECTION_LIFETIME_SECONDS = 2 * 60 * 60;

export function audienceOf(identity: Identity) {
  return identity.kind === "customer" ? `customer#${identity.customerId}` : "staff";
}

const Role = z.enum(["customer", ...StaffRole.options]);

/** Who is behind one connection, as its audience's presence lists it. */
export type Recipient = {
  connectionId: string;
  userId: string;
  role: z.infer<typeof Role>;
  expiresAt: number;
};

const EntryTuple = z.tuple([z.string(), z.string(), Role, z.number()]);

/** A presence entry is one string, so that a string set can add and delete it atomically. */
export function encodeEntry({ connectionId, userId, role, expiresAt }: Recipient) {
  return JSON.stringify([connectionId, userId, role, expiresAt]);
}

/** The recipient an entry names, or undefined for one this code did not write. */
export function decodeEntry(entry: string): Recipient | undefined {
  let json: unknown;
  try {
    json = JSON.parse(entry);
  } catch {
    return undefined;
  }
  const parsed = EntryTuple.safeParse(json);
  if (!parsed.success) return undefined;
  const [connectionId, userId, role, expiresAt] = parsed.data;
  return { connectionId, userId, role, expiresAt };
}

/**
 * Remembers who is behind a WebSocket connection, so pushes reach exactly the people allowed:
 * an entry in the audience's presence, and the connection's own record to find that entry
 * again on disconnect. A failure of either fails the connect (API Gateway then refuses it);
 * an entry left behind expires, and the first push to it that finds it gone removes it.
 */
export async function registerConnection(
  ports: Pick<Ports, "db" | "clock">,
  connectionId: string,
  identity: Identity,
) {
  const now = ports.clock.now();
  const expiresAt = Math.floor(now.getTime() / 1000) + CONNECTION_LIFETIME_SECONDS;
  const { tenantId } = identity;
  const audience = audienceOf(identity);
  const entry = encodeEntry({
    connectionId,
    userId: identity.kind === "customer" ? identity.customerId : identity.staffId,
    role: identity.kind === "customer" ? "customer" : identity.role,
    expiresAt,
  });
  await Promise.all([
    ports.db.presence
      .update({ tenantId, audience })
      .add({ connections: [entry] })
      .go(),
    ports.db.connection
      .put({ connectionId, tenantId, audience, entry, connectedAt: now.toISOString(), expiresAt })
      .go(),
  ]);
}

/** Takes entries out of an audience's presence: disconnected, gone or expired connections. */
export async function forgetEntries(
  ports: Pick<Ports, "db">,
  presence: { tenantId: string; audience: string },
  entries: string[],
) {
  if (entries.length === 0) return;
  await ports.db.presence.update(presence).delete({ connections: entries }).go();
}

export async function unregisterConnection(ports: Pick<Ports, "db">, connectionId: string) {
  const { data } = await ports.db.connection.delete({ connectionId }).go({ response: "all_old" });
  if (data) await forgetEntries(ports, data, [data.entry]);
}
