import { RateLimitedError } from "../errors.js";
import type { Ports } from "../ports.js";

export type RateLimit = { name: string; limit: number; windowSeconds: number };

export const LOGIN_LIMIT: RateLimit = { name: "login", limit: 10, windowSeconds: 60 };
export const WIDGET_SESSION_LIMIT: RateLimit = { name: "widget-session", limit: 20, windowSeconds: 60 };

/**
 * Counts one attempt of `key` (an IP address, an e-mail) against `rule` and refuses past the
 * limit. The counter lives in the table, so every Lambda instance shares it.
 */
export async function consumeRateLimit(ports: Pick<Ports, "db" | "clock">, rule: RateLimit, key: string) {
  const nowSeconds = Math.floor(ports.clock.now().getTime() / 1000);
  const window = Math.floor(nowSeconds / rule.windowSeconds);
  const { data } = await ports.db.rateLimit
    .update({ bucket: `${rule.name}#${key}`, window })
    .add({ count: 1 })
    .set({ expiresAt: (window + 2) * rule.windowSeconds })
    .go({ response: "all_new" });
  if ((data.count ?? 0) > rule.limit) {
    throw new RateLimitedError((window + 1) * rule.windowSeconds - nowSeconds);
  }
}
