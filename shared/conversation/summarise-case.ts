import { z } from "zod";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { GENERAL_QUEUE_ID, listQueues, type Queue } from "../queue/index.js";
import type { ConversationItem, MessageItem } from "./info.js";
import { listCustomerConversations } from "./list-conversations.js";
import { loadConversation } from "./load-conversation.js";

/** How much of the customer's opening the summary quotes: enough to know the case, short enough to read first. */
const OPENING_MESSAGES = 3;
const QUOTE_CHARS = 280;
const KEY_PHRASES = 6;
const PREVIOUS_CASES = 5;

const QueueName = z.object({ queueId: z.string(), es: z.string(), en: z.string() });
const Quote = z.object({ seq: z.number(), text: z.string(), at: z.string() });

/** What whoever opens a case reads first: built from what is stored, the same every time for the same case. */
export const CaseSummary = z.object({
  conversationId: z.string(),
  queue: QueueName,
  asked: z.object({
    subject: z.string(),
    /** The reason the chatbot collected, when a chatbot attended the chat first. */
    motivo: z.string().optional(),
    firstMessages: z.array(Quote),
    keyPhrases: z.array(z.string()),
  }),
  done: z.object({
    agents: z.array(
      z.object({
        staffId: z.string(),
        name: z.string(),
        firstAt: z.string(),
        lastAt: z.string(),
        messages: z.number(),
      }),
    ),
    handovers: z.array(
      z.object({
        handoverId: z.string(),
        note: z.string(),
        fromStaffName: z.string(),
        from: QueueName,
        to: QueueName,
        at: z.string(),
      }),
    ),
    messages: z.object({ customer: z.number(), agent: z.number(), system: z.number() }),
    /** The customer's other cases, newest first, with how each was closed. */
    previousCases: z.array(
      z.object({
        conversationId: z.string(),
        subject: z.string(),
        disposition: z.string().optional(),
        closedAt: z.string().optional(),
      }),
    ),
  }),
  documents: z.array(
    z.object({
      title: z.string(),
      state: z.enum(["requested", "received"]),
      /** When it was asked for, or when it arrived. */
      at: z.string(),
      fileName: z.string().optional(),
    }),
  ),
  /** Files the customer attached to his messages, outside any request. */
  filesReceived: z.array(z.object({ name: z.string(), seq: z.number(), at: z.string() })),
  approvals: z.array(
    z.object({
      description: z.string(),
      operation: z.string(),
      state: z.string(),
      at: z.string(),
    }),
  ),
  pending: z.object({
    /** What the customer wrote after the last agent's answer. */
    unanswered: z.array(Quote),
    documents: z.array(z.string()),
    approvals: z.array(z.string()),
  }),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

/** Everything the summary is made from; each source plugs in as one list. */
export type CaseFacts = {
  conversation: Pick<ConversationItem, "conversationId" | "subject" | "queueId" | "handovers" | "bot">;
  /** The case's messages in sequence order. */
  messages: Pick<
    MessageItem,
    "seq" | "author" | "authorId" | "authorName" | "text" | "attachments" | "createdAt"
  >[];
  queues: Queue[];
  documents: {
    title: string;
    state: "requested" | "received";
    requestedAt: string;
    receivedAt?: string;
    fileName?: string;
  }[];
  approvals: {
    description: string;
    operation: string;
    state: string;
    requestedAt: string;
    decidedAt?: string;
  }[];
  previousCases: { conversationId: string; subject: string; disposition?: string; closedAt?: string }[];
};

/** Words that say nothing about a case, in the two languages customers write in. */
const STOP_WORDS = new Set(
  (
    "para pero como este esta estos estas that this with from have hola buenas buenos dias tardes noches " +
    "gracias favor quiero quisiera necesito tengo tiene puedo puede porque cuando donde sobre desde hasta " +
    "entre muchas mucho muy todo toda todos nada algo ayer hoy mañana vale bueno please thanks hello there " +
    "would could should about what when where which your mine their ustedes usted nuestro nuestra pues " +
    "también tambien habia había hace hacer saber favor sido estoy estaba será sera otra otro " +
    // Currencies: the amounts already say them.
    "euro euros dólares dolares pesos"
  ).split(" "),
);

/** Amounts the customer mentions are what a bank's case turns on: they come first among the key phrases. */
const AMOUNT = /(?:[$€£]\s?\d[\d.,]*|\d[\d.,]*\s?(?:€|euros?|eur|usd|dólares|dolares|pesos|\$))/giu;

/** The words and amounts the customer used most, in a stable order (count, then first use). */
export function keyPhrases(texts: readonly string[]): string[] {
  const amounts = texts.flatMap((text) => text.match(AMOUNT) ?? []).map((amount) => amount.trim());
  const counts = new Map<string, { count: number; first: number }>();
  let position = 0;
  for (const text of texts) {
    for (const word of text.toLocaleLowerCase("es").match(/\p{L}[\p{L}\p{N}]{3,}/gu) ?? []) {
      if (STOP_WORDS.has(word)) continue;
      const seen = counts.get(word);
      counts.set(word, seen ? { ...seen, count: seen.count + 1 } : { count: 1, first: position });
      position++;
    }
  }
  const words = [...counts.entries()]
    .sort(([, a], [, b]) => b.count - a.count || a.first - b.first)
    .map(([word]) => word);
  return [...new Set([...amounts, ...words])].slice(0, KEY_PHRASES);
}

const quote = (message: CaseFacts["messages"][number]) => ({
  seq: message.seq,
  text:
    Array.from(message.text).length > QUOTE_CHARS
      ? `${Array.from(message.text)
          .slice(0, QUOTE_CHARS - 1)
          .join("")}…`
      : message.text,
  at: message.createdAt,
});

/** A summary of the case for the agent who opens it: what was asked, what was done, what is pending. */
export function summariseCase(facts: CaseFacts): CaseSummary {
  const { conversation, messages } = facts;
  const queueName = (queueId: string | undefined) => {
    const id = queueId ?? GENERAL_QUEUE_ID;
    return facts.queues.find((queue) => queue.queueId === id) ?? { queueId: id, es: id, en: id };
  };
  const fromCustomer = messages.filter((message) => message.author === "customer" && message.text);

  const agents = new Map<string, CaseSummary["done"]["agents"][number]>();
  for (const message of messages) {
    if (message.author !== "agent") continue;
    const seen = agents.get(message.authorId);
    agents.set(
      message.authorId,
      seen
        ? { ...seen, lastAt: message.createdAt, messages: seen.messages + 1 }
        : {
            staffId: message.authorId,
            name: message.authorName ?? message.authorId,
            firstAt: message.createdAt,
            lastAt: message.createdAt,
            messages: 1,
          },
    );
  }

  const lastAgentSeq = messages.findLast((message) => message.author === "agent")?.seq ?? 0;
  const count = (author: MessageItem["author"]) =>
    messages.filter((message) => message.author === author).length;
  const motivo = conversation.bot?.collected?.motivo;

  return {
    conversationId: conversation.conversationId,
    queue: queueName(conversation.queueId),
    asked: {
      subject: conversation.subject,
      ...(motivo && { motivo }),
      firstMessages: fromCustomer.slice(0, OPENING_MESSAGES).map(quote),
      keyPhrases: keyPhrases([...(motivo ? [motivo] : []), ...fromCustomer.map((message) => message.text)]),
    },
    done: {
      agents: [...agents.values()],
      handovers: (conversation.handovers ?? []).map((handover) => ({
        handoverId: handover.handoverId,
        note: handover.note,
        fromStaffName: handover.fromStaffName,
        from: queueName(handover.fromQueueId),
        to: queueName(handover.toQueueId),
        at: handover.at,
      })),
      messages: { customer: count("customer"), agent: count("agent"), system: count("system") },
      previousCases: facts.previousCases.slice(0, PREVIOUS_CASES),
    },
    documents: facts.documents.map((document) => ({
      title: document.title,
      state: document.state,
      at: document.receivedAt ?? document.requestedAt,
      ...(document.fileName && { fileName: document.fileName }),
    })),
    filesReceived: messages
      .filter((message) => message.author === "customer")
      .flatMap((message) =>
        message.attachments.map((file) => ({ name: file.name, seq: message.seq, at: message.createdAt })),
      ),
    approvals: facts.approvals.map((approval) => ({
      description: approval.description,
      operation: approval.operation,
      state: approval.state,
      at: approval.decidedAt ?? approval.requestedAt,
    })),
    pending: {
      unanswered: fromCustomer.filter((message) => message.seq > lastAgentSeq).map(quote),
      documents: facts.documents.filter((document) => document.state === "requested").map((d) => d.title),
      approvals: facts.approvals.filter((approval) => approval.state === "pending").map((a) => a.description),
    },
  };
}

/** The summary of a case its tenant's staff may see: one read of each source, all of them at once. */
export async function loadCaseSummary(
  ports: Pick<Ports, "db">,
  staff: StaffIdentity,
  conversationId: string,
) {
  const conversation = await loadConversation(ports, staff, conversationId);
  const key = { tenantId: staff.tenantId, conversationId: conversation.conversationId };
  const [messages, queues, documents, approvals, history] = await Promise.all([
    ports.db.message.query.byConversation(key).go({ pages: "all" }),
    listQueues(ports, staff.tenantId),
    ports.db.caseDocument.query.byCase(key).go({ pages: "all" }),
    ports.db.approval.query.byCase(key).go({ pages: "all" }),
    listCustomerConversations(ports, staff, conversation.customerId),
  ]);
  return summariseCase({
    conversation,
    messages: messages.data,
    queues,
    documents: documents.data.map((document) => ({
      title: document.title,
      state: document.state,
      requestedAt: document.requestedAt,
      ...(document.receivedAt && { receivedAt: document.receivedAt }),
      ...(document.file && { fileName: document.file.name }),
    })),
    approvals: approvals.data.map((approval) => ({
      description: approval.description,
      operation: approval.operation,
      state: approval.state,
      requestedAt: approval.requestedAt,
      ...(approval.decidedAt && { decidedAt: approval.decidedAt }),
    })),
    previousCases: history
      .filter((other) => other.conversationId !== conversation.conversationId)
      .map(({ conversationId: id, subject, disposition, closedAt }) => ({
        conversationId: id,
        subject,
        ...(disposition && { disposition }),
        ...(closedAt && { closedAt }),
      })),
  });
}
