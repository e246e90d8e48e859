import { createEffect, createResource, createSignal, For, Index, Show } from "solid-js";
import { createStore, reconcile, unwrap } from "solid-js/store";
import type { AgentApi } from "../data/agent-api";
import { ApiError } from "../data/api-error";
import {
  type AutoReplySettings,
  keywordsOf,
  type Problem,
  settingsProblems,
  WEEKDAYS,
  type Weekday,
} from "../data/auto-replies";
import { describeError } from "../data/describe-error";
import type { MessageKey } from "../i18n";
import { useI18n } from "../providers/i18n-provider";

type Props = { api: AgentApi };

/**
 * "Respuestas automáticas" (issue 6), for admins: the team's hours per weekday and its
 * holidays, the acknowledgement with the expected time, the out-of-hours text and keyword
 * rules. Saved over the revision loaded; someone else's save since is said, not overwritten.
 */
export default function AutoRepliesPage(props: Props) {
  const { t } = useI18n();
  const [loaded, { refetch }] = createResource(() => props.api.autoReplies());
  const [form, setForm] = createStore<{ settings?: AutoReplySettings; revision: number }>({ revision: 0 });
  const [problems, setProblems] = createSignal<Problem[]>([]);
  const [status, setStatus] = createSignal("");
  const [failure, setFailure] = createSignal("");
  const [stale, setStale] = createSignal(false);
  const [busy, setBusy] = createSignal(false);

  const take = (saved: { settings: AutoReplySettings; revision: number }) => {
    setForm(reconcile({ settings: structuredClone(saved.settings), revision: saved.revision }));
    setStale(false);
  };
  createEffect(() => {
    const data = loaded();
    if (data && !form.settings) take(data);
  });

  const describe = (problem: Problem) =>
    t(problem.key, {
      ...(problem.day && { day: t(`autoReplies.day.${problem.day}` as MessageKey) }),
      ...(problem.rule && { rule: problem.rule }),
    });

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const settings = structuredClone(unwrap(form.settings!));
    const found = settingsProblems(settings);
    setProblems(found);
    setStatus("");
    setFailure("");
    if (found.length > 0) return;
    setBusy(true);
    try {
      take(await props.api.saveAutoReplies({ settings, revision: form.revision }));
      setStatus(t("autoReplies.saved"));
    } catch (error) {
      if (error instanceof ApiError && error.code === "stale_settings") setStale(true);
      else setFailure(describeError(error, t));
    } finally {
      setBusy(false);
    }
  }

  async function reload() {
    const fresh = await refetch();
    if (fresh) take(fresh);
  }

  const ranges = (day: Weekday) => form.settings!.hours[day];

  return (
    <main class="auto-replies-page" aria-labelledby="auto-replies-heading">
      <h2 id="auto-replies-heading">{t("autoReplies.heading")}</h2>
      <p class="muted">{t("autoReplies.intro")}</p>
      <Show when={!loaded.error} fallback={<p role="alert">{t("errors.generic")}</p>}>
        <Show when={form.settings} fallback={<p role="status">{t("console.loading")}</p>}>
          <form class="auto-replies-form" onSubmit={save} novalidate>
            <label class="field">
              {t("autoReplies.timezone")}
              <input
                value={form.settings!.timezone}
                placeholder="America/Mexico_City"
                onInput={(e) => setForm("settings", "timezone", e.currentTarget.value)}
              />
            </label>

            <fieldset>
              <legend>{t("autoReplies.hours")}</legend>
              <p class="muted">{t("autoReplies.hoursHint")}</p>
              <For each={WEEKDAYS}>
                {(day) => (
                  <fieldset class="auto-replies-day">
                    <legend>{t(`autoReplies.day.${day}` as MessageKey)}</legend>
                    <Show when={ranges(day).length === 0}>
                      <span class="muted">{t("autoReplies.closedDay")}</span>
                    </Show>
                    <Index each={ranges(day)}>
                      {(range, index) => (
                        <span class="auto-replies-range">
                          <input
                            aria-label={t("autoReplies.from")}
                            value={range().from}
                            size={5}
                            placeholder="08:00"
                            onInput={(e) =>
                              setForm("settings", "hours", day, index, "from", e.currentTarget.value)
                            }
                          />
                          –
                          <input
                            aria-label={t("autoReplies.to")}
                            value={range().to}
                            size={5}
                            placeholder="20:00"
                            onInput={(e) =>
                              setForm("settings", "hours", day, index, "to", e.currentTarget.value)
                            }
                          />
                          <button
                            type="button"
                            onClick={() =>
                              setForm("settings", "hours", day, (list) => list.filter((_, i) => i !== index))
                            }
                          >
                            {t("autoReplies.remove")}
                          </button>
                        </span>
                      )}
                    </Index>
                    <button
                      type="button"
                      onClick={() =>
                        setForm("settings", "hours", day, (list) => [...list, { from: "09:00", to: "18:00" }])
                      }
                    >
                      {t("autoReplies.addRange")}
                    </button>
                  </fieldset>
                )}
              </For>
            </fieldset>

            <fieldset>
              <legend>{t("autoReplies.holidays")}</legend>
              <Index each={form.settings!.holidays}>
                {(holiday, index) => (
                  <div class="auto-replies-row">
                    <input
                      type="date"
                      aria-label={t("autoReplies.holidayDate")}
                      value={holiday().date}
                      onInput={(e) => setForm("settings", "holidays", index, "date", e.currentTarget.value)}
                    />
                    <input
                      aria-label={t("autoReplies.holidayName")}
                      value={holiday().name}
                      onInput={(e) => setForm("settings", "holidays", index, "name", e.currentTarget.value)}
                    />
                    <button
                      type="button"
                      onClick={() =>
                        setForm("settings", "holidays", (list) => list.filter((_, i) => i !== index))
                      }
                    >
                      {t("autoReplies.remove")}
                    </button>
                  </div>
                )}
              </Index>
              <button
                type="button"
                onClick={() => setForm("settings", "holidays", (list) => [...list, { date: "", name: "" }])}
              >
                {t("autoReplies.addHoliday")}
              </button>
            </fieldset>

            <fieldset>
              <legend>{t("autoReplies.acknowledgement")}</legend>
              <label class="check">
                <input
                  type="checkbox"
                  checked={form.settings!.acknowledgement.enabled}
                  onChange={(e) => setForm("settings", "acknowledgement", "enabled", e.currentTarget.checked)}
                />
                {t("autoReplies.enabled")}
              </label>
              <label class="field">
                {t("autoReplies.ackText")}
                <textarea
                  rows={2}
                  value={form.settings!.acknowledgement.text}
                  onInput={(e) => setForm("settings", "acknowledgement", "text", e.currentTarget.value)}
                />
              </label>
              <label class="field">
                {t("autoReplies.responseMinutes")}
                <input
                  type="number"
                  min={1}
                  value={form.settings!.acknowledgement.responseMinutes}
                  onInput={(e) =>
                    setForm(
                      "settings",
                      "acknowledgement",
                      "responseMinutes",
                      e.currentTarget.valueAsNumber || 1,
                    )
                  }
                />
              </label>
              <label class="field">
                {t("autoReplies.minutesPerQueuedCase")}
                <input
                  type="number"
                  min={0}
                  value={form.settings!.acknowledgement.minutesPerQueuedCase}
                  onInput={(e) =>
                    setForm(
                      "settings",
                      "acknowledgement",
                      "minutesPerQueuedCase",
                      e.currentTarget.valueAsNumber || 0,
                    )
                  }
                />
              </label>
            </fieldset>

            <fieldset>
              <legend>{t("autoReplies.outOfHours")}</legend>
              <label class="check">
                <input
                  type="checkbox"
                  checked={form.settings!.outOfHours.enabled}
                  onChange={(e) => setForm("settings", "outOfHours", "enabled", e.currentTarget.checked)}
                />
                {t("autoReplies.enabled")}
              </label>
              <label class="field">
                {t("autoReplies.outOfHoursText")}
                <textarea
                  rows={2}
                  value={form.settings!.outOfHours.text}
                  onInput={(e) => setForm("settings", "outOfHours", "text", e.currentTarget.value)}
                />
              </label>
            </fieldset>

            <fieldset>
              <legend>{t("autoReplies.keywords")}</legend>
              <p class="muted">{t("autoReplies.keywordsHint")}</p>
              <Index each={form.settings!.keywordRules}>
                {(rule, index) => (
                  <div class="auto-replies-rule">
                    <label class="field">
                      {t("autoReplies.keywordList", { rule: index + 1 })}
                      <input
                        value={rule().keywords.join(", ")}
                        onChange={(e) =>
                          setForm(
                            "settings",
                            "keywordRules",
                            index,
                            "keywords",
                            keywordsOf(e.currentTarget.value),
                          )
                        }
                      />
                    </label>
                    <label class="field">
                      {t("autoReplies.keywordReply")}
                      <textarea
                        rows={2}
                        value={rule().reply}
                        onInput={(e) =>
                          setForm("settings", "keywordRules", index, "reply", e.currentTarget.value)
                        }
                      />
                    </label>
                    <button
                      type="button"
                      onClick={() =>
                        setForm("settings", "keywordRules", (list) => list.filter((_, i) => i !== index))
                      }
                    >
                      {t("autoReplies.remove")}
                    </button>
                  </div>
                )}
              </Index>
              <button
                type="button"
                onClick={() =>
                  setForm("settings", "keywordRules", (list) => [...list, { keywords: [""], reply: "" }])
                }
              >
                {t("autoReplies.addRule")}
              </button>
            </fieldset>

            <Show when={problems().length > 0}>
              <div role="alert">
                <ul class="form-problems">
                  <For each={problems()}>{(problem) => <li>{describe(problem)}</li>}</For>
                </ul>
              </div>
            </Show>
            <Show when={failure()}>
              <p role="alert">{failure()}</p>
            </Show>
            <Show when={stale()}>
              <p role="alert">
                {t("autoReplies.stale")}{" "}
                <button type="button" onClick={() => void reload()}>
                  {t("autoReplies.reload")}
                </button>
              </p>
            </Show>
            <p role="status">{status()}</p>
            <button type="submit" class="primary" disabled={busy()}>
              {t("autoReplies.save")}
            </button>
          </form>
        </Show>
      </Show>
    </main>
  );
}
