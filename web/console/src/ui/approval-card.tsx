import { Show } from "solid-js";
import { approvalState } from "../data/approvals";
import type { MessageContent } from "../data/console-types";
import { useI18n } from "../providers/i18n-provider";

type Card = Extract<MessageContent, { kind: "approval_request" }>;

/** The approval card in the thread, with its live state (pushed `approval.decided`, or the case's list). */
export function ApprovalCard(props: { card: Card }) {
  const { t, lang } = useI18n();
  const state = () => {
    const known = approvalState(props.card.approvalId) ?? "pending";
    return known === "pending" && Date.parse(props.card.expiresAt) <= Date.now() ? "expired" : known;
  };
  const time = () =>
    new Intl.DateTimeFormat(lang(), { hour: "2-digit", minute: "2-digit" }).format(
      new Date(props.card.expiresAt),
    );
  return (
    <div class="approval-card" data-state={state()}>
      <p class="approval-card-title">
        {t("approvals.card", { operation: t(`approvals.op.${props.card.operation}`) })}{" "}
        <span class={`approval-badge state-${state()}`}>{t(`approvals.state.${state()}`)}</span>
      </p>
      <p>{props.card.description}</p>
      <Show when={props.card.amount}>
        {(amount) => (
          <p class="approval-amount">
            {new Intl.NumberFormat(lang(), { style: "currency", currency: amount().currency }).format(
              amount().value,
            )}
          </p>
        )}
      </Show>
      <p class="muted">{t("approvals.codeTo", { to: props.card.maskedDestination, time: time() })}</p>
    </div>
  );
}
