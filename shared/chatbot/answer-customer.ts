import type { DomainEvent } from "../../events/catalog.js";
import { REMEMBERED_CLIENT_IDS } from "../conversation/append-message.js";
import type { ConversationItem, MessageItem } from "../conversation/info.js";
import type { Ports } from "../ports.js";
import { handoffTipo } from "../scripts/conversation-tipo.js";
import { publishedFlowVersion } from "./bot-flows.js";
import { botMessages, lastMessageOf, statusAfter, turnEvents } from "./bot-turn.js";
import { runBot } from "./engine.js";
import { BotState } from "./flow.js";

/** Customers writing while the bot answers make its write lose its condition; each try reads again. */
const MAX_ATTEMPTS = 10;

type Received = DomainEvent<"message.received">;

/**
 * The bot answers one customer message of a chat it attends, with the flow version the chat
 * started with. The replies, the new bot state and a hand-off's move to the queue are one
 * transaction, conditional on the conversation being as read; the replies' client ids come
 * from the customer's message, and the state remembers the last message answered, so a
 * redelivered message is not answered twice. Messages of one conversation come in order
 * (the rule's `orderedBy`).
 */
export async function answerCustomer(ports: Ports, event: Received) {
  const { message } = event.data;
  if (message.author !== "customer") return;
  const key = { tenantId: event.tenantId, conversationId: event.data.conversationId };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { data: conversation } = await ports.db.conversation.get(key).go();
    if (!conversation?.bot) return;
    const state = BotState.parse(conversation.bot);
    if (message.seq <= state.answeredSeq || conversation.status !== "bot" || state.outcome) return;

    const flow = await publishedFlowVersion(ports, event.tenantId, state.flowVersion);
    const turn = runBot(flow, state, message.text);
    const nextState: BotState = { ...turn.nextState, answeredSeq: message.seq };
    const replies = botMessages(ports, conversation, flow, turn, message, conversation.messageSeq + 1);
    // A chat handed over with a reason the script tree knows waits for the agents who attend its tipo.
    const tipo = turn.outcome === "handoff" ? await handoffTipo(ports, event.tenantId, nextState) : undefined;
    if (await commitTurn(ports, conversation, nextState, replies, turn, tipo)) {
      await ports.events.publish(turnEvents(ports, conversation, nextState, replies));
      return;
    }
  }
  throw new Error(`The chatbot could not answer in ${key.conversationId}: it kept changing`);
}

async function commitTurn(
  ports: Ports,
  conversation: ConversationItem,
  state: BotState,
  replies: MessageItem[],
  turn: Parameters<typeof statusAfter>[0],
  tipo: string | undefined,
) {
  const now = replies[0]!.createdAt;
  const { tenantId, conversationId } = conversation;
  const { canceled } = await ports.db.transaction
    .write(({ conversation: conversations, message: messages }) => [
      conversations
        .patch({ tenantId, conversationId })
        .set({
          ...statusAfter(turn),
          ...(tipo && { tipo }),
          bot: state,
          // The name the customer gave names the chat in the agents' lists, unless it had one.
          ...(state.collected.name && !conversation.customerName && { customerName: state.collected.name }),
          messageSeq: replies.at(-1)!.seq,
          recentClientMessageIds: [
            ...conversation.recentClientMessageIds.slice(replies.length - REMEMBERED_CLIENT_IDS),
            ...replies.map(({ clientMessageId, seq }) => ({ clientMessageId, seq })),
          ],
          ...lastMessageOf(replies),
          lastActivityAt: now,
        })
        .add({ customerUnread: replies.length })
        .where(
          ({ messageSeq, status }, { eq }) =>
            `${eq(messageSeq, conversation.messageSeq)} AND ${eq(status, "bot")}`,
        )
        .commit(),
      ...replies.map((reply) => messages.create(reply).commit()),
    ])
    .go();
  return !canceled;
}
