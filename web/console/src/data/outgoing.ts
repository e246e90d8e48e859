import type { AgentContent, AgentMessageInput, AttachmentClaim, Channel } from "./console-types";

/** What the channels' own limits allow (shared/channels/inbound, WhatsApp's interactive messages). */
export const MAX_BUTTONS = 3;
export const BUTTON_TITLE_MAX = 20;
export const LIST_LABEL_MAX = 20;
export const MAX_LIST_ROWS = 10;
export const ROW_TITLE_MAX = 24;
export const ROW_DESCRIPTION_MAX = 72;
export const MAX_EMAIL_RECIPIENTS = 20;

/** WhatsApp and Messenger carry one file per message; web chat and e-mail several. */
export const maxFilesFor = (channel: Channel, most: number) =>
  channel === "whatsapp" || channel === "messenger" ? 1 : most;

/** Reply buttons and lists: what WhatsApp and Messenger can show under a text. */
export const takesInteractive = (channel: Channel) => channel === "whatsapp" || channel === "messenger";

/** Extras the agent adds under his text on WhatsApp or Messenger. */
export type Extras =
  | { kind: "none" }
  | { kind: "buttons"; buttons: string[] }
  | { kind: "list"; buttonLabel: string; rows: { title: string; description: string }[] };

/** An e-mail's header as typed: addresses separated by commas or semicolons. */
export type EmailFields = { to: string; cc: string; subject: string };

/** Why a message cannot go yet: each a catalog key under `composer.` or `errors.`. */
export type ComposeProblem =
  | { problem: "needs_text" }
  | { problem: "needs_content" }
  | { problem: "extras_incomplete" }
  | { problem: "no_files_with_extras" }
  | { problem: "email_to_missing" }
  | { problem: "email_subject_missing" }
  | { problem: "email_invalid"; addresses: string[] };

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** The addresses in a To or CC field; the ones that cannot be addresses come back apart. */
export function parseAddresses(field: string): { addresses: string[]; invalid: string[] } {
  const parts = field
    .split(/[,;\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  const unique = [...new Set(parts.map((part) => part.toLowerCase()))];
  return { addresses: unique.filter((a) => EMAIL.test(a)), invalid: unique.filter((a) => !EMAIL.test(a)) };
}

/** "Re:" the subject once, as mail programs do. */
export const replySubject = (subject: string) =>
  /^re:/i.test(subject.trim()) ? subject.trim() : `Re: ${subject.trim()}`;

/** The buttons or list as the API takes them; ids are the positions, the customer's choice comes back with one. */
export function extrasContent(extras: Extras): AgentContent | undefined | "incomplete" {
  if (extras.kind === "none") return undefined;
  if (extras.kind === "buttons") {
    const titles = extras.buttons.map((title) => title.trim());
    if (!titles.length || titles.some((title) => !title)) return "incomplete";
    return { kind: "buttons", buttons: titles.map((title, i) => ({ id: `button_${i + 1}`, title })) };
  }
  const rows = extras.rows.map((row) => ({ title: row.title.trim(), description: row.description.trim() }));
  if (!extras.buttonLabel.trim() || !rows.length || rows.some((row) => !row.title)) return "incomplete";
  return {
    kind: "list",
    buttonLabel: extras.buttonLabel.trim(),
    sections: [
      {
        rows: rows.map((row, i) => ({
          id: `row_${i + 1}`,
          title: row.title,
          ...(row.description && { description: row.description }),
        })),
      },
    ],
  };
}

/** The fields of an e-mail, checked as the server will check them. */
export function emailInput(
  fields: EmailFields,
): { email: { to: string[]; cc: string[]; subject: string } } | ComposeProblem {
  const to = parseAddresses(fields.to);
  const cc = parseAddresses(fields.cc);
  const invalid = [...to.invalid, ...cc.invalid];
  if (invalid.length) return { problem: "email_invalid", addresses: invalid };
  if (!to.addresses.length) return { problem: "email_to_missing" };
  if (!fields.subject.trim()) return { problem: "email_subject_missing" };
  return {
    email: {
      to: to.addresses.slice(0, MAX_EMAIL_RECIPIENTS),
      cc: cc.addresses.filter((a) => !to.addresses.includes(a)).slice(0, MAX_EMAIL_RECIPIENTS),
      subject: fields.subject.trim(),
    },
  };
}

export type ComposeState = {
  channel: Channel;
  text: string;
  attachments: AttachmentClaim[];
  extras: Extras;
  email?: EmailFields;
  replyToSeq?: number;
};

/**
 * The message the API takes for what the composer holds, or why it cannot go yet. Buttons and
 * lists need words to sit under and carry no file; an e-mail needs a recipient and a subject.
 */
export function composeMessage(
  state: ComposeState,
  clientMessageId: string,
): { message: AgentMessageInput } | ComposeProblem {
  const text = state.text.trim();
  const base: AgentMessageInput = {
    clientMessageId,
    text,
    attachments: state.attachments,
    ...(state.replyToSeq !== undefined && { replyToSeq: state.replyToSeq }),
  };
  if (state.channel === "email") {
    if (!text && !state.attachments.length) return { problem: "needs_content" };
    const email = emailInput(state.email ?? { to: "", cc: "", subject: "" });
    return "problem" in email ? email : { message: { ...base, ...email } };
  }
  const content = takesInteractive(state.channel) ? extrasContent(state.extras) : undefined;
  if (content === "incomplete") return { problem: "extras_incomplete" };
  if (content) {
    if (!text) return { problem: "needs_text" };
    if (state.attachments.length) return { problem: "no_files_with_extras" };
    return { message: { ...base, content } };
  }
  if (!text && !state.attachments.length) return { problem: "needs_content" };
  return { message: base };
}
