import { z } from "zod";
import { closeRecord } from "../care/close-record.js";
import { AppError, ConflictError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import {
  branchesOf,
  ExitTagRequiredError,
  leaving,
  ownGuidedContact,
  pathOf,
  saveGuidedContact,
  toGuidedContactInfo,
} from "./guided-contact.js";
import { treeOf } from "./guided-tree.js";
import { Slug } from "./script-tree.js";

export const CloseGuidedInput = z.object({ exitTag: Slug.optional() });

/** Tabs whose record the guided contact closes with it; a chat's closes when its conversation is finalized. */
const RECORD_TABS_CLOSED_HERE = new Set(["calls", "sales_calls", "queries"]);

/**
 * The contact ends with its exit tag (seed 001: "la etiqueta de salida para terminar con la
 * llamada"). At the end of a procedure it is that exit's tag; an agent who closes before (the
 * contract did not validate, the customer hung up) picks one of the tree's tags, and where he
 * left the procedure is recorded for the reports. A call's or query's record closes with it.
 */
export async function closeGuidedContact(
  ports: Ports,
  staff: StaffIdentity,
  contactId: string,
  input: z.input<typeof CloseGuidedInput>,
) {
  const { exitTag } = CloseGuidedInput.parse(input);
  if (!exitTag) throw new ExitTagRequiredError();
  const item = await ownGuidedContact(ports, staff, contactId);
  if (item.phase === "closed") {
    if (item.exitTag === exitTag) return toGuidedContactInfo(item);
    throw new ConflictError("contact_closed", "The contact is closed already", { exitTag: item.exitTag });
  }
  const tree = await treeOf(ports, item);
  const path = pathOf(item);
  const current = path.at(-1);
  if (item.phase === "closing") {
    const { escenario } = branchesOf(tree, item);
    const exit = escenario?.procedure.steps.find((step) => step.id === current?.step);
    if (exit?.kind === "exit" && exit.tag !== exitTag)
      throw new ConflictError("exit_tag_mismatch", "The procedure ends with another exit tag", {
        expected: exit.tag,
      });
  } else if (!tree.exitTags.some((tag) => tag.code === exitTag)) {
    throw new AppError("unknown_exit_tag", 400, "The tree has no such exit tag", {
      accepted: tree.exitTags.map((tag) => tag.code),
    });
  }
  const now = ports.clock.now();
  const closed = await saveGuidedContact(ports, item, {
    phase: "closed",
    exitTag,
    closedAt: now.toISOString(),
    ...(current && { path: [...path.slice(0, -1), leaving(current, now)] }),
    ...(item.phase !== "closing" && { leftAt: current?.step ?? item.phase }),
  });
  if (item.recordId) {
    const { data: record } = await ports.db.careRecord
      .get({ tenantId: staff.tenantId, recordId: item.recordId })
      .go();
    if (record?.status === "open" && RECORD_TABS_CLOSED_HERE.has(record.tab))
      await closeRecord(ports, staff, item.recordId);
  }
  return closed;
}
