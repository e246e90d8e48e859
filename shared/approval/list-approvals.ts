import { loadConversation } from "../conversation/load-conversation.js";
import type { Identity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { toApprovalInfo } from "./approval.js";

/** A case's approvals, oldest first, for its staff and its customer: the cards' live state. */
export async function listApprovals(
  ports: Pick<Ports, "db" | "clock">,
  viewer: Identity,
  conversationId: string,
) {
  const conversation = await loadConversation(ports, viewer, conversationId);
  const { data } = await ports.db.approval.query
    .byCase({ tenantId: conversation.tenantId, conversationId: conversation.conversationId })
    .go({ pages: "all" });
  const now = ports.clock.now();
  return data
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt))
    .map((approval) => toApprovalInfo(approval, now));
}
