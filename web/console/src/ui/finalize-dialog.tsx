import { createSignal, For, Show } from "solid-js";
import type { Disposition } from "../data/console-types";
import { useI18n } from "../providers/i18n-provider";
import { showWhileOpen } from "./modal-dialog";

type Props = {
  open: boolean;
  dispositions: Disposition[];
  busy: boolean;
  /** Why the last confirmation did not go through (a message arrived meanwhile, a refused code). */
  problem: string | null;
  onConfirm(code: string): void;
  onCancel(): void;
};

/** A native modal dialog: the browser traps focus in it, closes it on Escape and gives focus back. */
export function FinalizeDialog(props: Props) {
  const { t, lang } = useI18n();
  const [choice, setChoice] = createSignal("");
  let dialog!: HTMLDialogElement;

  showWhileOpen(
    () => props.open,
    () => dialog,
    () => {
      setChoice("");
    },
  );

  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="finalize-title" onClose={() => props.onCancel()}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (choice()) props.onConfirm(choice());
        }}
      >
        <h2 id="finalize-title">{t("finalize.title")}</h2>
        <fieldset>
          <legend>{t("finalize.legend")}</legend>
          <For each={props.dispositions}>
            {(disposition) => (
              <label class="radio">
                <input
                  type="radio"
                  name="disposition"
                  value={disposition.code}
                  checked={choice() === disposition.code}
                  onChange={() => setChoice(disposition.code)}
                />
                {disposition[lang()]}
              </label>
            )}
          </For>
        </fieldset>
        <p class="form-error" role="alert">
          <Show when={props.problem}>{props.problem}</Show>
        </p>
        <div class="dialog-actions">
          <button type="button" onClick={() => props.onCancel()}>
            {t("finalize.cancel")}
          </button>
          <button type="submit" class="primary" disabled={!choice() || props.busy}>
            {t("finalize.confirm")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
