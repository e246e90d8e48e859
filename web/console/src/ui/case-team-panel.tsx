import { createEffect, createSignal, For, Show } from "solid-js";
import type { AgentApi } from "../data/agent-api";
import type { CaseTeamStore } from "../data/case-team-store";
import type { NoteInfo, SimilarCase, TeamTab } from "../data/case-team-types";
import { formatTime } from "../data/format";
import { useI18n } from "../providers/i18n-provider";

type Props = {
  api: AgentApi;
  store: CaseTeamStore;
  /** Supervisors and admins answer consults. */
  oversees: boolean;
  now: number;
  dispositionLabel(code: string): string;
  onOpenCase(conversationId: string): void;
};

const TABS: readonly TeamTab[] = ["notes", "consult", "similar"];

/**
 * One text box of the team's side. It keeps its client id until the server stored the text, so
 * pressing again after a lost answer stores it once.
 */
function TeamForm(props: {
  id: string;
  label: string;
  submit: string;
  onSubmit(clientId: string, text: string): Promise<boolean>;
}) {
  const [text, setText] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  let clientId = crypto.randomUUID();
  const send = async () => {
    if (!text().trim() || busy()) return;
    setBusy(true);
    const stored = await props.onSubmit(clientId, text().trim());
    setBusy(false);
    if (stored) {
      clientId = crypto.randomUUID();
      setText("");
    }
  };
  return (
    <form
      class="team-form"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <label for={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        rows={2}
        maxLength={2000}
        value={text()}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <button type="submit" class="primary" disabled={busy() || !text().trim()}>
        {props.submit}
      </button>
    </form>
  );
}

function Entries(props: { entries: NoteInfo[]; now: number; step?: boolean }) {
  const { t, lang } = useI18n();
  return (
    <ul class="team-entries">
      <For each={props.entries}>
        {(entry) => (
          <li classList={{ [`step-${entry.step ?? "note"}`]: true }}>
            <p class="row-meta">
              <Show when={props.step && entry.step}>
                {(step) => <strong>{t(`team.step.${step()}`)} · </strong>}
              </Show>
              {entry.authorName} ·{" "}
              <time datetime={entry.createdAt}>{formatTime(lang(), entry.createdAt, props.now)}</time>
            </p>
            <Show when={entry.text}>
              <p class="team-text">{entry.text}</p>
            </Show>
          </li>
        )}
      </For>
    </ul>
  );
}

function SimilarItem(props: {
  item: SimilarCase;
  now: number;
  dispositionLabel(code: string): string;
  onOpen(): void;
}) {
  const { t, lang } = useI18n();
  const item = () => props.item;
  return (
    <li class="similar-case">
      <p class="row-subject">{item().subject}</p>
      <p class="row-meta">
        {[
          item().disposition && props.dispositionLabel(item().disposition!),
          item().handledBy && t("team.handledBy", { name: item().handledBy! }),
          item().closedAt && formatTime(lang(), item().closedAt!, props.now),
        ]
          .filter(Boolean)
          .join(" · ")}
      </p>
      <p class="similar-reasons">
        {item()
          .reasons.map((reason) => t(`team.reason.${reason}`))
          .join(", ")}
      </p>
      <Show when={item().solution.agentMessages.length + item().solution.notes.length > 0}>
        <p class="similar-how">{t("team.solvedHow")}</p>
        <ul class="similar-solution">
          <For each={item().solution.agentMessages}>{(message) => <li>{message.text}</li>}</For>
          <For each={item().solution.notes}>
            {(note) => (
              <li class="private-note">
                {note.text} <span class="row-meta">({note.authorName})</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <button type="button" class="link-button" onClick={() => props.onOpen()}>
        {t("team.openCase")}
      </button>
    </li>
  );
}

/** The team's side of the open case: private notes, the consult to a supervisor, similar past cases. */
export function CaseTeamPanel(props: Props) {
  const { t } = useI18n();
  const store = () => props.store;
  const team = () => store().team();
  const consult = () => team()?.consult ?? null;
  let body: HTMLDivElement | undefined;

  // An opened tab takes the focus once the case's thread is loaded: to its first field (a
  // supervisor's answer box first), or to the tab's content when it has none.
  createEffect(() => {
    if (!store().focusWanted() || !store().tab() || store().teamLoading()) return;
    store().focusTaken();
    requestAnimationFrame(() => (body?.querySelector<HTMLElement>("textarea") ?? body)?.focus());
  });

  const consultState = () => {
    const c = consult();
    if (!c) return t("team.noConsult");
    if (c.state === "answered") return t("team.state.answered", { name: c.answeredByName ?? "" });
    return t(`team.state.${c.state}`);
  };
  const mayResolve = () => consult()?.state === "open" || consult()?.state === "answered";

  return (
    <section class="case-team" aria-label={t("team.tools")}>
      <div class="case-team-tabs">
        <For each={TABS}>
          {(tab) => (
            <button
              type="button"
              aria-pressed={store().tab() === tab}
              // Only while the body exists: a reference to nothing is invalid ARIA.
              aria-controls={store().tab() ? "case-team-body" : undefined}
              onClick={() => store().openTab(store().tab() === tab ? null : tab)}
            >
              {t(`team.${tab}`)}
              <Show when={tab === "consult" && consult()?.state === "open"}>
                <span class="badge" aria-hidden="true">
                  •
                </span>
              </Show>
            </button>
          )}
        </For>
      </div>
      <Show when={store().tab()}>
        {(tab) => (
          <div id="case-team-body" class="case-team-body" tabIndex={-1} ref={body}>
            <Show when={tab() === "notes"}>
              <h3>{t("team.notes")}</h3>
              <p class="private-label">{t("team.private")}</p>
              <Show
                when={(team()?.notes.length ?? 0) > 0}
                fallback={<p class="muted">{t("team.noNotes")}</p>}
              >
                <Entries entries={team()?.notes ?? []} now={props.now} />
              </Show>
              <TeamForm
                id="team-note"
                label={t("team.noteLabel")}
                submit={t("team.addNote")}
                onSubmit={(clientId, text) =>
                  store().write((id) => props.api.addNote(id, { clientId, text }))
                }
              />
            </Show>
            <Show when={tab() === "consult"}>
              <h3>{t("team.consult")}</h3>
              <p class="private-label">{t("team.private")}</p>
              <p class="muted">{t("team.consultIntro")}</p>
              <p class="consult-state" role="status">
                {consultState()}
              </p>
              <Entries entries={team()?.thread ?? []} now={props.now} step />
              <Show when={props.oversees && mayResolve()}>
                <TeamForm
                  id="team-answer"
                  label={t("team.answerLabel")}
                  submit={t("team.answer")}
                  onSubmit={(clientId, text) =>
                    store().write((id) => props.api.answerConsult(id, { clientId, text }))
                  }
                />
              </Show>
              <TeamForm
                id="team-question"
                label={t("team.questionLabel")}
                submit={t("team.ask")}
                onSubmit={(clientId, text) =>
                  store().write((id) => props.api.askSupervisor(id, { clientId, text }))
                }
              />
              <Show when={mayResolve()}>
                <button
                  type="button"
                  onClick={() =>
                    void store().write((id) =>
                      props.api.resolveConsult(id, { clientId: crypto.randomUUID(), text: "" }),
                    )
                  }
                >
                  {t("team.resolve")}
                </button>
              </Show>
            </Show>
            <Show when={tab() === "similar"}>
              <h3>{t("team.similar")}</h3>
              <p class="muted" role="status">
                {store().similarLoading()
                  ? t("team.similarLoading")
                  : store().similar().length
                    ? t("team.similarCount", { count: store().similar().length })
                    : t("team.noSimilar")}
              </p>
              <ul class="similar-cases">
                <For each={store().similar()}>
                  {(item) => (
                    <SimilarItem
                      item={item}
                      now={props.now}
                      dispositionLabel={props.dispositionLabel}
                      onOpen={() => props.onOpenCase(item.conversationId)}
                    />
                  )}
                </For>
              </ul>
            </Show>
          </div>
        )}
      </Show>
    </section>
  );
}

export default CaseTeamPanel;
