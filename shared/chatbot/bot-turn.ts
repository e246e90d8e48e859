import { createHash } from "node:crypto";
import type { DomainEvent } from "../../events/catalog.js";
import type { ConversationItem, MessageItem } from "../conversation/info.js";
import { preview, toMessagePayload } from "../conversation/info.js";
import { createEvent } from "../event.js";
import { newId } from "../ids.js";
import type { Ports } from "../ports.js";
import type { BotTurn } from "./engine.js";
import type { BotField, BotFlow, BotState } from "./flow.js";

/** The author id of the bot's messages: it is nobody's account. */
export const BOT_AUTHOR_ID = "bot";
const BOT_ACTOR = { type: "system" as const, id: BOT_AUTHOR_ID };

/**
 * The client id of the bot's `index`th message answering one customer message: derived from
 * that message, so answering it again claims the same ids and stores nothing twice.
 */
export function botClientId(answeredMessageId: string, index: number) {
  return `bot_${createHash("sha256").update(answeredMessageId).digest("base64url").slice(0, 40)}_${index}`;
}

const FIELD_LABELS: Record<BotField, string> = {
  name: "Nombre",
  documentNumber: "Documento",
  phone: "Teléfono",
  email: "Correo",
  city: "Ciudad",
  motivo: "Motivo",
};

/** The note an agent reads first when the bot hands a chat over: what the customer chose and told it. */
export function collectedNote(state: BotState) {
  const lines = [
    ...(state.choices.length > 0 ? [`Opciones: ${state.choices.join(" › ")}`] : []),
    ...(Object.entries(FIELD_LABELS) as [BotField, string][]).flatMap(([field, label]) =>
      state.collected[field] ? [`${label}: ${state.collected[field]}`] : [],
    ),
  ];
  return ["El asistente derivó esta conversación.", ...lines].join("\n");
}

/** What the bot says in a turn, as messages from `firstSeq` on; a hand-off adds the note for the agent. */
export function botMessages(
  ports: Pick<Ports, "clock">,
  conversation: Pick<ConversationItem, "tenantId" | "conversationId" | "customerId">,
  flow: BotFlow,
  turn: BotTurn,
  answered: { messageId: string },
  firstSeq: number,
): MessageItem[] {
  const createdAt = ports.clock.now().toISOString();
  const texts = [...turn.replies, ...(turn.outcome === "handoff" ? [collectedNote(turn.nextState)] : [])];
  return texts.map((text, index) => ({
    tenantId: conversation.tenantId,
    conversationId: conversation.conversationId,
    seq: firstSeq + index,
    messageId: newId("message"),
    clientMessageId: botClientId(answered.messageId, index),
    customerId: conversation.customerId,
    author: "system",
    authorId: BOT_AUTHOR_ID,
    authorName: flow.botName,
    text,
    attachments: [],
    createdAt,
  }));
}

/** Where a conversation stands after a turn: a hand-off queues it for the agents. */
export function statusAfter(turn: BotTurn) {
  return turn.outcome === "handoff"
    ? { status: "queued" as const, inboxKey: "queued" }
    : { status: "bot" as const, inboxKey: "bot" };
}

/** The last of a turn's messages, as the inbox row shows it. */
export function lastMessageOf(messages: readonly MessageItem[]) {
  const last = messages.at(-1)!;
  return { lastMessagePreview: preview(last.text, []), lastMessageAuthor: "system" as const };
}

/**
 * The events a committed turn announces: each message for the customer's screen, and when the
 * bot is done, `chatbot.finished`; a hand-off also starts the conversation for the agents, which
 * puts it in their live queue.
 */
export function turnEvents(
  ports: Pick<Ports, "clock">,
  conversation: Pick<ConversationItem, "tenantId" | "conversationId" | "customerId" | "channel" | "subject">,
  state: BotState,
  messages: readonly MessageItem[],
): DomainEvent[] {
  const { tenantId, conversationId, customerId } = conversation;
  const ref = { conversationId, customerId };
  return [
    ...messages.map((message) =>
      createEvent(ports.clock, "message.sent", tenantId, BOT_ACTOR, {
        ...ref,
        message: toMessagePayload(message),
      }),
    ),
    ...(state.outcome
      ? [
          createEvent(ports.clock, "chatbot.finished", tenantId, BOT_ACTOR, {
            ...ref,
            outcome: state.outcome,
            flowVersion: state.flowVersion,
            collected: state.collected,
            choices: state.choices,
          }),
        ]
      : []),
    ...(state.outcome === "handoff"
      ? [
          createEvent(ports.clock, "conversation.started", tenantId, BOT_ACTOR, {
            ...ref,
            channel: conversation.channel,
            subject: conversation.subject,
          }),
        ]
      : []),
  ];
}
