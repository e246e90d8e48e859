import { z } from "zod";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { NoteInfo, toNoteInfo } from "./case-note.js";

/** The latest notes shown in a customer's 360 view. */
const MAX_NOTES = 50;

export const CustomerNote = NoteInfo.extend({ conversationId: z.string() });
export type CustomerNote = z.infer<typeof CustomerNote>;

/** The private notes of every case of one customer, newest first, for the staff's 360 view. */
export async function listCustomerNotes(ports: Pick<Ports, "db">, staff: StaffIdentity, customerId: string) {
  const { data } = await ports.db.caseNote.query
    .byCustomer({ tenantId: staff.tenantId, customerId })
    .where(({ kind }, { eq }) => eq(kind, "note"))
    .go({ order: "desc", count: MAX_NOTES });
  return data.map((item): CustomerNote => ({ conversationId: item.conversationId, ...toNoteInfo(item) }));
}
