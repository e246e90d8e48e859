import { loadConversation } from "../conversation/load-conversation.js";
import { ConflictError } from "../errors.js";
import { createEvent } from "../event.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { NoteInput, storedEntry, writeEntry } from "./case-note.js";

/**
 * Any staff member of the tenant adds a private note to a case, open or closed. Never shown to
 * the customer; the case's agent and the supervisors see it arrive live. A retry with the same
 * client id returns the note stored the first time.
 */
export async function addNote(ports: Ports, staff: StaffIdentity, conversationId: string, input: NoteInput) {
  const { clientId, text } = NoteInput.parse(input);
  const conversation = await loadConversation(ports, staff, conversationId);
  const stored = await storedEntry(ports, conversation, clientId, staff.staffId);
  if (stored) return stored;
  const { note, created } = await writeEntry(
    ports,
    staff,
    conversation,
    { kind: "note", clientId, text },
    {
      change: {},
      expect: "any",
      onConflict: () => new ConflictError("note_conflict", "The note could not be stored; try again"),
    },
  );
  if (created) {
    await ports.events.publish([
      createEvent(
        ports.clock,
        "case.note_added",
        staff.tenantId,
        { type: "staff", id: staff.staffId },
        {
          conversationId: conversation.conversationId,
          ...(conversation.assigneeId && { assigneeId: conversation.assigneeId }),
          note,
        },
      ),
    ]);
  }
  return note;
}
