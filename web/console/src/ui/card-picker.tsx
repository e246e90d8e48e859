import { createResource, createSignal, createUniqueId, For, onMount, Show } from "solid-js";
import type { AgentApi } from "../data/agent-api";
import { type CatalogCard, cardLabel } from "../data/catalog";
import { describeError } from "../data/describe-error";
import { useI18n } from "../providers/i18n-provider";
import { CardView } from "./card-view";

type Props = {
  api: AgentApi;
  conversationId: string;
  onClose(): void;
};

const SEARCH_DELAY_MS = 250;

/**
 * "Material": the agent searches the catalog (words and topic, accents ignored) and sends a card
 * into the case. A modal dialog: focus stays inside, Escape closes it, every result is a button.
 */
export default function CardPicker(props: Props) {
  const { t } = useI18n();
  const id = createUniqueId();
  let dialog!: HTMLDialogElement;
  const [query, setQuery] = createSignal("");
  const [chosen, setChosen] = createSignal<CatalogCard>();
  const [problem, setProblem] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [topic, setTopic] = createSignal("");
  const [cards] = createResource(
    () => ({ q: query(), topic: topic() }),
    (search) => props.api.searchCards(search.q, search.topic || undefined),
  );
  // The topics to narrow by: those of the whole catalog, read once.
  const [topics] = createResource(async () =>
    [...new Set((await props.api.searchCards("")).map((card) => card.topic))].sort(),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  // One id per card chosen, so a retried send after a lost answer stores the card once.
  let clientMessageId = crypto.randomUUID();
  onMount(() => dialog.showModal());

  const choose = (card: CatalogCard) => {
    if (chosen()?.cardId !== card.cardId) clientMessageId = crypto.randomUUID();
    setChosen(card);
    setProblem(null);
  };

  async function send() {
    const card = chosen();
    if (!card || busy()) return;
    setBusy(true);
    try {
      await props.api.sendCard(props.conversationId, { cardId: card.cardId, clientMessageId });
      dialog.close();
    } catch (error) {
      setProblem(describeError(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      class="dialog card-picker"
      aria-labelledby={`${id}-title`}
      onClose={() => props.onClose()}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <h2 id={`${id}-title`}>{t("catalog.pickerTitle")}</h2>
        <label for={`${id}-q`}>{t("catalog.search")}</label>
        <input
          id={`${id}-q`}
          type="search"
          autocomplete="off"
          placeholder={t("catalog.searchPlaceholder")}
          onInput={(event) => {
            const value = event.currentTarget.value;
            clearTimeout(timer);
            timer = setTimeout(() => setQuery(value.trim()), SEARCH_DELAY_MS);
          }}
        />
        <label for={`${id}-topic`}>{t("catalog.topic")}</label>
        <select id={`${id}-topic`} value={topic()} onChange={(event) => setTopic(event.currentTarget.value)}>
          <option value="">{t("catalog.anyTopic")}</option>
          <For each={topics() ?? []}>{(name) => <option value={name}>{name}</option>}</For>
        </select>
        <div class="card-picker-body">
          <ul class="card-picker-results" aria-label={t("catalog.results")} aria-busy={cards.loading}>
            <For
              each={cards() ?? []}
              fallback={<li class="muted">{cards.loading ? "…" : t("catalog.noResults")}</li>}
            >
              {(card) => (
                <li>
                  <button
                    type="button"
                    aria-pressed={chosen()?.cardId === card.cardId}
                    onClick={() => choose(card)}
                  >
                    {cardLabel(card)}
                  </button>
                </li>
              )}
            </For>
          </ul>
          <section class="card-picker-preview" aria-label={t("catalog.preview")} aria-live="polite">
            <Show when={chosen()} fallback={<p class="muted">{t("catalog.pickHint")}</p>}>
              {(card) => (
                <>
                  <CardView card={card()} />
                  <Show when={card().image}>
                    {(image) => <p class="muted">{t("catalog.withImage", { name: image().name })}</p>}
                  </Show>
                </>
              )}
            </Show>
          </section>
        </div>
        <Show when={problem()}>
          <p class="form-error" role="alert">
            {problem()}
          </p>
        </Show>
        <div class="dialog-actions">
          <button type="button" onClick={() => dialog.close()}>
            {t("catalog.cancel")}
          </button>
          <button type="submit" class="primary" disabled={!chosen() || busy()} aria-busy={busy()}>
            {t("catalog.send")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
