import { z } from "zod";
import { IvrStep } from "../care/record.js";
import { CONTACT_STATES, type ContactEvent, type ContactState, stateRank } from "./connect-contact-event.js";
import type { LexConversationTurn } from "./lex-conversation-turn.js";

/** The contact flow's tags we read (set with its "Set contact tags" blocks); names compared case-insensitively. */
const TAG = { motivo: "motivo", city: "ciudad", line: "linea", document: "documento", phone: "telefono" };
const SALES_LINE = "ventas";

/** What only a call's record shows: Connect's progress and the caller's way through the IVR. */
export const CallDetail = z.object({
  /** How many of the call's facts (contact events and bot turns) it was built from. */
  revision: z.number().int().nonnegative(),
  /** The furthest Connect got with the contact: its events may come in any order. */
  state: z.enum(CONTACT_STATES).optional(),
  initiatedAt: z.string().optional(),
  connectedToSystemAt: z.string().optional(),
  enqueuedAt: z.string().optional(),
  connectedToAgentAt: z.string().optional(),
  disconnectedAt: z.string().optional(),
  queueArn: z.string().optional(),
  steps: z.array(IvrStep),
});
export type CallDetail = z.infer<typeof CallDetail>;

const tagOf = (tags: Record<string, string>, name: string) =>
  Object.entries(tags)
    .find(([key]) => key.toLowerCase() === name)?.[1]
    ?.trim() || undefined;

const depth = (motivo: string | undefined) => motivo?.split("›").length ?? 0;

/**
 * Tags accumulate on a contact, so the latest event carries the newest: events in the order they
 * happened, by time (whole seconds) and state; within one second the one with more tags, or the
 * more specific motivo, was sent after the other.
 */
function chronological(events: readonly ContactEvent[]) {
  const key = (event: ContactEvent) =>
    [
      event.time,
      stateRank(event.eventType),
      Object.keys(event.tags).length,
      depth(tagOf(event.tags, TAG.motivo)),
    ] as const;
  return [...events].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    return 0;
  });
}

const first = <T>(values: readonly (T | undefined)[]) => values.find((value) => value !== undefined);

/** Without the fields nobody told us: DynamoDB stores no `undefined`. */
const compact = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;

/**
 * The bot's turns as the IVR steps "Ver" shows: each answer beside the question it answers (what
 * the bot said the turn before; for the first, what the flow played), then the bot's last words.
 */
function stepsOf(turns: readonly LexConversationTurn[]): z.infer<typeof IvrStep>[] {
  const ordered = [...turns].sort(
    (a, b) => a.at.localeCompare(b.at) || a.requestId.localeCompare(b.requestId),
  );
  const steps = ordered.map((turn, i) => ({
    at: turn.at,
    prompt: (i === 0 ? turn.flowPrompt : ordered[i - 1]!.botMessages.join(" ")) ?? "",
    ...(turn.answer && { answer: turn.answer }),
    ...(turn.inputMode && { inputMode: turn.inputMode }),
  }));
  const last = ordered.at(-1);
  if (last && last.botMessages.length > 0) steps.push({ at: last.at, prompt: last.botMessages.join(" ") });
  return steps;
}

/**
 * A call as its facts tell it, whatever order they came in and however often: a pure function of
 * the set, so rebuilding it after any redelivery gives the same record, and a later fact can only
 * add to it. Sales when the flow tagged the sales line or the call waited in a sales queue.
 */
export function summariseCall(
  facts: { events: readonly ContactEvent[]; turns: readonly LexConversationTurn[] },
  salesQueueArns: readonly string[],
) {
  const events = chronological(facts.events);
  const tags = Object.assign({}, ...events.map((event) => event.tags)) as Record<string, string>;
  const furthest = events.reduce<ContactState | undefined>(
    (state, event) =>
      stateRank(event.eventType) > (state ? stateRank(state) : 0) ? (event.eventType as ContactState) : state,
    undefined,
  );
  const pick = <K extends keyof ContactEvent>(key: K) => first(events.map((event) => event[key]));
  const queueArn = events.findLast((event) => event.queueArn)?.queueArn;
  const sales =
    events.some((event) => tagOf(event.tags, TAG.line)?.toLowerCase() === SALES_LINE) ||
    events.some((event) => event.queueArn !== undefined && salesQueueArns.includes(event.queueArn));
  const initiatedAt = pick("initiatedAt");
  const earliest = [
    ...events.map((event) => new Date(event.time).toISOString()),
    ...facts.turns.map((turn) => turn.at),
  ].sort()[0];
  if (!earliest) throw new Error("A call is summarised from one fact at least");
  const detail: CallDetail = compact({
    revision: facts.events.length + facts.turns.length,
    state: furthest,
    initiatedAt,
    connectedToSystemAt: pick("connectedToSystemAt"),
    enqueuedAt: pick("enqueuedAt"),
    connectedToAgentAt: pick("connectedToAgentAt"),
    disconnectedAt: pick("disconnectedAt"),
    queueArn,
    steps: stepsOf(facts.turns),
  });
  return compact({
    tab: sales ? ("sales_calls" as const) : ("calls" as const),
    createdAt: initiatedAt ? new Date(initiatedAt).toISOString() : earliest,
    motivo: tagOf(tags, TAG.motivo),
    city: tagOf(tags, TAG.city),
    documentNumber: tagOf(tags, TAG.document),
    phone: tagOf(tags, TAG.phone),
    detail,
  });
}
export type CallSummary = ReturnType<typeof summariseCall>;
