import type { CaseSummary } from "../../../../shared/conversation/summarise-case.js";
import type { TransferInput } from "../../../../shared/conversation/transfer-conversation.js";
import type { HandleTime } from "../../../../shared/handle-time/case-handle-time.js";
import type { ActivitySlice } from "../../../../shared/handle-time/record-activity.js";
import type { Queue } from "../../../../shared/queue/queue.js";

export type { ActivitySlice, CaseSummary, HandleTime, Queue, TransferInput };

/** What the console reads about a case it opens: the generated summary and the time spent on it. */
export type CaseOverview = { summary: CaseSummary; handleTime: HandleTime };

/** The department's name in the console's language; one the admin took out shows its id. */
export function queueLabel(queues: readonly Queue[], queueId: string | undefined, lang: "es" | "en") {
  const id = queueId ?? "general";
  return queues.find((queue) => queue.queueId === id)?.[lang] ?? id;
}

/**
 * Worth showing at the top of a case: someone else worked on it, it was transferred, or the
 * customer has other cases. A fresh case from the queue needs no summary.
 */
export function hasHistory(summary: CaseSummary, staffId: string) {
  return (
    summary.done.handovers.length > 0 ||
    summary.done.agents.some((agent) => agent.staffId !== staffId) ||
    summary.done.previousCases.length > 0
  );
}

/** "1 h 05 min", "4 min 20 s", "35 s". */
export function formatHandleTime(seconds: number) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, "0")} min`;
  if (m > 0) return `${m} min ${String(s).padStart(2, "0")} s`;
  return `${s} s`;
}
