import { createSignal, Match, Show, Switch } from "solid-js";
import type { MessageContent } from "../../../../shared/channels/inbound.js";
import { ApiError } from "../../../customer/src/data/customer-api.js";
import { ACCEPT_ATTRIBUTE, checkFile, MAX_FILE_BYTES } from "../data/file-check.js";
import { useChat } from "../providers/chat-provider.js";
import { useI18n } from "../providers/i18n-provider.js";

type DocumentRequest = Extract<MessageContent, { kind: "document_request" }>;

/**
 * The document the agent asks for, and the way to send it: one photo or PDF, checked here
 * first and by its real content on the server. Once sent it shows as such, with a download of
 * the customer's own file; the state comes from the case, so an old card shows it too.
 */
export function DocumentRequestCard(props: { conversationId: string; card: DocumentRequest }) {
  const chat = useChat();
  const { t, size } = useI18n();
  const [sent, setSent] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal("");
  let input!: HTMLInputElement;

  void chat
    .documents(props.conversationId)
    .then(({ documents }) => {
      const mine = documents.find((document) => document.documentId === props.card.requestId);
      if (mine?.file) setSent(mine.file.name);
    })
    .catch(() => {});

  const tooLarge = () => t("documentTooLarge", { max: size(MAX_FILE_BYTES) });

  async function send(file: File) {
    const problem = checkFile(file);
    if (problem) {
      setError(problem === "size" ? tooLarge() : t("documentWrongType"));
      return;
    }
    setBusy(true);
    setError("");
    try {
      const { document } = await chat.sendDocument(props.conversationId, props.card.requestId, file);
      setSent(document.file?.name ?? file.name);
    } catch (failure) {
      const code = failure instanceof ApiError ? failure.code : "";
      if (code === "unsupported_media_type") setError(t("documentWrongType"));
      else if (code === "payload_too_large") setError(tooLarge());
      else if (code === "document_already_received") setSent(file.name);
      else setError(t("documentFailed"));
    } finally {
      setBusy(false);
    }
  }

  async function download() {
    try {
      const { url } = await chat.documentLink(props.conversationId, props.card.requestId);
      const link = document.createElement("a");
      link.href = url;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      link.click();
    } catch {
      setError(t("documentFailed"));
    }
  }

  return (
    <section class="document-card" aria-label={t("documentTitle")}>
      <p class="document-title">
        {t("documentTitle")}: {props.card.title}
      </p>
      <Show when={props.card.note}>{(note) => <p>{note()}</p>}</Show>
      <Switch>
        <Match when={sent()}>
          {(name) => (
            <>
              <p class="document-state" role="status">
                {t("documentSent", { name: name() })}
              </p>
              <button type="button" onClick={() => void download()}>
                {t("documentDownload")}
              </button>
            </>
          )}
        </Match>
        <Match when={!sent()}>
          <p class="message-meta">{t("documentHint", { max: size(MAX_FILE_BYTES) })}</p>
          <button type="button" disabled={busy()} onClick={() => input.click()}>
            {busy() ? t("documentSending") : t("documentSend")}
          </button>
          <input
            ref={input}
            type="file"
            hidden
            accept={ACCEPT_ATTRIBUTE}
            aria-label={t("documentSend")}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = "";
              if (file) void send(file);
            }}
          />
        </Match>
      </Switch>
      <Show when={error()}>
        <p class="send-error" role="alert">
          {error()}
        </p>
      </Show>
    </section>
  );
}
