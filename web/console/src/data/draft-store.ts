import { createSignal } from "solid-js";
import { checkFile, type FileProblem, MAX_ATTACHMENTS_PER_MESSAGE } from "./attachments";
import type { AgentMessageInput, AttachmentClaim, Channel } from "./console-types";
import { type ComposeProblem, composeMessage, type EmailFields, type Extras, maxFilesFor } from "./outgoing";

export type DraftAttachment = { key: number; name: string; claim?: AttachmentClaim };
export type DraftMessage = AgentMessageInput;
/** A template being filled in: which one, and the values typed for its parameters so far. */
export type TemplateDraft = { key: string; values: string[] };

type Deps = {
  upload(file: File): Promise<AttachmentClaim>;
  send(message: DraftMessage): Promise<void>;
  /** A file refused before uploading, or a failure of the upload or the send. */
  problem(
    problem:
      | { file: FileProblem | "too_many" | "one_file"; name: string; max: number }
      | { error: unknown; name?: string },
  ): void;
  /** The conversation's channel: what the message may carry. Web chat when not said. */
  channel?: Channel;
  /** An e-mail conversation's header as it starts: to the customer, "Re:" the thread. */
  email?: EmailFields;
};

/**
 * A reply being written: its text, its attachments as they upload, what the channel adds
 * (buttons or a list, an e-mail's header, a template) and the client message id that makes a
 * retried send land once. The id is kept while the draft stays the same and dropped as soon as
 * it changes, so an edited draft is a new message.
 */
export function createDraft(deps: Deps) {
  const channel = deps.channel ?? "web";
  const maxFiles = maxFilesFor(channel, MAX_ATTACHMENTS_PER_MESSAGE);
  const [text, setText] = createSignal("");
  const [attachments, setAttachments] = createSignal<DraftAttachment[]>([]);
  const [extras, setExtras] = createSignal<Extras>({ kind: "none" });
  const [email, setEmail] = createSignal<EmailFields>(deps.email ?? { to: "", cc: "", subject: "" });
  const [replyToSeq, setReplyToSeq] = createSignal<number>();
  const [template, setTemplate] = createSignal<TemplateDraft>({ key: "", values: [] });
  const [sending, setSending] = createSignal(false);
  let clientMessageId: string | undefined;
  let nextKey = 1;

  const changed = () => {
    clientMessageId = undefined;
  };
  const uploading = () => attachments().some((a) => !a.claim);
  const claims = () => attachments().flatMap((a) => (a.claim ? [a.claim] : []));
  // A plain function, not a memo: cheap, and the same under the unit tests' server build of Solid.
  const composed = () =>
    composeMessage(
      {
        channel,
        text: text(),
        attachments: claims(),
        extras: extras(),
        ...(channel === "email" && { email: email() }),
        ...(replyToSeq() !== undefined && { replyToSeq: replyToSeq() }),
      },
      "pending",
    );

  async function attachOne(file: File) {
    const key = nextKey++;
    setAttachments((list) => [...list, { key, name: file.name }]);
    changed();
    try {
      const claim = await deps.upload(file);
      setAttachments((list) => list.map((a) => (a.key === key ? { ...a, claim } : a)));
    } catch (error) {
      setAttachments((list) => list.filter((a) => a.key !== key));
      deps.problem({ error, name: file.name });
    }
  }

  function clear() {
    setText("");
    setAttachments([]);
    setExtras({ kind: "none" });
    setReplyToSeq(undefined);
    setTemplate({ key: "", values: [] });
    // The same people in the next e-mail of the thread; only the words are new.
    changed();
  }

  async function deliver(message: DraftMessage) {
    setSending(true);
    try {
      await deps.send(message);
      clear();
    } catch (error) {
      deps.problem({ error });
    } finally {
      setSending(false);
    }
  }

  const update =
    <T>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      changed();
    };

  return {
    channel,
    /** How many files one message may carry on this channel. */
    maxFiles,
    text,
    attachments,
    extras,
    email,
    replyToSeq,
    template,
    sending,
    /** Why the message cannot go as it stands; nothing while there is simply nothing to send. */
    issue: (): ComposeProblem | undefined => {
      const result = composed();
      return "problem" in result && result.problem !== "needs_content" ? result : undefined;
    },
    canSend: () => !sending() && !uploading() && "message" in composed(),
    setText(value: string) {
      if (value !== text()) changed();
      setText(value);
    },
    setExtras: update(setExtras),
    setEmail: update(setEmail),
    setReplyToSeq: update(setReplyToSeq),
    setTemplate: update(setTemplate),
    attach(files: readonly File[]) {
      for (const file of files) {
        const full = attachments().length >= maxFiles;
        const problem = full ? (maxFiles === 1 ? "one_file" : "too_many") : checkFile(file);
        if (problem) deps.problem({ file: problem, name: file.name, max: maxFiles });
        else void attachOne(file);
      }
    },
    remove(key: number) {
      setAttachments((list) => list.filter((a) => a.key !== key));
      changed();
    },
    async send() {
      const result = composed();
      if (sending() || uploading() || !("message" in result)) return;
      clientMessageId ??= crypto.randomUUID();
      await deliver({ ...result.message, clientMessageId });
    },
    /** Sends an approved template instead of the text (WhatsApp outside the 24 h window). */
    async sendTemplate(content: { name: string; language: string; parameters: string[] }) {
      if (sending()) return;
      clientMessageId ??= crypto.randomUUID();
      await deliver({
        clientMessageId,
        text: "",
        attachments: [],
        content: { kind: "template", ...content },
      });
    },
  };
}

export type Draft = ReturnType<typeof createDraft>;
