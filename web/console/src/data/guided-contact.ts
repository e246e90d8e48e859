import type { GuidedContactInfo, GuidedPhase, PathEntry } from "../../../../shared/scripts/guided-contact.js";
import type { CustomerField, ScriptTree, Step } from "../../../../shared/scripts/script-tree.js";
import type { AgentApi } from "./agent-api";

export type { CustomerField, GuidedContactInfo, GuidedPhase, PathEntry, ScriptTree, Step };

/** What the reason was filled in from: the IVR for a call, the chatbot for a chat. */
export type Prefill = { tipo: string; motivo?: string; by: "ivr" | "chatbot" };

/**
 * What the panel opens with: the contact and the tree version it follows once started; before,
 * the published tree, the tipos the agent attends (absent: all) and the reason already known.
 * Empty when no tree is published.
 */
export type GuidedView = {
  contact?: GuidedContactInfo;
  tree?: ScriptTree;
  version?: number;
  tipos?: string[];
  prefill?: Prefill;
};

/** The answer to the step the contact is on: an option for a question, a value for a field. */
export type StepAnswer = { step: string; answer?: string; value?: string };

/** The agent's calls for one contact (a call's, chat's or query's record id, or a conversation id). */
export function guidedContactApi(api: AgentApi, contactId: string) {
  const move = (path: string, body: unknown) => api.guided<GuidedContactInfo>(contactId, path, body);
  return {
    view: () => api.guided<GuidedView>(contactId),
    start: (reason: { tipo: string; motivo: string }) => move("", reason),
    validate: (values: Partial<Record<CustomerField, string>>) => move("/validation", { values }),
    chooseEscenario: (escenario: string) => move("/escenario", { escenario }),
    answer: (answer: StepAnswer) => move("/steps", answer),
    back: (step: string) => move("/back", { step }),
    close: (exitTag: string) => move("/close", { exitTag }),
  };
}

/** The four stages the agent sees, in the seed's order: reason, validation, solution, exit tag. */
export const STAGES = ["reason", "validation", "solution", "exit"] as const;
export type Stage = (typeof STAGES)[number];

export function stageOf(contact: GuidedContactInfo | undefined): Stage {
  switch (contact?.phase) {
    case undefined:
      return "reason";
    case "validation":
      return "validation";
    case "escenario":
    case "solution":
      return "solution";
    case "closing":
    case "closed":
      return "exit";
  }
}

/** The contact's tipo, motivo, escenario and the step it is on, in the tree version it follows. */
export function whereIs(tree: ScriptTree, contact: GuidedContactInfo) {
  const tipo = tree.tipos.find((t) => t.id === contact.tipo);
  const motivo = tipo?.motivos.find((m) => m.id === contact.motivo);
  const escenario = motivo?.escenarios.find((e) => e.id === contact.escenario);
  const steps = new Map(escenario?.procedure.steps.map((step) => [step.id, step]));
  const current = contact.path.at(-1);
  return { tipo, motivo, escenario, steps, step: current && steps.get(current.step) };
}

/** "Atrás" is closed when the step before was an action: what the system did is not undone. */
export const backBlocked = (contact: GuidedContactInfo) => contact.path.at(-2)?.kind === "action";

/** What a step taken reads as in the path: its text or label, and the answer given. */
export function takenStep(step: Step | undefined, entry: PathEntry) {
  if (!step) return { text: entry.step, answer: entry.value };
  switch (step.kind) {
    case "question":
      return { text: step.text, answer: step.options.find((o) => o.id === entry.answer)?.label };
    case "field":
      return { text: step.label, answer: entry.value };
    case "instruction":
    case "action":
      return { text: step.text, answer: undefined };
    case "exit":
      return { text: step.tag, answer: undefined };
  }
}
