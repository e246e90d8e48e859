import type { MoveBranch } from "../../../../shared/scripts/move-branch.js";
import type {
  Escenario,
  Motivo,
  Procedure,
  ScriptTree,
  Step,
  Tipo,
} from "../../../../shared/scripts/script-tree.js";
import type { ScriptTreeVersion } from "../../../../shared/scripts/script-versions.js";
import type { TreeProblem } from "../../../../shared/scripts/validate-tree.js";

export type {
  Escenario,
  Motivo,
  MoveBranch,
  Procedure,
  ScriptTree,
  ScriptTreeVersion,
  Step,
  Tipo,
  TreeProblem,
};

/** What saving, moving or importing answers: the version saved and what would stop its publication. */
export type SavedTree = ScriptTreeVersion & { problems: TreeProblem[] };
export type TreeVersionDetail = SavedTree & { tree: ScriptTree };
export type TreeVersions = { publishedVersion?: number; versions: ScriptTreeVersion[] };

export const CUSTOMER_FIELDS = ["name", "documentNumber", "phone", "email"] as const;
export type CustomerFieldName = (typeof CUSTOMER_FIELDS)[number];
export const STEP_KINDS = ["instruction", "question", "field", "action", "exit"] as const;
export const FIELD_TYPES = ["text", "number", "date"] as const;
export const ACTIONS = ["technical_complaint", "new_connection"] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** An id from a name, as the server's ids are: lowercase letters, digits and dashes. */
export function slugOf(name: string) {
  const slug = name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 50)
    .replace(/-+$/, "");
  return slug || "rama";
}

/** `base`, or `base-2`, `base-3`… when a sibling already has it: ids are unique among siblings. */
export function uniqueId(base: string, taken: readonly string[]) {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

/** The path problems name a branch by. */
export const branchPath = (...ids: string[]) => ids.join("/");

/** The problems of one branch itself (not of its procedure's steps). */
export const branchProblems = (problems: readonly TreeProblem[], path: string) =>
  problems.filter((problem) => problem.path === path && !problem.step);

/** The problems of one step of an escenario's procedure. */
export const stepProblems = (problems: readonly TreeProblem[], path: string, step: string) =>
  problems.filter((problem) => problem.path === path && problem.step === step);

/** A step of another kind keeping what both share: its id, its words, where it leads. */
export function changeKind(step: Step, kind: StepKind, fallbackNext: string, tag: string): Step {
  const text = "text" in step ? step.text : "label" in step ? step.label : "";
  const next = "next" in step ? step.next : fallbackNext;
  switch (kind) {
    case "instruction":
      return { kind, id: step.id, text, next };
    case "question":
      return {
        kind,
        id: step.id,
        text,
        options: [
          { id: "si", label: "Sí", next },
          { id: "no", label: "No", next },
        ],
      };
    case "field":
      return { kind, id: step.id, label: text, type: "text", next };
    case "action":
      return { kind, id: step.id, action: "technical_complaint", text, next };
    case "exit":
      return { kind, id: step.id, tag };
  }
}

/** A new escenario's procedure: a single exit, which the admin builds on. */
export const firstProcedure = (tag: string): Procedure => ({
  start: "fin",
  steps: [{ kind: "exit", id: "fin", tag }],
});
