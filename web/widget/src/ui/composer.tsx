import { createSignal, For, onMount, Show } from "solid-js";
import {
  ACCEPT_ATTRIBUTE,
  checkFile,
  MAX_FILE_BYTES,
  MAX_FILES_PER_MESSAGE,
  MAX_TEXT_LENGTH,
} from "../data/file-check.js";
import { useI18n } from "../providers/i18n-provider.js";
import { Icon } from "./icons.js";

type Props = {
  onSend: (text: string, files: File[]) => void;
  /** Focus the text box when shown (a conversation the customer just chose or started). */
  autofocus?: boolean;
};

export function Composer(props: Props) {
  const { t, size } = useI18n();
  const [text, setText] = createSignal("");
  const [files, setFiles] = createSignal<File[]>([]);
  const [problem, setProblem] = createSignal("");
  let fileInput!: HTMLInputElement;
  let textBox!: HTMLTextAreaElement;

  const pick = (picked: readonly File[]) => {
    const problems: string[] = [];
    const accepted = [...files()];
    for (const file of picked) {
      const found = checkFile(file);
      if (found === "type") problems.push(t("fileWrongType", { name: file.name }));
      else if (found === "empty") problems.push(t("fileEmpty", { name: file.name }));
      else if (found === "size")
        problems.push(
          t("fileTooLarge", { name: file.name, size: size(file.size), max: size(MAX_FILE_BYTES) }),
        );
      else if (accepted.length >= MAX_FILES_PER_MESSAGE)
        problems.push(t("tooManyFiles", { n: MAX_FILES_PER_MESSAGE }));
      else accepted.push(file);
    }
    setFiles(accepted);
    setProblem([...new Set(problems)].join(" "));
  };

  onMount(() => {
    if (props.autofocus) textBox.focus();
  });

  const submit = () => {
    const message = text().trim();
    if (!message && files().length === 0) return;
    if (message.length > MAX_TEXT_LENGTH) {
      setProblem(t("textTooLong", { n: MAX_TEXT_LENGTH }));
      return;
    }
    props.onSend(message, files());
    setText("");
    setFiles([]);
    setProblem("");
    textBox.focus();
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Show when={files().length > 0}>
        <ul class="picked-files" aria-label={t("filesSelected")}>
          <For each={files()}>
            {(file) => (
              <li>
                <span>
                  📎 {file.name} <span class="muted">({size(file.size)})</span>
                </span>
                <button
                  type="button"
                  class="icon-button"
                  aria-label={t("removeFile", { name: file.name })}
                  onClick={() => {
                    setFiles(files().filter((item) => item !== file));
                    textBox.focus();
                  }}
                >
                  <Icon name="close" />
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <p id="composer-problem" class="error-text" role="alert">
        {problem()}
      </p>
      <div class="composer-row">
        <button type="button" class="icon-button" aria-label={t("attach")} onClick={() => fileInput.click()}>
          <Icon name="paperclip" />
        </button>
        <input
          ref={fileInput}
          type="file"
          hidden
          multiple
          accept={ACCEPT_ATTRIBUTE}
          aria-label={t("attach")}
          onChange={(event) => {
            pick([...(event.currentTarget.files ?? [])]);
            // Cleared so picking the same file again (after removing it) still fires a change.
            event.currentTarget.value = "";
          }}
        />
        <label class="visually-hidden" for="composer-text">
          {t("composerLabel")}
        </label>
        <textarea
          ref={textBox}
          id="composer-text"
          rows={1}
          placeholder={t("composerLabel")}
          aria-describedby="composer-hint composer-problem"
          aria-invalid={problem() ? "true" : undefined}
          value={text()}
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            // While an input method composes a word, Enter confirms the word, not the message.
            if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
              event.preventDefault();
              submit();
            }
          }}
        />
        <button type="submit" class="primary">
          <Icon name="send" />
          <span>{t("send")}</span>
        </button>
      </div>
      <p id="composer-hint" class="visually-hidden">
        {t("composerHint")}
      </p>
    </form>
  );
}
