import { createSignal, Show } from "solid-js";
import { useI18n } from "../providers/i18n-provider";
import { showWhileOpen } from "./modal-dialog";

type Props = {
  open: boolean;
  busy: boolean;
  /** Why the last request did not go through. */
  problem: string | null;
  onConfirm(request: { title: string; note: string }): void;
  onCancel(): void;
};

/** Asks the customer for a document: a native modal, so focus stays in it and Escape closes it. */
export function DocumentRequestDialog(props: Props) {
  const { t } = useI18n();
  const [title, setTitle] = createSignal("");
  const [note, setNote] = createSignal("");
  let dialog!: HTMLDialogElement;

  showWhileOpen(
    () => props.open,
    () => dialog,
    () => {
      setTitle("");
      setNote("");
    },
  );

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby="document-request-title"
      onClose={() => props.onCancel()}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (title().trim()) props.onConfirm({ title: title().trim(), note: note().trim() });
        }}
      >
        <h2 id="document-request-title">{t("documents.dialogTitle")}</h2>
        <div class="dialog-fields">
          <label for="document-request-name">{t("documents.title")}</label>
          <input
            id="document-request-name"
            required
            maxLength={100}
            placeholder={t("documents.titlePlaceholder")}
            value={title()}
            onInput={(event) => setTitle(event.currentTarget.value)}
          />
          <label for="document-request-note">{t("documents.note")}</label>
          <textarea
            id="document-request-note"
            maxLength={500}
            rows={3}
            value={note()}
            onInput={(event) => setNote(event.currentTarget.value)}
          />
        </div>
        <p class="form-error" role="alert">
          <Show when={props.problem}>{props.problem}</Show>
        </p>
        <div class="dialog-actions">
          <button type="button" onClick={() => props.onCancel()}>
            {t("documents.cancel")}
          </button>
          <button type="submit" class="primary" disabled={!title().trim() || props.busy}>
            {t("documents.send")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
