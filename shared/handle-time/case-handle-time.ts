import { z } from "zod";
import { loadConversation } from "../conversation/load-conversation.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";

export const HandleTime = z.object({
  totalSeconds: z.number(),
  agents: z.array(z.object({ staffId: z.string(), name: z.string(), seconds: z.number() })),
});
export type HandleTime = z.infer<typeof HandleTime>;

/** Rows of (agent, seconds) summed per agent, most time first. */
export function sumByAgent(
  rows: readonly { staffId: string; staffName: string; seconds: number }[],
): HandleTime {
  const agents = new Map<string, { staffId: string; name: string; seconds: number }>();
  for (const row of rows) {
    const seen = agents.get(row.staffId);
    agents.set(row.staffId, {
      staffId: row.staffId,
      name: row.staffName,
      seconds: (seen?.seconds ?? 0) + row.seconds,
    });
  }
  const list = [...agents.values()].sort((a, b) => b.seconds - a.seconds || a.name.localeCompare(b.name));
  return { totalSeconds: list.reduce((sum, agent) => sum + agent.seconds, 0), agents: list };
}

/** The active time spent on a case, in total and per agent. */
export async function caseHandleTime(ports: Pick<Ports, "db">, staff: StaffIdentity, conversationId: string) {
  const conversation = await loadConversation(ports, staff, conversationId);
  const { data } = await ports.db.handleTime.query
    .byCase({ tenantId: staff.tenantId, conversationId: conversation.conversationId })
    .go({ pages: "all" });
  return sumByAgent(data);
}
