import { z } from "zod";
import { processCache } from "../data/process-cache.js";
import type { Ports } from "../ports.js";

/**
 * What of Amazon Connect belongs to a tenant: its instance (named in every contact event) with
 * the queues of its sales line, and the Lex bot of its IVR (named in every conversation-log turn).
 */
export const ConnectRoute = z.object({
  kind: z.enum(["instance", "lex_bot"]),
  resourceId: z.string().min(1),
  tenantId: z.string().min(1),
  /** Calls queued here are LLAMADAS VENTAS. */
  salesQueueArns: z.array(z.string()).default([]),
});
export type ConnectRoute = z.output<typeof ConnectRoute>;

/** An instance or bot moved to another tenant is routed there within a minute, everywhere. */
const routes = processCache<ConnectRoute>({ ttlMs: 60_000, max: 1000 });

/** The tenant owning a Connect instance or Lex bot, or undefined for one nobody registered: never a guess. */
export async function findConnectRoute(
  ports: Pick<Ports, "db">,
  kind: ConnectRoute["kind"],
  resourceId: string,
) {
  const key = `${kind}#${resourceId}`;
  const cached = routes.get(ports.db, key);
  if (cached) return cached;
  const { data } = await ports.db.connectRoute.get({ kind, resourceId }).go();
  if (!data) return undefined;
  const route = ConnectRoute.parse(data);
  routes.set(ports.db, key, route);
  return route;
}

/** Registers (or moves) a Connect instance or Lex bot to a tenant: the provisioning step behind the routing. */
export async function registerConnectRoute(ports: Pick<Ports, "db">, input: z.input<typeof ConnectRoute>) {
  const route = ConnectRoute.parse(input);
  await ports.db.connectRoute.put(route).go();
  routes.delete(ports.db, `${route.kind}#${route.resourceId}`);
}
