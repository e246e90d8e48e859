import { createEffect, createSignal, For, on, Show } from "solid-js";
import {
  type ApprovalInfo,
  approvalActivity,
  approvalDecisions,
  maskContact,
  type RequestApprovalInput,
  rememberApprovals,
} from "../data/approvals";
import type { CustomerProfile, MessageInfo } from "../data/console-types";
import { describeError } from "../data/describe-error";
import { useI18n } from "../providers/i18n-provider";
import { useNotices } from "../providers/notices-provider";
import { useSession } from "../providers/session-provider";
import { ApprovalRequestDialog } from "../ui/approval-request-dialog";

type Props = {
  conversationId: string;
  messages: readonly MessageInfo[];
  profile: CustomerProfile | undefined;
  canRequest: boolean;
};

/**
 * The approvals of the open case (issue 6): "Solicitar aprobación" and each one's state, read
 * again when a card appears in the thread or a decision is pushed. Loaded apart from the
 * console's first load.
 */
export default function CaseApprovalsSection(props: Props) {
  const { api } = useSession();
  const { t, lang } = useI18n();
  const { notify } = useNotices();
  const [approvals, setApprovals] = createSignal<ApprovalInfo[]>([]);
  const [asking, setAsking] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);

  const load = async (conversationId: string) => {
    try {
      const listed = await api.approvals(conversationId);
      if (conversationId !== props.conversationId) return;
      rememberApprovals(listed);
      setApprovals(listed);
    } catch (error) {
      notify(() => describeError(error, t));
    }
  };
  createEffect(
    on(
      [() => props.conversationId, () => approvalActivity(props.messages), approvalDecisions],
      ([id]) => void load(id),
    ),
  );

  const ask = async (request: Omit<RequestApprovalInput, "clientMessageId">) => {
    setBusy(true);
    setProblem(null);
    try {
      await api.requestApproval(props.conversationId, { clientMessageId: crypto.randomUUID(), ...request });
      setAsking(false);
      await load(props.conversationId);
    } catch (error) {
      setProblem(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async (approval: ApprovalInfo) => {
    try {
      await api.cancelApproval(props.conversationId, approval.approvalId);
      await load(props.conversationId);
    } catch (error) {
      notify(() => describeError(error, t));
    }
  };

  const amount = (approval: ApprovalInfo) =>
    approval.amount &&
    new Intl.NumberFormat(lang(), { style: "currency", currency: approval.amount.currency }).format(
      approval.amount.value,
    );

  return (
    <section class="case-approvals" aria-labelledby="case-approvals-heading">
      <h3 id="case-approvals-heading">{t("approvals.heading")}</h3>
      <Show when={props.canRequest}>
        <button
          type="button"
          onClick={() => {
            setProblem(null);
            setAsking(true);
          }}
        >
          {t("approvals.request")}
        </button>
      </Show>
      <Show when={approvals().length > 0} fallback={<p class="muted">{t("approvals.none")}</p>}>
        <ul class="approval-list">
          <For each={approvals()}>
            {(approval) => (
              <li data-state={approval.state}>
                <span class={`approval-badge state-${approval.state}`}>
                  {t(`approvals.state.${approval.state}`)}
                </span>{" "}
                {t(`approvals.op.${approval.operation}`)}: {approval.description}
                <Show when={amount(approval)}>{(value) => <strong> · {value()}</strong>}</Show>
                <Show when={approval.state === "pending" && props.canRequest}>
                  {" "}
                  <button type="button" class="link-button" onClick={() => void withdraw(approval)}>
                    {t("approvals.withdraw")}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <ApprovalRequestDialog
        open={asking()}
        busy={busy()}
        problem={problem()}
        destinations={{
          email: maskContact("email", props.profile?.email),
          whatsapp: maskContact("whatsapp", props.profile?.phone),
        }}
        onConfirm={(request) => void ask(request)}
        onCancel={() => setAsking(false)}
      />
    </section>
  );
}
