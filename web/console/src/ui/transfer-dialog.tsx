import { createSignal, For, Show } from "solid-js";
import type { Queue } from "../data/case-summary";
import { useI18n } from "../providers/i18n-provider";
import { showWhileOpen } from "./modal-dialog";

const MAX_NOTE = 2000;

type Props = {
  open: boolean;
  queues: readonly Queue[];
  /** The department the case is in now: sending it there again is no transfer. */
  currentQueueId: string;
  busy: boolean;
  problem: string | null;
  onConfirm(input: { queueId: string; note: string }): void;
  onCancel(): void;
};

/** "Transferir": where to send the case and the handover note. A native modal dialog, as the finalize one. */
export function TransferDialog(props: Props) {
  const { t, lang } = useI18n();
  const [queueId, setQueueId] = createSignal("");
  const [note, setNote] = createSignal("");
  let dialog!: HTMLDialogElement;

  showWhileOpen(
    () => props.open,
    () => dialog,
    () => {
      setQueueId("");
      setNote("");
    },
  );

  const ready = () => queueId() !== "" && note().trim().length > 0 && !props.busy;

  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="transfer-title" onClose={() => props.onCancel()}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (ready()) props.onConfirm({ queueId: queueId(), note: note().trim() });
        }}
      >
        <h2 id="transfer-title">{t("transfer.title")}</h2>
        <label for="transfer-queue">{t("transfer.queue")}</label>
        <select
          id="transfer-queue"
          required
          value={queueId()}
          onChange={(event) => setQueueId(event.currentTarget.value)}
        >
          <option value="" disabled>
            —
          </option>
          <For each={props.queues.filter((queue) => queue.queueId !== props.currentQueueId)}>
            {(queue) => <option value={queue.queueId}>{queue[lang()]}</option>}
          </For>
        </select>
        <label for="transfer-note">{t("transfer.note")}</label>
        <textarea
          id="transfer-note"
          required
          rows={5}
          maxLength={MAX_NOTE}
          aria-describedby="transfer-note-hint"
          value={note()}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
        <p id="transfer-note-hint" class="muted">
          {t("transfer.noteHint")}
        </p>
        <p class="form-error" role="alert">
          <Show when={props.problem}>{props.problem}</Show>
        </p>
        <div class="dialog-actions">
          <button type="button" onClick={() => props.onCancel()}>
            {t("transfer.cancel")}
          </button>
          <button type="submit" class="primary" disabled={!ready()}>
            {t("transfer.confirm")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
