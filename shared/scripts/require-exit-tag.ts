import { ConflictError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { currentScriptTree } from "./script-versions.js";

/**
 * Seed 001: every call or chat an agent attends goes through the script and ends with its exit
 * tag. A contact whose guided procedure is under way never closes before its exit tag. Once
 * the tenant has a script tree published, an agent's `scripted` contact (a call, a chat) does
 * not close without one either; supervisors and admins may still close an unattended one (spam,
 * a duplicate).
 */
export async function assertExitTagged(
  ports: Pick<Ports, "db">,
  staff: StaffIdentity,
  contactId: string,
  { scripted }: { scripted: boolean },
) {
  const { tenantId } = staff;
  const { data: guided } = await ports.db.guidedContact.get({ tenantId, contactId }).go();
  if (guided?.phase === "closed") return;
  if (guided)
    throw new ConflictError("exit_tag_required", "Close the guided contact with its exit tag first", {
      phase: guided.phase,
    });
  if (scripted && staff.role === "agent" && (await currentScriptTree(ports, tenantId)))
    throw new ConflictError("exit_tag_required", "Follow the script to its exit tag before closing", {
      phase: "not_started",
    });
}
