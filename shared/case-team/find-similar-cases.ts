import { z } from "zod";
import type { ConversationItem } from "../conversation/info.js";
import { loadConversation } from "../conversation/load-conversation.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { cosine, tfIdfVectors, tokenize } from "./text-similarity.js";

/** How far back the search looks: the tenant's most recently closed cases, newest first. */
export const SIMILAR_SEARCH_WINDOW = 500;
const MAX_RESULTS = 10;
/** Below this, two texts share a stray word rather than a subject. */
const MIN_TEXT_SIMILARITY = 0.15;
/** The customer's first messages that say what the case is about. */
const OPENING_MESSAGES = 5;
/** What "how it was solved" shows of a past case: its last agent messages. */
const SOLUTION_MESSAGES = 3;

export const SimilarReason = z.enum(["disposition", "motivo", "text"]);

export const SimilarCase = z.object({
  conversationId: z.string(),
  subject: z.string(),
  channel: z.string(),
  disposition: z.string().optional(),
  motivo: z.string().optional(),
  closedAt: z.string().optional(),
  handledBy: z.string().optional(),
  score: z.number(),
  reasons: z.array(SimilarReason),
  /** How it was solved: the agent's last messages and the team's private notes and answers. */
  solution: z.object({
    agentMessages: z.array(
      z.object({ text: z.string(), authorName: z.string().optional(), createdAt: z.string() }),
    ),
    notes: z.array(z.object({ text: z.string(), authorName: z.string(), createdAt: z.string() })),
  }),
});
export type SimilarCase = z.infer<typeof SimilarCase>;

const motivoOf = (conversation: ConversationItem) => conversation.bot?.collected?.motivo?.trim() || undefined;
const sameWords = (a: string | undefined, b: string | undefined) =>
  a !== undefined &&
  b !== undefined &&
  tokenize(a).join(" ") === tokenize(b).join(" ") &&
  tokenize(a).length > 0;

async function openingText(ports: Pick<Ports, "db">, conversation: ConversationItem) {
  const { data } = await ports.db.message.query
    .byConversation({ tenantId: conversation.tenantId, conversationId: conversation.conversationId })
    .where(({ author }, { eq }) => eq(author, "customer"))
    .go({ count: OPENING_MESSAGES });
  return data.map((message) => message.text).join(" ");
}

async function solutionOf(ports: Pick<Ports, "db">, conversation: ConversationItem) {
  const key = { tenantId: conversation.tenantId, conversationId: conversation.conversationId };
  const [messages, notes] = await Promise.all([
    ports.db.message.query
      .byConversation(key)
      .where(({ author }, { eq }) => eq(author, "agent"))
      .go({ order: "desc", count: SOLUTION_MESSAGES }),
    ports.db.caseNote.query.byCase(key).go({ pages: "all" }),
  ]);
  return {
    agentMessages: messages.data.reverse().map(({ text, authorName, createdAt }) => ({
      text,
      ...(authorName && { authorName }),
      createdAt,
    })),
    notes: notes.data
      .filter((note) => note.kind === "note" || note.step === "answer")
      .map(({ text, authorName, createdAt }) => ({ text, authorName, createdAt })),
  };
}

/**
 * Past cases like this one, best first: the tenant's recently closed cases (the last
 * `SIMILAR_SEARCH_WINDOW`, one bounded query on the closed inbox) with the same disposition, the
 * same motivo told to the chatbot, or a similar subject and opening (TF-IDF cosine, accents and
 * Spanish stop-words aside), each with how it was solved. Never another tenant's cases.
 */
export async function findSimilarCases(
  ports: Pick<Ports, "db">,
  staff: StaffIdentity,
  conversationId: string,
) {
  const current = await loadConversation(ports, staff, conversationId);
  const [opening, closed] = await Promise.all([
    openingText(ports, current),
    ports.db.conversation.query
      .inbox({ tenantId: staff.tenantId, inboxKey: "closed" })
      .go({ order: "desc", count: SIMILAR_SEARCH_WINDOW }),
  ]);
  const candidates = closed.data.filter((c) => c.conversationId !== current.conversationId);
  const describe = (c: ConversationItem) =>
    tokenize([c.subject, c.emailSubject, motivoOf(c), c.lastMessagePreview].filter(Boolean).join(" "));
  const vectors = tfIdfVectors([
    tokenize([current.subject, current.emailSubject, motivoOf(current), opening].filter(Boolean).join(" ")),
    ...candidates.map(describe),
  ]);
  const [query, ...others] = vectors;
  const scored = candidates.flatMap((candidate, i) => {
    const text = query && others[i] ? cosine(query, others[i]) : 0;
    const reasons: z.infer<typeof SimilarReason>[] = [];
    if (current.disposition && candidate.disposition === current.disposition) reasons.push("disposition");
    if (sameWords(motivoOf(current), motivoOf(candidate))) reasons.push("motivo");
    if (text >= MIN_TEXT_SIMILARITY) reasons.push("text");
    if (reasons.length === 0) return [];
    const score = text + (reasons.includes("disposition") ? 0.5 : 0) + (reasons.includes("motivo") ? 0.5 : 0);
    return [{ candidate, reasons, score: Math.round(score * 1000) / 1000 }];
  });
  scored.sort(
    (a, b) => b.score - a.score || (b.candidate.closedAt ?? "").localeCompare(a.candidate.closedAt ?? ""),
  );
  return Promise.all(
    scored.slice(0, MAX_RESULTS).map(
      async ({ candidate, reasons, score }): Promise<SimilarCase> => ({
        conversationId: candidate.conversationId,
        subject: candidate.subject,
        channel: candidate.channel,
        ...(candidate.disposition && { disposition: candidate.disposition }),
        ...(motivoOf(candidate) && { motivo: motivoOf(candidate) }),
        ...(candidate.closedAt && { closedAt: candidate.closedAt }),
        ...(candidate.assigneeName && { handledBy: candidate.assigneeName }),
        score,
        reasons,
        solution: await solutionOf(ports, candidate),
      }),
    ),
  );
}
