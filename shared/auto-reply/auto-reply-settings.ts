import { z } from "zod";
import { isConditionFailure } from "../data/condition-failed.js";
import { ConflictError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { AutoReplySettings, DEFAULT_AUTO_REPLY_SETTINGS } from "./settings.js";

export const SavedAutoReplySettings = z.object({
  /** 0 until an admin first saves them. */
  revision: z.number().int().nonnegative(),
  settings: AutoReplySettings,
  updatedAt: z.string().optional(),
});
export type SavedAutoReplySettings = z.infer<typeof SavedAutoReplySettings>;

export const SaveAutoReplySettingsInput = z.object({
  settings: AutoReplySettings,
  /** The revision the edit started from: a save over anyone else's since is refused. */
  revision: z.number().int().nonnegative(),
});
export type SaveAutoReplySettingsInput = z.input<typeof SaveAutoReplySettingsInput>;

export class StaleSettingsError extends ConflictError {
  constructor(currentRevision: number) {
    super("stale_settings", "Someone saved the automatic replies since you loaded them; load them again", {
      currentRevision,
    });
  }
}

/** The tenant's automatic replies as last saved, or the defaults (all off) at revision 0. */
export async function getAutoReplySettings(
  ports: Pick<Ports, "db">,
  tenantId: string,
): Promise<SavedAutoReplySettings> {
  const { data } = await ports.db.autoReplySettings.get({ tenantId }).go();
  if (!data) return { revision: 0, settings: DEFAULT_AUTO_REPLY_SETTINGS };
  return {
    revision: data.revision,
    settings: AutoReplySettings.parse(JSON.parse(data.settings)),
    updatedAt: data.updatedAt,
  };
}

/**
 * Saves the admin's settings over the revision he loaded. Conditional on that revision, so of
 * two admins saving at once one wins and the other is told `stale_settings`; the same save
 * retried after it landed is refused the same way, and nothing changes.
 */
export async function saveAutoReplySettings(
  ports: Pick<Ports, "db" | "clock">,
  staff: StaffIdentity,
  input: SaveAutoReplySettingsInput,
): Promise<SavedAutoReplySettings> {
  const { settings, revision } = SaveAutoReplySettingsInput.parse(input);
  const item = {
    tenantId: staff.tenantId,
    revision: revision + 1,
    settings: JSON.stringify(settings),
    updatedBy: staff.staffId,
    updatedAt: ports.clock.now().toISOString(),
  };
  try {
    if (revision === 0) await ports.db.autoReplySettings.create(item).go();
    else {
      await ports.db.autoReplySettings
        .put(item)
        .where((stored, { eq }) => eq(stored.revision, revision))
        .go();
    }
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    throw new StaleSettingsError((await getAutoReplySettings(ports, staff.tenantId)).revision);
  }
  return { revision: item.revision, settings, updatedAt: item.updatedAt };
}
