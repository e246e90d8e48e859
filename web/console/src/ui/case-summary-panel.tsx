import { For, Show } from "solid-js";
import { type CaseOverview, formatHandleTime } from "../data/case-summary";
import { formatTime } from "../data/format";
import { useI18n } from "../providers/i18n-provider";

type Props = {
  overview: CaseOverview;
  /** Open at first when the case has a history the agent should read before answering. */
  expanded: boolean;
  now: number;
  dispositionLabel(code: string): string;
};

/**
 * "Resumen del caso" at the top of a case: what the customer asked, what was done (handover
 * notes first among it), documents and approvals, what is pending, and the active handle time.
 * A native <details>, so it opens and closes from the keyboard and says so to screen readers.
 */
export function CaseSummaryPanel(props: Props) {
  const { t, lang } = useI18n();
  const s = () => props.overview.summary;
  const time = () => props.overview.handleTime;
  const when = (iso: string) => formatTime(lang(), iso, props.now);
  const pending = () => {
    const { unanswered, documents, approvals } = s().pending;
    return unanswered.length + documents.length + approvals.length > 0;
  };

  return (
    <details class="case-summary" open={props.expanded}>
      <summary>
        <strong>{t("summary.heading")}</strong>{" "}
        <span class="muted">{t("summary.handleTime", { time: formatHandleTime(time().totalSeconds) })}</span>
      </summary>
      <section aria-label={t("summary.asked")}>
        <h3>{t("summary.asked")}</h3>
        <p>{s().asked.subject}</p>
        <Show when={s().asked.motivo}>{(motivo) => <p>{t("summary.motivo", { motivo: motivo() })}</p>}</Show>
        <ul>
          <For each={s().asked.firstMessages}>{(message) => <li>«{message.text}»</li>}</For>
        </ul>
        <Show when={s().asked.keyPhrases.length}>
          <p class="muted">{t("summary.keyPhrases", { phrases: s().asked.keyPhrases.join(", ") })}</p>
        </Show>
      </section>
      <section aria-label={t("summary.done")}>
        <h3>{t("summary.done")}</h3>
        <For each={s().done.handovers}>
          {(handover) => (
            <div class="handover">
              <p>
                {t("summary.handover", {
                  name: handover.fromStaffName,
                  from: handover.from[lang()],
                  to: handover.to[lang()],
                  when: when(handover.at),
                })}
              </p>
              <blockquote class="handover-note">{handover.note}</blockquote>
            </div>
          )}
        </For>
        <ul>
          <For each={s().done.agents}>
            {(agent) => (
              <li>
                {t("summary.agent", {
                  name: agent.name,
                  count: agent.messages,
                  from: when(agent.firstAt),
                  to: when(agent.lastAt),
                })}
              </li>
            )}
          </For>
        </ul>
        <p class="muted">{t("summary.messages", s().done.messages)}</p>
        <Show when={time().agents.length}>
          <ul class="handle-time">
            <For each={time().agents}>
              {(agent) => (
                <li>
                  {t("summary.handleTimeAgent", { name: agent.name, time: formatHandleTime(agent.seconds) })}
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={s().done.previousCases.length}>
          <h4>{t("summary.previous")}</h4>
          <ul>
            <For each={s().done.previousCases}>
              {(previous) => (
                <li>
                  {t("summary.previousCase", {
                    subject: previous.subject,
                    disposition: previous.disposition ? props.dispositionLabel(previous.disposition) : "—",
                  })}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
      <Show when={s().documents.length + s().filesReceived.length + s().approvals.length > 0}>
        <section aria-label={t("summary.documents")}>
          <h3>{t("summary.documents")}</h3>
          <ul>
            <For each={s().documents}>
              {(document) => (
                <li>
                  {t(`summary.document.${document.state}`, {
                    title: document.title,
                    when: when(document.at),
                  })}
                </li>
              )}
            </For>
            <For each={s().filesReceived}>{(file) => <li>{t("summary.file", { name: file.name })}</li>}</For>
            <For each={s().approvals}>
              {(approval) => (
                <li>{t("summary.approval", { description: approval.description, state: approval.state })}</li>
              )}
            </For>
          </ul>
        </section>
      </Show>
      <section aria-label={t("summary.pending")}>
        <h3>{t("summary.pending")}</h3>
        <Show when={pending()} fallback={<p>{t("summary.nothingPending")}</p>}>
          <ul>
            <For each={s().pending.unanswered}>
              {(message) => <li>{t("summary.unanswered", { text: message.text })}</li>}
            </For>
            <For each={s().pending.documents}>
              {(title) => <li>{t("summary.pendingDocument", { title })}</li>}
            </For>
            <For each={s().pending.approvals}>
              {(description) => <li>{t("summary.pendingApproval", { description })}</li>}
            </For>
          </ul>
        </Show>
      </section>
    </details>
  );
}
