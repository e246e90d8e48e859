import { createSignal, For, Show } from "solid-js";
import { ApiError } from "../../../customer/src/data/customer-api.js";
import { useChat } from "../providers/chat-provider.js";
import { useI18n } from "../providers/i18n-provider.js";

const SCORES = [1, 2, 3, 4, 5] as const;
const MAX_COMMENT = 1000;

/**
 * The finalized case asks for a rating: five stars as radio buttons (arrow keys move between
 * them), an optional comment, and "Enviar". The rating lives on the case, so a customer coming
 * back later sees the card, or his thanks once rated.
 */
export function RatingCard(props: { conversationId: string }) {
  const chat = useChat();
  const { t } = useI18n();
  const [score, setScore] = createSignal(0);
  const [comment, setComment] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal("");
  const rating = () => chat.conversation(props.conversationId)?.rating;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (!score()) {
      setError(t("ratingChooseScore"));
      return;
    }
    setBusy(true);
    setError("");
    const text = comment().trim();
    try {
      await chat.rate(props.conversationId, { score: score(), ...(text && { comment: text }) });
    } catch (failure) {
      // Rated meanwhile (in another tab): the case tells what was kept.
      if (failure instanceof ApiError && failure.code === "already_rated") void chat.refreshConversations();
      else setError(t("ratingFailed"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="rating-card" aria-label={t("ratingTitle")}>
      <Show
        when={rating()}
        fallback={
          <form onSubmit={submit}>
            <fieldset class="rating-stars">
              <legend>{t("ratingTitle")}</legend>
              <For each={SCORES}>
                {(value) => (
                  <label class="rating-star" classList={{ "is-on": value <= score() }}>
                    <input
                      type="radio"
                      class="rating-input"
                      name={`rating-${props.conversationId}`}
                      value={value}
                      checked={score() === value}
                      onChange={() => setScore(value)}
                    />
                    <span aria-hidden="true">★</span>
                    <span class="visually-hidden">{t("ratingScore", { score: value })}</span>
                  </label>
                )}
              </For>
            </fieldset>
            <label class="rating-comment">
              {t("ratingComment")}
              <textarea
                rows={2}
                maxLength={MAX_COMMENT}
                value={comment()}
                onInput={(event) => setComment(event.currentTarget.value)}
              />
            </label>
            <Show when={error()}>
              <p class="send-error" role="alert">
                {error()}
              </p>
            </Show>
            <button type="submit" disabled={busy()}>
              {t("ratingSend")}
            </button>
          </form>
        }
      >
        {(done) => (
          <p class="rating-thanks" role="status">
            {t("ratingThanks", { score: done().score })}
          </p>
        )}
      </Show>
    </section>
  );
}
