import { z } from "zod";
import { isConditionFailure } from "../data/condition-failed.js";
import { ConflictError, ValidationError } from "../errors.js";
import { createEvent } from "../event.js";
import { oversees, type StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { assertExitTagged } from "../scripts/require-exit-tag.js";
import { getTenant } from "../tenant/index.js";
import { assertMayWrite, loadConversation } from "./load-conversation.js";

export const FinalizeInput = z.object({ disposition: z.string().min(1).max(40) });
export type FinalizeInput = z.input<typeof FinalizeInput>;

/** Closes the conversation with one of the tenant's disposition codes. Finalizing it again with the same code is a no-op. */
export async function finalizeConversation(
  ports: Ports,
  staff: StaffIdentity,
  conversationId: string,
  input: FinalizeInput,
) {
  const { disposition } = FinalizeInput.parse(input);
  const [current, tenant] = await Promise.all([
    loadConversation(ports, staff, conversationId),
    getTenant(ports, staff.tenantId),
  ]);
  if (!tenant.dispositions.some((d) => d.code === disposition)) {
    throw new ValidationError("Unknown disposition code", {
      code: "unknown_disposition",
      accepted: tenant.dispositions.map((d) => d.code),
    });
  }
  if (current.status === "closed" && current.disposition === disposition) return current;
  if (!(current.status === "queued" && oversees(staff))) assertMayWrite(staff, current);
  await assertExitTagged(ports, staff, current.conversationId, { scripted: true });

  const closedAt = ports.clock.now().toISOString();
  try {
    const { data } = await ports.db.conversation
      .patch({ tenantId: staff.tenantId, conversationId: current.conversationId })
      .set({ status: "closed", inboxKey: "closed", disposition, closedAt, lastActivityAt: closedAt })
      .where(
        ({ status, messageSeq }, { eq }) =>
          `${eq(status, current.status)} AND ${eq(messageSeq, current.messageSeq)}`,
      )
      .go({ response: "all_new" });
    await ports.events.publish([
      createEvent(
        ports.clock,
        "conversation.closed",
        staff.tenantId,
        { type: "staff", id: staff.staffId },
        {
          conversationId: data.conversationId,
          customerId: data.customerId,
          ...(data.assigneeId && { assigneeId: data.assigneeId }),
          disposition,
          createdAt: data.createdAt,
          ...(data.firstResponseAt && { firstResponseAt: data.firstResponseAt }),
          closedAt,
        },
      ),
    ]);
    return data;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    throw new ConflictError(
      "conversation_changed",
      "The conversation changed meanwhile (a new message?); reload it",
    );
  }
}
