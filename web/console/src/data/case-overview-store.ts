import { createResource } from "solid-js";
import type { AgentApi } from "./agent-api";
import type { CaseOverview, HandleTime, Queue } from "./case-summary";
import type { ConversationInfo } from "./console-types";

/**
 * The tenant's departments and the open case's summary with its handle time (issue 6). The
 * summary is read again when the case changes hands (taken, transferred), not on every message.
 */
export function createCaseOverviewStore(
  api: AgentApi,
  conversation: () => ConversationInfo | undefined,
  report: (error: unknown) => void,
) {
  const [queues] = createResource(
    async (): Promise<Queue[]> => {
      try {
        return await api.queues();
      } catch (error) {
        report(error);
        return [];
      }
    },
    { initialValue: [] },
  );
  const key = () => {
    const c = conversation();
    return c && `${c.conversationId}|${c.status}|${c.assigneeId ?? ""}|${c.queueId ?? ""}`;
  };
  // A summary that cannot be read leaves the case without one; the case itself still works.
  const [overview, { refetch, mutate }] = createResource(key, (k) =>
    api.caseOverview(k.split("|")[0]!).catch((): CaseOverview | undefined => undefined),
  );
  return {
    queues,
    /** The summary of the case on screen, never a previous one's while the next loads. */
    overview: () => {
      const current = overview();
      return current && current.summary.conversationId === conversation()?.conversationId
        ? current
        : undefined;
    },
    refresh: () => void refetch(),
    /** The handle time the server answered a report with. */
    setHandleTime(conversationId: string, handleTime: HandleTime) {
      const current = overview();
      if (current?.summary.conversationId === conversationId) mutate({ ...current, handleTime });
    },
  };
}
