import { z } from "zod";
import type { CustomerIdentity, StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { toConversationInfo } from "./info.js";

export const InboxView = z.enum(["queue", "mine", "closed"]);
export type InboxView = z.infer<typeof InboxView>;

const PAGE = 100;

/**
 * The agent's inbox: the tenant's queue (longest waiting first), his own conversations and
 * the recently closed ones (newest first).
 */
export async function listInbox(ports: Pick<Ports, "db">, staff: StaffIdentity, view: InboxView) {
  const inboxKey = { queue: "queued", mine: `agent#${staff.staffId}`, closed: "closed" }[view];
  const { data } = await ports.db.conversation.query
    .inbox({ tenantId: staff.tenantId, inboxKey })
    .go({ order: view === "queue" ? "asc" : "desc", limit: PAGE });
  return data.map((item) => toConversationInfo(item, "staff"));
}

/** A customer's conversations, newest first: what the widget shows, and what an agent sees as his history. */
export async function listCustomerConversations(
  ports: Pick<Ports, "db">,
  viewer: CustomerIdentity | StaffIdentity,
  customerId: string,
) {
  const { data } = await ports.db.conversation.query
    .byCustomer({ tenantId: viewer.tenantId, customerId })
    .go({ order: "desc", pages: "all" });
  return data.map((item) => toConversationInfo(item, viewer.kind === "customer" ? "customer" : "staff"));
}
