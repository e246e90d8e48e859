import { z } from "zod";
import type { DomainEvent } from "../../events/catalog.js";
import { ConversationId, toMessagePayload } from "../conversation/info.js";
import { loadConversation } from "../conversation/load-conversation.js";
import type { Identity } from "../identity/index.js";
import type { Ports } from "../ports.js";

export const ResumeInput = z.object({
  action: z.literal("resume"),
  conversations: z
    .array(z.object({ conversationId: ConversationId, afterSeq: z.number().int().nonnegative() }))
    .max(100),
});

const MAX_REPLAY = 500;

/**
 * What a client missed while its socket was down: for each conversation it names, the
 * messages after the last sequence number it saw, in order, as the same events it would have
 * received live. Sequence numbers are gapless per conversation, so the client can apply them
 * without loss or doubles. A conversation the caller may not see yields nothing.
 */
export async function resumeEvents(
  ports: Pick<Ports, "db">,
  caller: Identity,
  input: z.input<typeof ResumeInput>,
) {
  const { conversations } = ResumeInput.parse(input);
  const replays = await Promise.all(
    conversations.map(async ({ conversationId, afterSeq }) => {
      const conversation = await loadConversation(ports, caller, conversationId).catch(() => null);
      if (!conversation || conversation.messageSeq <= afterSeq) return [];
      if (
        caller.kind === "staff" &&
        caller.role === "agent" &&
        conversation.assigneeId &&
        conversation.assigneeId !== caller.staffId
      ) {
        return [];
      }
      const { data } = await ports.db.message.query
        .byConversation({ tenantId: caller.tenantId, conversationId })
        .gt({ seq: afterSeq })
        .go({ order: "asc", limit: MAX_REPLAY });
      return data.map(
        (message): DomainEvent => ({
          id: `evt_replay_${message.messageId}`,
          name: message.author === "agent" ? "message.sent" : "message.received",
          tenantId: message.tenantId,
          occurredAt: message.createdAt,
          actor:
            message.author === "agent"
              ? { type: "staff", id: message.authorId }
              : { type: "customer", id: message.authorId },
          data: {
            conversationId,
            customerId: message.customerId,
            ...(conversation.assigneeId && { assigneeId: conversation.assigneeId }),
            message: toMessagePayload(message),
          },
        }),
      );
    }),
  );
  return replays.flat();
}
