import { z } from "zod";
import { AppError } from "../errors.js";
import { nextSteps, type Procedure, type ScriptTree, type Step } from "./script-tree.js";

/**
 * One reason a tree cannot be published, with where it is (`tipo/motivo/escenario`, and the
 * step), so the editor can point at it.
 */
export const TreeProblem = z.object({
  code: z.enum([
    "duplicate_id",
    "duplicate_exit_tag",
    "empty_branch",
    "unknown_start",
    "unknown_target",
    "unknown_exit_tag",
    "unreachable_step",
    "cycle",
    "dead_end",
  ]),
  path: z.string(),
  step: z.string().optional(),
  target: z.string().optional(),
});
export type TreeProblem = z.infer<typeof TreeProblem>;

export class InvalidTreeError extends AppError {
  constructor(readonly problems: TreeProblem[]) {
    super("invalid_tree", 400, `The tree cannot be published: ${problems.map((p) => p.code).join(", ")}`, {
      problems,
    });
  }
}

/** The ids that appear more than once, once each. */
function duplicates(ids: string[]) {
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}

/**
 * Everything that would leave an agent stranded in a procedure: a start or a next step that does
 * not exist, a step no path reaches, a loop (a procedure always moves forward), a step from which
 * no path reaches an exit tag, an exit tag the tree does not define. Empty when publishable.
 */
export function procedureProblems(
  procedure: Procedure,
  path: string,
  tags: ReadonlySet<string>,
): TreeProblem[] {
  const problems: TreeProblem[] = [];
  const steps = new Map<string, Step>();
  for (const step of procedure.steps) {
    if (steps.has(step.id)) problems.push({ code: "duplicate_id", path, step: step.id });
    else steps.set(step.id, step);
  }
  if (!steps.has(procedure.start)) problems.push({ code: "unknown_start", path, step: procedure.start });
  for (const step of steps.values()) {
    for (const target of new Set(nextSteps(step))) {
      if (!steps.has(target)) problems.push({ code: "unknown_target", path, step: step.id, target });
    }
    if (step.kind === "exit" && !tags.has(step.tag))
      problems.push({ code: "unknown_exit_tag", path, step: step.id, target: step.tag });
  }
  if (problems.length > 0) return problems;

  // Depth-first from the start: a step met again while still on the current path closes a loop.
  const state = new Map<string, "open" | "done">();
  const visit = (id: string) => {
    state.set(id, "open");
    for (const target of new Set(nextSteps(steps.get(id)!))) {
      const seen = state.get(target);
      if (seen === "open") problems.push({ code: "cycle", path, step: id, target });
      else if (!seen) visit(target);
    }
    state.set(id, "done");
  };
  visit(procedure.start);
  for (const id of steps.keys())
    if (!state.has(id)) problems.push({ code: "unreachable_step", path, step: id });

  // Walking the edges backwards from every exit finds each step that can still end the contact.
  const ending = new Set([...steps.values()].filter((step) => step.kind === "exit").map((step) => step.id));
  for (let grew = true; grew; ) {
    grew = false;
    for (const step of steps.values()) {
      if (!ending.has(step.id) && nextSteps(step).some((target) => ending.has(target))) {
        ending.add(step.id);
        grew = true;
      }
    }
  }
  // Every answer of a question must lead on to an exit, not just one of them.
  for (const step of steps.values()) {
    const stranded = nextSteps(step).find((target) => !ending.has(target));
    if (state.has(step.id) && step.kind !== "exit" && stranded !== undefined)
      problems.push({ code: "dead_end", path, step: step.id, target: stranded });
  }
  return problems;
}

/** Every problem of the tree: its ids, its empty branches, and each escenario's procedure. */
export function treeProblems(tree: ScriptTree): TreeProblem[] {
  const problems: TreeProblem[] = [];
  const tags = new Set(tree.exitTags.map((tag) => tag.code));
  for (const code of duplicates(tree.exitTags.map((tag) => tag.code)))
    problems.push({ code: "duplicate_exit_tag", path: "exitTags", target: code });
  for (const id of duplicates(tree.tipos.map((tipo) => tipo.id)))
    problems.push({ code: "duplicate_id", path: id });
  for (const tipo of tree.tipos) {
    if (tipo.motivos.length === 0) problems.push({ code: "empty_branch", path: tipo.id });
    for (const id of duplicates(tipo.motivos.map((motivo) => motivo.id)))
      problems.push({ code: "duplicate_id", path: `${tipo.id}/${id}` });
    for (const motivo of tipo.motivos) {
      const motivoPath = `${tipo.id}/${motivo.id}`;
      if (motivo.escenarios.length === 0) problems.push({ code: "empty_branch", path: motivoPath });
      for (const id of duplicates(motivo.escenarios.map((escenario) => escenario.id)))
        problems.push({ code: "duplicate_id", path: `${motivoPath}/${id}` });
      for (const escenario of motivo.escenarios)
        problems.push(...procedureProblems(escenario.procedure, `${motivoPath}/${escenario.id}`, tags));
    }
  }
  return problems;
}
