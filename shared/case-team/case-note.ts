import type { EntityItem } from "electrodb";
import { z } from "zod";
import { CaseNoteEntry } from "../../events/catalog.js";
import { type AuditAction, auditItem } from "../case-audit/audit-trail.js";
import type { ConversationItem } from "../conversation/info.js";
import { ClientMessageId } from "../conversation/info.js";
import type { Db } from "../data/db.js";
import type { StaffIdentity } from "../identity/index.js";
import { newId } from "../ids.js";
import type { Ports } from "../ports.js";

export const MAX_NOTE_LENGTH = 2000;

/** A private note or an entry of the case's consult thread, as staff see it. */
export const NoteInfo = CaseNoteEntry;
export type NoteInfo = z.infer<typeof NoteInfo>;

/** What staff write: text, and the client's own id for it, so a retry stores it once. */
export const NoteInput = z.object({
  clientId: ClientMessageId,
  text: z.string().trim().min(1, "Write something").max(MAX_NOTE_LENGTH),
});
export type NoteInput = z.input<typeof NoteInput>;

export const ConsultState = z.enum(["open", "answered", "resolved"]);
export type ConsultState = z.infer<typeof ConsultState>;

/** The state of a case's consult thread: `open` while a question waits for a supervisor. */
export const ConsultInfo = z.object({
  conversationId: z.string(),
  state: ConsultState,
  question: z.string(),
  subject: z.string(),
  askedAt: z.string(),
  askedById: z.string(),
  askedByName: z.string(),
  answeredAt: z.string().optional(),
  answeredByName: z.string().optional(),
});
export type ConsultInfo = z.infer<typeof ConsultInfo>;

export type CaseNoteItem = EntityItem<Db["caseNote"]>;
export type CaseThreadItem = EntityItem<Db["caseThread"]>;

export function toNoteInfo(item: CaseNoteItem): NoteInfo {
  const { noteId, kind, step, text, authorId, authorName, createdAt } = item;
  return { noteId, kind, ...(step && { step }), text, authorId, authorName, createdAt };
}

/** The consult of a case's thread item, or null when nobody asked anything yet. */
export function toConsultInfo(thread: CaseThreadItem | null | undefined): ConsultInfo | null {
  if (!thread?.consultState || !thread.askedAt) return null;
  return ConsultInfo.parse({
    conversationId: thread.conversationId,
    state: thread.consultState,
    question: thread.question ?? "",
    subject: thread.subject ?? "",
    askedAt: thread.askedAt,
    askedById: thread.askedById ?? "",
    askedByName: thread.askedByName ?? "",
    ...(thread.answeredAt && { answeredAt: thread.answeredAt }),
    ...(thread.answeredByName && { answeredByName: thread.answeredByName }),
  });
}

/** What the thread item says of its consult once this entry is written. */
export type ThreadChange = Partial<
  Pick<
    CaseThreadItem,
    | "consultState"
    | "askedAt"
    | "askedById"
    | "askedByName"
    | "question"
    | "subject"
    | "answeredAt"
    | "answeredByName"
  >
>;

/** The trail's line for each kind of entry: who wrote what kind, never what it says. */
const ENTRY_AUDIT = {
  note: "note.added",
  question: "consult.asked",
  answer: "consult.answered",
  resolved: "consult.resolved",
} as const satisfies Record<string, AuditAction>;

/**
 * Writes one entry, its thread item and its audit line in one transaction, conditional on the
 * client id not being stored yet (and on `expect`, the consult state the caller read): a retry
 * racing the first write gets the entry stored (and no second audit line), and a change racing
 * it is refused by `onConflict`. Callers look for a stored entry first (`storedEntry`), before
 * checking what the retry may do.
 */
export async function writeEntry(
  ports: Pick<Ports, "db" | "clock">,
  staff: StaffIdentity,
  conversation: ConversationItem,
  entry: {
    kind: "note" | "consult";
    step?: "question" | "answer" | "resolved";
    clientId: string;
    text: string;
  },
  thread: { change: ThreadChange; expect: ConsultState | "none" | "any"; onConflict: () => Error },
): Promise<{ note: NoteInfo; created: boolean }> {
  const { tenantId, conversationId, customerId } = conversation;
  const item: CaseNoteItem = {
    tenantId,
    conversationId,
    customerId,
    noteId: newId("note"),
    kind: entry.kind,
    ...(entry.step && { step: entry.step }),
    text: entry.text,
    clientId: entry.clientId,
    authorId: staff.staffId,
    authorName: staff.name,
    authorRole: staff.role,
    createdAt: ports.clock.now().toISOString(),
  };
  const { canceled } = await ports.db.transaction
    .write(({ caseNote, caseThread, caseAudit }) => [
      caseNote.create(item).commit(),
      caseAudit
        .create(
          auditItem(ports.clock, {
            tenantId,
            conversationId,
            action: ENTRY_AUDIT[entry.kind === "note" ? "note" : (entry.step ?? "question")],
            by: staff,
            detail: { noteId: item.noteId },
          }),
        )
        .commit(),
      caseThread
        .update({ tenantId, conversationId })
        .set({ customerId, ...thread.change })
        .add({ clientIds: [clientKey(staff.staffId, entry.clientId)] })
        .where((attributes, op) => {
          const fresh = op.notContains(attributes.clientIds, clientKey(staff.staffId, entry.clientId));
          if (thread.expect === "any") return fresh;
          if (thread.expect === "none") return `${fresh} AND ${op.notExists(attributes.consultState)}`;
          return `${fresh} AND ${op.eq(attributes.consultState, thread.expect)}`;
        })
        .commit(),
    ])
    .go();
  if (!canceled) return { note: toNoteInfo(item), created: true };
  const stored = await storedEntry(ports, conversation, entry.clientId, staff.staffId);
  if (stored) return { note: stored, created: false };
  throw thread.onConflict();
}

/** Client ids are the writer's own: two staff members' ids never collide. */
const clientKey = (staffId: string, clientId: string) => `${staffId}:${clientId}`;

/** The entry this staff member already stored under this client id, if any: the answer to a retry. */
export async function storedEntry(
  ports: Pick<Ports, "db">,
  conversation: ConversationItem,
  clientId: string,
  authorId: string,
) {
  const { data: thread } = await ports.db.caseThread
    .get({ tenantId: conversation.tenantId, conversationId: conversation.conversationId })
    .go();
  if (!thread?.clientIds?.includes(clientKey(authorId, clientId))) return undefined;
  const entries = await readEntries(ports, conversation);
  const found = entries.find((entry) => entry.clientId === clientId && entry.authorId === authorId);
  return found && toNoteInfo(found);
}

/** Every note and consult entry of a case, oldest first. */
export async function readEntries(ports: Pick<Ports, "db">, conversation: ConversationItem) {
  const { data } = await ports.db.caseNote.query
    .byCase({ tenantId: conversation.tenantId, conversationId: conversation.conversationId })
    .go({ pages: "all" });
  return data;
}

/** The case's thread item, read consistently: it decides what a consult write expects. */
export async function readThread(ports: Pick<Ports, "db">, conversation: ConversationItem) {
  const { data } = await ports.db.caseThread
    .get({ tenantId: conversation.tenantId, conversationId: conversation.conversationId })
    .go({ consistent: true });
  return data;
}
