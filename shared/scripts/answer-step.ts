import { z } from "zod";
import { generateService } from "../care/generate-service.js";
import { AppError, ConflictError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { customerRecordOf, matchesRecord } from "./customer-record-match.js";
import {
  branchesOf,
  type GuidedContactItem,
  leaving,
  ownGuidedContact,
  type PathEntry,
  pathOf,
  saveGuidedContact,
  toGuidedContactInfo,
  WrongPhaseError,
} from "./guided-contact.js";
import { treeOf } from "./guided-tree.js";
import { type Escenario, Slug, type Step } from "./script-tree.js";

export const AnswerStepInput = z.object({
  /** The step the agent answers: an answer for a step he has left already is not applied twice. */
  step: Slug,
  /** The option chosen, for a question. */
  answer: Slug.optional(),
  /** The value captured, for a field. */
  value: z.string().trim().max(500).optional(),
});
export type AnswerStepInput = z.input<typeof AnswerStepInput>;

export class StepMovedError extends ConflictError {
  constructor(current: string | undefined) {
    super("step_moved", "The contact is on another step; load it again", { current });
  }
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What the answer records of a step, refused when it is not an answer the step takes. */
function answerOf(step: Step, input: z.infer<typeof AnswerStepInput>) {
  if (step.kind === "question") {
    const option = step.options.find((o) => o.id === input.answer);
    if (!option)
      throw new AppError("unknown_option", 400, "The answer is not among the question's options", {
        accepted: step.options.map((o) => o.id),
      });
    return { next: option.next, answer: option.id };
  }
  if (step.kind === "field") {
    const value = input.value ?? "";
    if (!value) throw new AppError("value_required", 400, `${step.label} is needed`);
    const valid =
      step.type === "number"
        ? Number.isFinite(Number(value.replace(",", ".")))
        : step.type === "date"
          ? ISO_DAY.test(value) && !Number.isNaN(Date.parse(value))
          : true;
    if (!valid) throw new AppError("invalid_value", 400, `${step.label} must be a ${step.type}`);
    return { next: step.next, value };
  }
  if (step.kind === "exit") throw new WrongPhaseError("closing");
  return { next: step.next };
}

/** What the technician or the sales office reads on the service a procedure's action opens. */
function serviceNote(
  item: GuidedContactItem,
  escenario: Escenario,
  step: Step & { kind: "action" },
  path: PathEntry[],
) {
  const captured = path
    .filter((entry) => entry.value)
    .map((entry) => {
      const field = escenario.procedure.steps.find((s) => s.id === entry.step);
      return `${field?.kind === "field" ? field.label : entry.step}: ${entry.value}`;
    });
  return [`${item.motivoName} — ${escenario.name}`, step.text, ...captured].join("\n");
}

/**
 * The agent answers the step he is on and the procedure moves to the next one: a question by
 * one of its options, a field by its value (checked against the customer's record when it
 * names a field), an instruction by having done it, an action by the system doing it: "levantar
 * queja técnica" generates the technical service from the contact's record, once however often
 * it is asked. An answer for a step already answered the same way changes nothing.
 */
export async function answerStep(
  ports: Ports,
  staff: StaffIdentity,
  contactId: string,
  input: AnswerStepInput,
) {
  const answer = AnswerStepInput.parse(input);
  const item = await ownGuidedContact(ports, staff, contactId);
  const path = pathOf(item);
  const current = path.at(-1);
  const previous = path.at(-2);
  if (current?.step !== answer.step) {
    const retried =
      previous?.step === answer.step && previous.answer === answer.answer && previous.value === answer.value;
    if (retried) return toGuidedContactInfo(item);
    throw new StepMovedError(current?.step);
  }
  if (item.phase !== "solution") throw new WrongPhaseError(item.phase);
  const { escenario } = branchesOf(await treeOf(ports, item), item);
  const steps = new Map(escenario?.procedure.steps.map((step) => [step.id, step]));
  const step = steps.get(current.step)!;
  const { next, ...recorded } = answerOf(step, answer);

  let done: PathEntry = { ...leaving(current, ports.clock.now()), ...recorded };
  let service: { serviceId?: string; solution?: string } = {};
  if (step.kind === "field" && step.checks) {
    const customer = await customerRecordOf(ports, staff.tenantId, item.customerId);
    done = { ...done, matches: matchesRecord(step.checks, recorded.value, customer) };
  }
  if (step.kind === "action") {
    if (!item.recordId)
      throw new ConflictError(
        "no_care_record",
        "This contact has no back-office record to open a service from",
      );
    const generated = await generateService(ports, staff, item.recordId, {
      type: step.action === "new_connection" ? "new_connection" : "technical_service",
      note: serviceNote(item, escenario!, step, path),
    });
    service = { serviceId: generated.recordId, solution: step.text };
  }
  const nextStep = steps.get(next)!;
  return saveGuidedContact(ports, item, {
    phase: nextStep.kind === "exit" ? "closing" : "solution",
    path: [
      ...path.slice(0, -1),
      done,
      { step: nextStep.id, kind: nextStep.kind, enteredAt: ports.clock.now().toISOString(), ms: 0 },
    ],
    ...service,
  });
}
