import { randomBytes, randomInt } from "node:crypto";
import type { ConnectInstance } from "../../infra/local/sim/connect-events.js";
import { type Emitted, hangUp, pressKeys, startCall } from "../../infra/local/sim/ivr-flow.js";
import { registerSimulatedConnect } from "../../infra/local/sim/ivr-simulator.js";
import { claimCustomerKeys, customerKey } from "../../shared/customer/customer-keys.js";
import type { Ports } from "../../shared/ports.js";

/** A Connect instance and IVR bot of the test's own, routed to `tenantId`. */
export async function connectFor(ports: Ports, tenantId: string): Promise<ConnectInstance> {
  const own = {
    account: "111122223333",
    region: "us-east-1",
    instanceId: crypto.randomUUID(),
    botId: randomBytes(5).toString("hex").toUpperCase(),
  };
  await registerSimulatedConnect(ports, tenantId, own);
  return own;
}

/** A customer of the tenant, known by his document number (as a caller who keys it in is). */
export async function customerWithDocument(ports: Ports, tenantId: string, name: string) {
  const customerId = `cus_${randomBytes(8).toString("hex")}`;
  const documentNumber = String(randomInt(10_000_000, 99_999_999));
  await ports.db.customer
    .put({ tenantId, customerId, name, documentNumber, createdAt: new Date().toISOString() })
    .go();
  await claimCustomerKeys(ports, tenantId, customerId, [customerKey.document(documentNumber)]);
  return { customerId, name, documentNumber };
}

/**
 * A whole call through the simulated IVR, pressing `keys` one entry at a time and hanging up, a
 * second per step from `start`: every contact event and conversation-log entry it leaves.
 */
export function callThrough(
  instance: ConnectInstance,
  keys: readonly string[],
  options: { contactId?: string; start?: number } = {},
) {
  let clock = options.start ?? Date.now() - 60_000;
  const now = () => {
    clock += 1000;
    return new Date(clock);
  };
  const contactId = options.contactId ?? crypto.randomUUID();
  const all: Emitted = { events: [], turns: [] };
  const collect = ({ events, turns }: Emitted) => {
    all.events.push(...events);
    all.turns.push(...turns);
  };
  let { call, emitted } = startCall(
    instance,
    { contactId, phone: "+5491155550199", systemEndpoint: "+5491150000001" },
    now,
  );
  collect(emitted);
  for (const entry of keys) {
    ({ call, emitted } = pressKeys(instance, call, entry, now));
    collect(emitted);
  }
  collect(hangUp(instance, call, now).emitted);
  return { contactId, ...all };
}
