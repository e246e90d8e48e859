import { z } from "zod";
import type { ConversationItem } from "../conversation/info.js";
import { loadConversation } from "../conversation/load-conversation.js";
import { ConflictError, ForbiddenError } from "../errors.js";
import { createEvent } from "../event.js";
import { oversees, type StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import {
  type CaseThreadItem,
  MAX_NOTE_LENGTH,
  type NoteInfo,
  NoteInput,
  readThread,
  storedEntry,
  toConsultInfo,
  writeEntry,
} from "./case-note.js";

export const ResolveConsultInput = z.object({
  clientId: NoteInput.shape.clientId,
  /** How it was settled, when there is something worth keeping. */
  text: z.string().trim().max(MAX_NOTE_LENGTH).default(""),
});
export type ResolveConsultInput = z.input<typeof ResolveConsultInput>;

const changedMeanwhile = () =>
  new ConflictError("consult_changed", "The consult changed meanwhile; reload it and try again");

const notOpen = (state: string) =>
  new ConflictError("consult_not_open", "This case has no consult waiting for an answer", { state });

/** What the case's consult thread looks like once the entry is written. */
async function settle(
  ports: Ports,
  staff: StaffIdentity,
  conversation: ConversationItem,
  thread: CaseThreadItem | undefined | null,
  event: "case.consult_requested" | "case.consult_answered" | "case.consult_resolved",
  note: NoteInfo,
  created: boolean,
) {
  const after = await readThread(ports, conversation);
  if (created) {
    const askedById = (event === "case.consult_requested" ? staff.staffId : thread?.askedById) ?? "";
    const common = {
      conversationId: conversation.conversationId,
      ...(conversation.assigneeId && { assigneeId: conversation.assigneeId }),
      askedById,
      note,
    };
    await ports.events.publish([
      event === "case.consult_requested"
        ? createEvent(
            ports.clock,
            event,
            staff.tenantId,
            { type: "staff", id: staff.staffId },
            {
              ...common,
              subject: conversation.subject,
            },
          )
        : createEvent(ports.clock, event, staff.tenantId, { type: "staff", id: staff.staffId }, common),
    ]);
  }
  return { note, consult: toConsultInfo(after) };
}

/** The case, its side thread as it is, and the entry this client id already stored there, if any. */
async function readCase(ports: Ports, staff: StaffIdentity, conversationId: string, clientId: string) {
  const conversation = await loadConversation(ports, staff, conversationId);
  const [stored, thread] = await Promise.all([
    storedEntry(ports, conversation, clientId, staff.staffId),
    readThread(ports, conversation),
  ]);
  return { conversation, stored, thread };
}

/**
 * The agent asks the supervisors about a case in its side thread, while he keeps attending the
 * customer. The consult waits among the tenant's pending ones until a supervisor answers; asking
 * again after an answer opens it again. A retry with the same client id stores nothing twice.
 */
export async function askSupervisor(
  ports: Ports,
  staff: StaffIdentity,
  conversationId: string,
  input: NoteInput,
) {
  const { clientId, text } = NoteInput.parse(input);
  const { conversation, stored, thread } = await readCase(ports, staff, conversationId, clientId);
  if (stored) return { note: stored, consult: toConsultInfo(thread) };
  const now = ports.clock.now().toISOString();
  const { note, created } = await writeEntry(
    ports,
    staff,
    conversation,
    { kind: "consult", step: "question", clientId, text },
    {
      change: {
        consultState: "open",
        askedAt: now,
        askedById: staff.staffId,
        askedByName: staff.name,
        question: text,
        subject: conversation.subject,
      },
      expect: thread?.consultState ?? "none",
      onConflict: changedMeanwhile,
    },
  );
  return settle(ports, staff, conversation, thread, "case.consult_requested", note, created);
}

/** A supervisor or admin answers a case's consult in its side thread; the agent who asked sees it live. */
export async function answerConsult(
  ports: Ports,
  staff: StaffIdentity,
  conversationId: string,
  input: NoteInput,
) {
  if (!oversees(staff))
    throw new ForbiddenError("Only supervisors and admins answer consults", "role_forbidden");
  const { clientId, text } = NoteInput.parse(input);
  const { conversation, stored, thread } = await readCase(ports, staff, conversationId, clientId);
  if (stored) return { note: stored, consult: toConsultInfo(thread) };
  const state = thread?.consultState;
  if ((state !== "open" && state !== "answered") || !thread?.askedAt) throw notOpen(state ?? "none");
  const { note, created } = await writeEntry(
    ports,
    staff,
    conversation,
    { kind: "consult", step: "answer", clientId, text },
    {
      change: {
        consultState: "answered",
        askedAt: thread.askedAt,
        answeredAt: ports.clock.now().toISOString(),
        answeredByName: staff.name,
      },
      expect: state,
      onConflict: changedMeanwhile,
    },
  );
  return settle(ports, staff, conversation, thread, "case.consult_answered", note, created);
}

/**
 * Settles a case's consult: it leaves the pending list. The agent who asked, the case's agent
 * or a supervisor may; resolving it again changes nothing.
 */
export async function resolveConsult(
  ports: Ports,
  staff: StaffIdentity,
  conversationId: string,
  input: ResolveConsultInput,
) {
  const { clientId, text } = ResolveConsultInput.parse(input);
  const { conversation, stored, thread } = await readCase(ports, staff, conversationId, clientId);
  if (stored) return { note: stored, consult: toConsultInfo(thread) };
  const state = thread?.consultState;
  if (state === "resolved") return { note: null, consult: toConsultInfo(thread) };
  if (!state || !thread?.askedAt) throw notOpen("none");
  const involved =
    oversees(staff) || thread.askedById === staff.staffId || conversation.assigneeId === staff.staffId;
  if (!involved)
    throw new ForbiddenError("Only who asked, the case's agent or a supervisor settle a consult");
  const { note, created } = await writeEntry(
    ports,
    staff,
    conversation,
    { kind: "consult", step: "resolved", clientId, text },
    {
      change: { consultState: "resolved", askedAt: thread.askedAt },
      expect: state,
      onConflict: changedMeanwhile,
    },
  );
  return settle(ports, staff, conversation, thread, "case.consult_resolved", note, created);
}
