import { For, Show } from "solid-js";
import { ACCEPTED_TYPES } from "../data/attachments";
import type { Draft } from "../data/draft-store";
import { useI18n } from "../providers/i18n-provider";

export function Composer(props: { draft: Draft }) {
  const { t } = useI18n();
  let fileInput!: HTMLInputElement;

  const onKeyDown = (event: KeyboardEvent) => {
    // Enter sends, Shift+Enter breaks the line; never while an input method is composing a character.
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    void props.draft.send();
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void props.draft.send();
      }}
    >
      <label for="composer-text" class="visually-hidden">
        {t("composer.label")}
      </label>
      <textarea
        id="composer-text"
        rows={3}
        maxLength={4000}
        placeholder={t("composer.label")}
        aria-describedby="composer-hint"
        value={props.draft.text()}
        onInput={(event) => props.draft.setText(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <Show when={props.draft.attachments().length}>
        <ul class="draft-attachments" aria-label={t("composer.attachments")}>
          <For each={props.draft.attachments()}>
            {(attachment) => (
              <li>
                <span>
                  {attachment.claim ? attachment.name : t("composer.uploading", { name: attachment.name })}
                </span>
                <button type="button" class="link-button" onClick={() => props.draft.remove(attachment.key)}>
                  {t("composer.remove", { name: attachment.name })}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div class="composer-actions">
        <p id="composer-hint" class="hint">
          {t("composer.hint")}
        </p>
        <button type="button" onClick={() => fileInput.click()}>
          {t("composer.attach")}
        </button>
        <input
          ref={fileInput}
          type="file"
          name="attachment"
          hidden
          multiple
          accept={ACCEPTED_TYPES.join(",")}
          onChange={(event) => {
            props.draft.attach([...(event.currentTarget.files ?? [])]);
            event.currentTarget.value = "";
          }}
        />
        <button
          type="submit"
          class="primary"
          disabled={!props.draft.canSend()}
          aria-busy={props.draft.sending()}
        >
          {t("composer.send")}
        </button>
      </div>
    </form>
  );
}
