import { z } from "zod";
import { AppError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { customerRecordOf, matchesRecord } from "./customer-record-match.js";
import { branchesOf, ownGuidedContact, saveGuidedContact, WrongPhaseError } from "./guided-contact.js";
import { treeOf } from "./guided-tree.js";
import { CustomerField } from "./script-tree.js";

export const ValidateContractInput = z.object({
  /** What the customer told for each contract field the motivo validates. */
  values: z.partialRecord(CustomerField, z.string().trim().max(200)),
});
export type ValidateContractInput = z.input<typeof ValidateContractInput>;

/**
 * The contract's validation (seed 001, between the reason and the solution): what the customer
 * says of each field the motivo asks is checked against his record. All matching moves the
 * contact on to the escenario; a mismatch keeps it here, saying which fields did not match, so
 * the agent asks again or closes the contact with an exit tag. Only that each field matched is
 * stored, not what was said.
 */
export async function validateContract(
  ports: Pick<Ports, "db" | "clock">,
  staff: StaffIdentity,
  contactId: string,
  input: ValidateContractInput,
) {
  const { values } = ValidateContractInput.parse(input);
  const item = await ownGuidedContact(ports, staff, contactId);
  if (item.phase !== "validation") throw new WrongPhaseError(item.phase);
  const { motivo } = branchesOf(await treeOf(ports, item), item);
  const fields = motivo?.validates ?? [];
  const missing = fields.filter((field) => !values[field]);
  if (missing.length > 0)
    throw new AppError("missing_field", 400, "Every contract field the motivo validates is needed", {
      fields: missing,
    });
  const customer = await customerRecordOf(ports, staff.tenantId, item.customerId);
  const checks = fields.map((field) => ({ field, matches: matchesRecord(field, values[field], customer) }));
  const passed = checks.every((check) => check.matches);
  return saveGuidedContact(ports, item, {
    validation: { outcome: passed ? "passed" : "failed", checks },
    ...(passed && { phase: "escenario" }),
  });
}
