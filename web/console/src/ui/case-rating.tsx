import { Show } from "solid-js";
import type { ConversationInfo } from "../data/console-types";
import { useI18n } from "../providers/i18n-provider";

type Rating = NonNullable<ConversationInfo["rating"]>;

/** The customer's rating of a finalized case (issue 6): stars a screen reader reads as "4 of 5", and his comment. */
export function CaseRating(props: { rating: Rating; compact?: boolean }) {
  const { t } = useI18n();
  const stars = () => "★".repeat(props.rating.score) + "☆".repeat(5 - props.rating.score);
  return (
    <span class="case-rating" classList={{ "is-compact": props.compact }}>
      <span
        class="case-rating-stars"
        role="img"
        aria-label={t("rating.label", { score: props.rating.score })}
      >
        {stars()}
      </span>
      <Show when={props.rating.comment}>
        {(comment) => <span class="case-rating-comment">{t("rating.comment", { comment: comment() })}</span>}
      </Show>
    </span>
  );
}
