import type { ConsultInfo, CustomerNote, NoteInfo, SimilarCase } from "../../../../shared/case-team/index.js";
import type { PushedEvent } from "./console-types";

/** The team's side of a case (issue 6) as the console receives it. */
export type { ConsultInfo, CustomerNote, NoteInfo, SimilarCase };

export type CaseTeam = { notes: NoteInfo[]; thread: NoteInfo[]; consult: ConsultInfo | null };
export type ConsultEntry = { note: NoteInfo | null; consult: ConsultInfo | null };
export type TeamEvent = PushedEvent<
  "case.note_added" | "case.consult_requested" | "case.consult_answered" | "case.consult_resolved"
>;
export type TeamTab = "notes" | "consult" | "similar";

export const isTeamEvent = (event: PushedEvent): event is TeamEvent => event.name.startsWith("case.");
