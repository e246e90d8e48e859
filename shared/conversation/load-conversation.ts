import { ConflictError, NotFoundError } from "../errors.js";
import type { CustomerIdentity, Identity, StaffIdentity } from "../identity/index.js";
import { oversees } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { ConversationId, type ConversationItem } from "./info.js";

/**
 * The conversation if the caller may see it. Another tenant's or another customer's
 * conversation is `conversation_not_found`, exactly like one that does not exist.
 */
export async function loadConversation(ports: Pick<Ports, "db">, viewer: Identity, conversationId: string) {
  const id = ConversationId.safeParse(conversationId);
  if (!id.success) throw new NotFoundError("conversation");
  const { data } = await ports.db.conversation
    .get({ tenantId: viewer.tenantId, conversationId: id.data })
    .go();
  if (!data || !visibleTo(viewer, data)) throw new NotFoundError("conversation");
  return data;
}

/** Staff see every conversation of their tenant; a customer only his own. */
export function visibleTo(viewer: Identity, conversation: ConversationItem) {
  return (
    conversation.tenantId === viewer.tenantId &&
    (viewer.kind === "staff" || conversation.customerId === viewer.customerId)
  );
}

export class TakenByOtherError extends ConflictError {
  constructor(conversation: { assigneeId?: string | undefined; assigneeName?: string | undefined }) {
    super(
      "conversation_taken",
      `${conversation.assigneeName ?? "Another agent"} already has this conversation`,
      {
        assigneeId: conversation.assigneeId,
        assigneeName: conversation.assigneeName,
      },
    );
  }
}

export class ConversationClosedError extends ConflictError {
  constructor() {
    super("conversation_closed", "This conversation is closed");
  }
}

/**
 * Nobody takes, writes in or closes a chat the chatbot attends: its hand-off queues it, and one
 * it ended is taken first.
 */
export class AttendedByBotError extends ConflictError {
  constructor() {
    super(
      "conversation_with_bot",
      "The chatbot is attending this conversation; it joins the queue when the bot hands it over",
    );
  }
}

/** The staff member may write in it: it is assigned to him (supervisors may step into any open one). */
export function assertMayWrite(staff: StaffIdentity, conversation: ConversationItem) {
  if (conversation.status === "closed") throw new ConversationClosedError();
  if (conversation.status === "bot" && conversation.bot?.outcome !== "end") throw new AttendedByBotError();
  if (conversation.status === "queued" || conversation.status === "bot") {
    throw new ConflictError("conversation_not_taken", "Take the conversation before writing in it");
  }
  if (conversation.assigneeId !== staff.staffId && !oversees(staff))
    throw new TakenByOtherError(conversation);
}

export function assertCustomerMayWrite(_customer: CustomerIdentity, conversation: ConversationItem) {
  if (conversation.status === "closed") throw new ConversationClosedError();
}
