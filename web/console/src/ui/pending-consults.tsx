import { createSignal, For, Show } from "solid-js";
import type { TeamAnnouncement } from "../data/case-team-store";
import type { ConsultInfo } from "../data/case-team-types";
import { formatTime } from "../data/format";
import { useI18n } from "../providers/i18n-provider";

type Props = {
  /** Shown to supervisors and admins only. */
  show: boolean;
  pending: ConsultInfo[];
  announcement: TeamAnnouncement | undefined;
  now: number;
  onOpen(conversationId: string): void;
};

/**
 * The supervisors' "Consultas pendientes": a button with the count that opens the list, and a
 * live region that says aloud each new consult, and to an agent the answer to his own.
 */
export function PendingConsults(props: Props) {
  const { t, lang } = useI18n();
  const [expanded, setExpanded] = createSignal(false);
  const said = () => {
    const said = props.announcement;
    if (!said) return "";
    return said.kind === "question"
      ? t("team.announceQuestion", { name: said.name, text: said.text })
      : t("team.announceAnswer", { name: said.name, text: said.text });
  };
  return (
    <div class="pending-consults">
      <p class="visually-hidden" role="status" aria-live="polite">
        {said()}
      </p>
      <Show when={props.show}>
        <button
          type="button"
          id="pending-consults-toggle"
          aria-expanded={expanded()}
          aria-controls="pending-consults-list"
          classList={{ attention: props.pending.length > 0 }}
          onClick={() => setExpanded(!expanded())}
        >
          {t("consults.toggle", { count: props.pending.length })}
        </button>
        <Show when={expanded()}>
          <section id="pending-consults-list" aria-label={t("consults.heading")}>
            <Show when={props.pending.length > 0} fallback={<p class="muted">{t("consults.none")}</p>}>
              <ul>
                <For each={props.pending}>
                  {(consult) => (
                    <li>
                      <button
                        type="button"
                        class="history-row"
                        onClick={() => {
                          setExpanded(false);
                          props.onOpen(consult.conversationId);
                        }}
                      >
                        <span class="row-subject">{consult.question}</span>
                        <span class="row-meta">
                          {t("consults.from", { name: consult.askedByName, subject: consult.subject })} ·{" "}
                          <time datetime={consult.askedAt}>
                            {formatTime(lang(), consult.askedAt, props.now)}
                          </time>
                        </span>
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </section>
        </Show>
      </Show>
    </div>
  );
}
