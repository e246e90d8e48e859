import { createSignal, For, Show } from "solid-js";
import type { CardContent } from "../../../../shared/channels/card-content.js";
import type { AttachmentLink, MessageInfo } from "../data/api.js";
import { useChat } from "../providers/chat-provider.js";
import { useI18n } from "../providers/i18n-provider.js";
import { AttachmentView } from "./attachment-view.js";

type Answer = { choice: string } | { fields: { name: string; value: string }[] };

/**
 * A card of the agent's catalog, whole: its image, words and links, and what to answer with (its
 * buttons or its small form). Answered once: then the buttons and the form stay, disabled.
 */
export function CatalogCard(props: {
  message: MessageInfo;
  card: CardContent;
  link: (attachmentId: string) => Promise<AttachmentLink>;
}) {
  const chat = useChat();
  const { t } = useI18n();
  const [sending, setSending] = createSignal(false);
  const [error, setError] = createSignal(false);
  const [sent, setSent] = createSignal(false);
  const clientMessageId = crypto.randomUUID();
  const image = () =>
    props.message.attachments.find((file) => file.attachmentId === props.card.image?.attachmentId);
  const answered = () =>
    sent() ||
    (chat.thread(props.message.conversationId)?.messages ?? []).some(
      (message) => message.author === "customer" && message.replyToSeq === props.message.seq,
    );

  async function answer(body: Answer) {
    setSending(true);
    setError(false);
    try {
      await chat.answerCard(props.message.conversationId, props.message.seq, { clientMessageId, ...body });
      setSent(true);
    } catch {
      setError(true);
    } finally {
      setSending(false);
    }
  }

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    void answer({
      fields: (props.card.form ?? []).map((field) => ({
        name: field.name,
        value: String(data.get(field.name) ?? ""),
      })),
    });
  };

  return (
    <section class="catalog-card" aria-label={props.card.title}>
      <Show when={image()}>
        {(file) => <AttachmentView attachment={file()} link={() => props.link(file().attachmentId)} />}
      </Show>
      <p class="card-title">{props.card.title}</p>
      <Show when={props.card.body}>
        <p>{props.card.body}</p>
      </Show>
      <Show when={props.card.links?.length}>
        <ul class="card-links">
          <For each={props.card.links}>
            {(link) => (
              <li>
                <a href={link.url} target="_blank" rel="noopener">
                  {link.title}
                </a>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.card.buttons?.length}>
        <div class="card-buttons">
          <For each={props.card.buttons}>
            {(button) => (
              <button
                type="button"
                disabled={answered() || sending()}
                onClick={() => void answer({ choice: button.id })}
              >
                {button.title}
              </button>
            )}
          </For>
        </div>
      </Show>
      <Show when={props.card.form?.length}>
        <form class="card-form" onSubmit={submit}>
          <fieldset disabled={answered() || sending()}>
            <For each={props.card.form}>
              {(field) => {
                const id = `card-${props.message.seq}-${field.name}`;
                return (
                  <>
                    <label for={id}>{field.label}</label>
                    <Show
                      when={field.type === "select"}
                      fallback={
                        <input id={id} name={field.name} type={field.type} required={field.required} />
                      }
                    >
                      <select id={id} name={field.name} required={field.required}>
                        <For each={field.options}>{(option) => <option>{option}</option>}</For>
                      </select>
                    </Show>
                  </>
                );
              }}
            </For>
            <button type="submit">{t("cardSubmit")}</button>
          </fieldset>
        </form>
      </Show>
      <Show when={answered()}>
        <p class="card-state" role="status">
          {t("cardAnswered")}
        </p>
      </Show>
      <Show when={error()}>
        <p class="send-error" role="alert">
          {t("cardFailed")}
        </p>
      </Show>
    </section>
  );
}
