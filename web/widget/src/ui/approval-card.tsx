import { createEffect, createSignal, Match, Show, Switch } from "solid-js";
import type { MessageContent } from "../../../../shared/channels/inbound.js";
import { ApiError } from "../../../customer/src/data/customer-api.js";
import type { ApprovalInfo } from "../data/api.js";
import { useChat } from "../providers/chat-provider.js";
import { useI18n } from "../providers/i18n-provider.js";

type ApprovalRequest = Extract<MessageContent, { kind: "approval_request" }>;
type State = ApprovalInfo["state"];

/**
 * What the agent asks the customer to approve, and the way to approve it: ask for the one-time
 * code, type it, confirm. The state comes from the approval, not the message, so a card shows
 * "approved" or "expired" however old the message is.
 */
export function ApprovalCard(props: { conversationId: string; card: ApprovalRequest }) {
  const chat = useChat();
  const { t, lang } = useI18n();
  const [state, setState] = createSignal<State>("pending");
  const [asked, setAsked] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal("");
  let input: HTMLInputElement | undefined;

  const take = (approval: ApprovalInfo) => {
    setState(approval.state);
    if (approval.codeSentAt) setAsked(true);
  };
  void chat
    .approvals(props.conversationId)
    .then(({ approvals }) => {
      const mine = approvals.find((approval) => approval.approvalId === props.card.approvalId);
      if (mine) take(mine);
    })
    .catch(() => {});

  createEffect(() => {
    const pushed = chat.approvalState(props.card.approvalId);
    if (pushed) setState(pushed as State);
  });

  const amount = () =>
    props.card.amount &&
    new Intl.NumberFormat(lang(), { style: "currency", currency: props.card.amount.currency }).format(
      props.card.amount.value,
    );
  const until = () =>
    new Intl.DateTimeFormat(lang(), { hour: "2-digit", minute: "2-digit" }).format(
      new Date(props.card.expiresAt),
    );

  async function step(kind: "code" | "confirm") {
    setBusy(true);
    setError("");
    try {
      take(
        (
          await chat.approvalStep(
            props.conversationId,
            props.card.approvalId,
            kind,
            kind === "confirm" ? input?.value.trim() : undefined,
          )
        ).approval,
      );
      if (kind === "code") {
        setAsked(true);
        queueMicrotask(() => input?.focus());
      }
    } catch (failure) {
      const code = failure instanceof ApiError ? failure.code : "";
      const ended = {
        approval_expired: "expired",
        approval_locked: "locked",
        approval_cancelled: "cancelled",
      } as const;
      if (code in ended) setState(ended[code as keyof typeof ended]);
      else if (code === "approval_code_wrong")
        setError(t("approvalWrong", { n: String((failure as ApiError).details?.attemptsLeft ?? "") }));
      else if (code === "rate_limited")
        setError(t("approvalWait", { n: String((failure as ApiError).details?.retryAfterSeconds ?? 30) }));
      else setError(t("approvalFailed"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="approval-card" data-state={state()} aria-label={t("approvalTitle")}>
      <p class="approval-title">
        {t("approvalTitle")} · {t(`approvalOp.${props.card.operation}`)}
      </p>
      <p>{props.card.description}</p>
      <Show when={amount()}>{(value) => <p class="approval-amount">{value()}</p>}</Show>
      <Switch
        fallback={
          <p class="approval-state" role="status">
            {t(`approvalState.${state() as Exclude<State, "pending">}`)}
          </p>
        }
      >
        <Match when={state() === "pending" && !asked()}>
          <p class="message-meta">{t("approvalCodeGoesTo", { to: props.card.maskedDestination })}</p>
          <p class="message-meta">{t("approvalUntil", { time: until() })}</p>
          <button type="button" disabled={busy()} onClick={() => void step("code")}>
            {t("approvalSendCode")}
          </button>
        </Match>
        <Match when={state() === "pending"}>
          <form
            class="approval-form"
            onSubmit={(event) => {
              event.preventDefault();
              void step("confirm");
            }}
          >
            <label>
              {t("approvalCodeLabel", { to: props.card.maskedDestination })}
              <input
                ref={input}
                name="code"
                autocomplete="one-time-code"
                inputmode="numeric"
                pattern="[0-9]{6}"
                maxLength={6}
                required
              />
            </label>
            <button type="submit" disabled={busy()}>
              {t("approvalConfirm")}
            </button>
            <button type="button" class="link-button" disabled={busy()} onClick={() => void step("code")}>
              {t("approvalResend")}
            </button>
          </form>
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
