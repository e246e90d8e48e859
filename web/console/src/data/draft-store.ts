import { createSignal } from "solid-js";
import { checkFile, type FileProblem, MAX_ATTACHMENTS_PER_MESSAGE } from "./attachments";
import type { AttachmentClaim } from "./console-types";

export type DraftAttachment = { key: number; name: string; claim?: AttachmentClaim };
export type DraftMessage = { clientMessageId: string; text: string; attachments: AttachmentClaim[] };

type Deps = {
  upload(file: File): Promise<AttachmentClaim>;
  send(message: DraftMessage): Promise<void>;
  /** A file refused before uploading, or a failure of the upload or the send. */
  problem(
    problem: { file: FileProblem | "too_many"; name: string } | { error: unknown; name?: string },
  ): void;
};

/**
 * A reply being written: its text, its attachments as they upload, and the client message id
 * that makes a retried send land once. The id is kept while the draft stays the same and
 * dropped as soon as it changes, so an edited draft is a new message.
 */
export function createDraft(deps: Deps) {
  const [text, setText] = createSignal("");
  const [attachments, setAttachments] = createSignal<DraftAttachment[]>([]);
  const [sending, setSending] = createSignal(false);
  let clientMessageId: string | undefined;
  let nextKey = 1;

  const changed = () => {
    clientMessageId = undefined;
  };
  const uploading = () => attachments().some((a) => !a.claim);
  const claims = () => attachments().flatMap((a) => (a.claim ? [a.claim] : []));

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

  return {
    text,
    attachments,
    sending,
    canSend: () => !sending() && !uploading() && (text().trim().length > 0 || claims().length > 0),
    setText(value: string) {
      if (value !== text()) changed();
      setText(value);
    },
    attach(files: readonly File[]) {
      for (const file of files) {
        const problem = attachments().length >= MAX_ATTACHMENTS_PER_MESSAGE ? "too_many" : checkFile(file);
        if (problem) deps.problem({ file: problem, name: file.name });
        else void attachOne(file);
      }
    },
    remove(key: number) {
      setAttachments((list) => list.filter((a) => a.key !== key));
      changed();
    },
    async send() {
      if (sending() || uploading() || (!text().trim() && !claims().length)) return;
      clientMessageId ??= crypto.randomUUID();
      setSending(true);
      try {
        await deps.send({ clientMessageId, text: text().trim(), attachments: claims() });
        setText("");
        setAttachments([]);
        changed();
      } catch (error) {
        deps.problem({ error });
      } finally {
        setSending(false);
      }
    },
  };
}

export type Draft = ReturnType<typeof createDraft>;
