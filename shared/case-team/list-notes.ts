import { loadConversation } from "../conversation/load-conversation.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { readEntries, readThread, toConsultInfo, toNoteInfo } from "./case-note.js";

/** A case's private notes and its consult thread, oldest first, with the consult's state. */
export async function listNotes(ports: Pick<Ports, "db">, staff: StaffIdentity, conversationId: string) {
  const conversation = await loadConversation(ports, staff, conversationId);
  const [entries, thread] = await Promise.all([
    readEntries(ports, conversation),
    readThread(ports, conversation),
  ]);
  const infos = entries.map(toNoteInfo);
  return {
    notes: infos.filter((entry) => entry.kind === "note"),
    thread: infos.filter((entry) => entry.kind === "consult"),
    consult: toConsultInfo(thread),
  };
}
