import { z } from "zod";
import { ConflictError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import {
  detoursOf,
  leaving,
  ownGuidedContact,
  pathOf,
  saveGuidedContact,
  toGuidedContactInfo,
  WrongPhaseError,
} from "./guided-contact.js";
import { Slug } from "./script-tree.js";

export const StepBackInput = z.object({
  /** The step the agent goes back from: a second click does not go back twice. */
  step: Slug,
});

/**
 * "Atrás": the agent returns to the step before, to answer it again. The time he spent on the
 * step he leaves stays counted as a detour. From the procedure's first step he goes back to
 * choosing the escenario. An action the system already took (a service generated) is not
 * undone by going back, so the steps before it are closed to him.
 */
export async function stepBack(
  ports: Pick<Ports, "db" | "clock">,
  staff: StaffIdentity,
  contactId: string,
  input: z.input<typeof StepBackInput>,
) {
  const { step } = StepBackInput.parse(input);
  const item = await ownGuidedContact(ports, staff, contactId);
  if (item.phase !== "solution" && item.phase !== "closing") throw new WrongPhaseError(item.phase);
  const path = pathOf(item);
  const current = path.at(-1)!;
  if (current.step !== step) {
    if (detoursOf(item).at(-1)?.step === step) return toGuidedContactInfo(item);
    throw new ConflictError("step_moved", "The contact is on another step; load it again", {
      current: current.step,
    });
  }
  const previous = path.at(-2);
  if (previous?.kind === "action")
    throw new ConflictError("action_taken", "The action before this step was taken and cannot be undone");
  const now = ports.clock.now();
  const detours = [...detoursOf(item), { step, ms: leaving(current, now).ms }];
  if (!previous)
    return saveGuidedContact(ports, item, { phase: "escenario", path: [], detours }, [
      "escenario",
      "escenarioName",
    ]);
  const { answer: _answer, value: _value, matches: _matches, ...reopened } = previous;
  return saveGuidedContact(ports, item, {
    phase: "solution",
    path: [...path.slice(0, -2), { ...reopened, enteredAt: now.toISOString() }],
    detours,
  });
}
