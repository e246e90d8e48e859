import { For, Show } from "solid-js";
import type { CustomerNote } from "../data/case-team-types";
import type { ConversationInfo } from "../data/console-types";
import { formatTime } from "../data/format";
import { useI18n } from "../providers/i18n-provider";

type Props = {
  timeline: ConversationInfo[];
  notes: CustomerNote[];
  currentId: string;
  now: number;
  onOpen(conversationId: string): void;
};

/** The customer's 360 from the team's side: how many of his cases are open, and the private notes of the others. */
export function CustomerTeamNotes(props: Props) {
  const { t, lang } = useI18n();
  const openCases = () => props.timeline.filter((c) => c.status !== "closed").length;
  const others = () => props.notes.filter((note) => note.conversationId !== props.currentId);
  return (
    <section aria-labelledby="other-notes-heading">
      <p class="open-cases">{t("customer.openCases", { count: openCases() })}</p>
      <h3 id="other-notes-heading">{t("customer.otherNotes")}</h3>
      <p class="private-label">{t("team.private")}</p>
      <Show when={others().length > 0} fallback={<p class="muted">{t("customer.noOtherNotes")}</p>}>
        <ul class="team-entries">
          <For each={others()}>
            {(note) => (
              <li>
                <button type="button" class="history-row" onClick={() => props.onOpen(note.conversationId)}>
                  <span class="row-preview">{note.text}</span>
                  <span class="row-meta">
                    {note.authorName} ·{" "}
                    <time datetime={note.createdAt}>{formatTime(lang(), note.createdAt, props.now)}</time>
                  </span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
