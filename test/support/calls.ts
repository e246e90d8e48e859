import type { ConnectInstance } from "../../infra/local/sim/connect-events.js";
import { type Emitted, hangUp, pressKeys, startCall } from "../../infra/local/sim/ivr-flow.js";

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
