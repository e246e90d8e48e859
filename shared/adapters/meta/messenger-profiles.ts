import { z } from "zod";
import type { ContactNames } from "../../ports.js";

const Profile = z.object({ first_name: z.string().optional(), last_name: z.string().optional() });

/**
 * Messenger's webhooks carry a page-scoped id, not a name: the User Profile API tells it, for
 * the agent's inbox. Best effort: a person who hides it, or an API that fails, leaves the
 * customer unnamed, never the message unstored.
 */
export function createMessengerProfiles(options: { graphUrl: string; accessToken: string }): ContactNames {
  return {
    async nameOf(channel, _accountId, address) {
      if (channel !== "messenger") return undefined;
      try {
        const response = await fetch(
          `${options.graphUrl}/${encodeURIComponent(address)}?fields=first_name,last_name`,
          { headers: { authorization: `Bearer ${options.accessToken}` }, signal: AbortSignal.timeout(5000) },
        );
        if (!response.ok) return undefined;
        const profile = Profile.safeParse(await response.json());
        const name = profile.success
          ? [profile.data.first_name, profile.data.last_name].filter(Boolean).join(" ").trim()
          : "";
        return name || undefined;
      } catch {
        return undefined;
      }
    },
  };
}
