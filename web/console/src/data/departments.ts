import type { Queue } from "../../../../shared/queue/queue.js";
import type { MessageKey } from "../i18n";

/** The queue every case waits in when nobody sent it anywhere: it cannot be removed. */
export const GENERAL_QUEUE_ID = "general";

const QUEUE_ID = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const MAX_NAME = 80;

/** A department as the admin edits it; `fresh` rows take their id from the Spanish name. */
export type DepartmentRow = Queue & { fresh: boolean };

/** The id a new department gets from its Spanish name: «Seguros de viaje» is `seguros-de-viaje`. */
export function departmentId(name: string) {
  return name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

/** What the form says is wrong, row by row (1-based, as the admin counts): the server checks it again. */
export type DepartmentProblem = { key: MessageKey; row: number };

export function departmentProblems(rows: readonly Queue[]): DepartmentProblem[] {
  const problems: DepartmentProblem[] = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const at = index + 1;
    if (!row.es.trim() || !row.en.trim()) problems.push({ key: "departments.problem.name", row: at });
    else if (row.es.trim().length > MAX_NAME || row.en.trim().length > MAX_NAME)
      problems.push({ key: "departments.problem.long", row: at });
    else if (!QUEUE_ID.test(row.queueId)) problems.push({ key: "departments.problem.id", row: at });
    else if (seen.has(row.queueId)) problems.push({ key: "departments.problem.duplicate", row: at });
    seen.add(row.queueId);
  });
  return problems;
}
