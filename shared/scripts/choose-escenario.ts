import { z } from "zod";
import { AppError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import {
  branchesOf,
  ownGuidedContact,
  saveGuidedContact,
  toGuidedContactInfo,
  WrongPhaseError,
} from "./guided-contact.js";
import { treeOf } from "./guided-tree.js";
import { Slug } from "./script-tree.js";

export const ChooseEscenarioInput = z.object({ escenario: Slug });

/** The agent names what he found (cable modem dañado, falla en la zona…): its procedure starts at its first step. */
export async function chooseEscenario(
  ports: Pick<Ports, "db" | "clock">,
  staff: StaffIdentity,
  contactId: string,
  input: z.input<typeof ChooseEscenarioInput>,
) {
  const { escenario: escenarioId } = ChooseEscenarioInput.parse(input);
  const item = await ownGuidedContact(ports, staff, contactId);
  if (item.phase === "solution" && item.escenario === escenarioId && item.path.length === 1)
    return toGuidedContactInfo(item);
  if (item.phase !== "escenario") throw new WrongPhaseError(item.phase);
  const { motivo } = branchesOf(await treeOf(ports, item), item);
  const escenario = motivo?.escenarios.find((e) => e.id === escenarioId);
  if (!escenario)
    throw new AppError("unknown_escenario", 400, "The motivo has no such escenario", {
      accepted: motivo?.escenarios.map((e) => e.id) ?? [],
    });
  const start = escenario.procedure.steps.find((step) => step.id === escenario.procedure.start)!;
  return saveGuidedContact(ports, item, {
    phase: start.kind === "exit" ? "closing" : "solution",
    escenario: escenario.id,
    escenarioName: escenario.name,
    path: [{ step: start.id, kind: start.kind, enteredAt: ports.clock.now().toISOString(), ms: 0 }],
  });
}
