import { z } from "zod";
import type { CustomerIdentity, StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { attendedTipos } from "../scripts/agent-profiles.js";
import { toConversationInfo } from "./info.js";

export const InboxView = z.enum(["queue", "mine", "closed"]);
export type InboxView = z.infer<typeof InboxView>;

/** Where a page of an inbox view ended: the last conversation's place in the view's order. */
const Position = z.tuple([z.string(), z.string()]);

/**
 * Our own cursor rather than DynamoDB's last key: it names a place in the view's order, never a
 * key, so a cursor from another view or tenant can only start a page of the caller's own view.
 */
function decodeCursor(cursor: string) {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  const position = Position.safeParse(decoded);
  return position.success
    ? { lastActivityAt: position.data[0], conversationId: position.data[1] }
    : undefined;
}

const cursorAt = (item: { lastActivityAt: string; conversationId: string }) =>
  Buffer.from(JSON.stringify([item.lastActivityAt, item.conversationId])).toString("base64url");

export const InboxQuery = z.object({
  view: InboxView.default("queue"),
  /** The `nextCursor` of the page before. */
  after: z
    .string()
    .max(200)
    .refine((cursor) => decodeCursor(cursor) !== undefined, "Not a cursor this API gave out")
    .optional(),
  /** A console that holds more than one page asks for as many when it fetches a view again. */
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * The agent's inbox a page at a time: the tenant's queue (longest waiting first), his own
 * conversations and the recently closed ones (newest first). An agent with a Kardex profile
 * sees in the queue only conversations of his tipos and those without one. `nextCursor` is
 * there only when more follow.
 */
export async function listInbox(
  ports: Pick<Ports, "db">,
  staff: StaffIdentity,
  query: z.input<typeof InboxQuery>,
) {
  const { view, after, limit } = InboxQuery.parse(query);
  const position = after ? decodeCursor(after) : undefined;
  const inboxKey = { queue: "queued", mine: `agent#${staff.staffId}`, closed: "closed" }[view];
  const ascending = view === "queue";
  const inbox = ports.db.conversation.query.inbox({ tenantId: staff.tenantId, inboxKey });
  const page = position ? (ascending ? inbox.gt(position) : inbox.lt(position)) : inbox;
  const tipos = view === "queue" ? await attendedTipos(ports, staff) : undefined;
  // One more than asked tells whether another page follows, without a request that finds nothing.
  const { data } = tipos
    ? // DynamoDB filters after it reads a page: `count` reads on until enough match or the queue ends.
      await page
        .where((item, { notExists, eq }) =>
          [notExists(item.tipo), ...tipos.map((tipo) => eq(item.tipo, tipo))].join(" OR "),
        )
        .go({ order: "asc", count: limit + 1, limit: limit + 1 })
    : await page.go({ order: ascending ? "asc" : "desc", limit: limit + 1 });
  const items = data.slice(0, limit);
  const last = items.at(-1);
  return {
    conversations: items.map((item) => toConversationInfo(item, "staff")),
    ...(data.length > limit && last && { nextCursor: cursorAt(last) }),
  };
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
