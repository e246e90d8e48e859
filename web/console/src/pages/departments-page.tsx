import { createEffect, createResource, createSignal, For, Index, Show } from "solid-js";
import { createStore } from "solid-js/store";
import type { AgentApi } from "../data/agent-api";
import { ApiError } from "../data/api-error";
import {
  type DepartmentProblem,
  type DepartmentRow,
  departmentId,
  departmentProblems,
  GENERAL_QUEUE_ID,
} from "../data/departments";
import { describeError } from "../data/describe-error";
import { useI18n } from "../providers/i18n-provider";

type Props = { api: AgentApi };

/**
 * "Departamentos" (issue 6), for admins: the queues agents transfer cases to, named in both
 * languages. A new one takes its id from its Spanish name; renaming keeps the id, so cases
 * already sent there stay there. General service is always kept.
 */
export default function DepartmentsPage(props: Props) {
  const { t } = useI18n();
  const [loaded] = createResource(() => props.api.adminQueues());
  const [form, setForm] = createStore<{ rows?: DepartmentRow[] }>({});
  const [problems, setProblems] = createSignal<DepartmentProblem[]>([]);
  const [status, setStatus] = createSignal("");
  const [failure, setFailure] = createSignal("");
  const [busy, setBusy] = createSignal(false);

  const take = (queues: readonly { queueId: string; es: string; en: string }[]) =>
    setForm(
      "rows",
      queues.map((queue) => ({ ...queue, fresh: false })),
    );
  createEffect(() => {
    const data = loaded();
    if (data && !form.rows) take(data);
  });

  const setName = (index: number, lang: "es" | "en", value: string) => {
    setForm("rows", index, lang, value);
    if (lang === "es" && form.rows![index]!.fresh) setForm("rows", index, "queueId", departmentId(value));
  };

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const queues = form.rows!.map(({ queueId, es, en }) => ({ queueId, es: es.trim(), en: en.trim() }));
    const found = departmentProblems(queues);
    setProblems(found);
    setStatus("");
    setFailure("");
    if (found.length > 0) return;
    setBusy(true);
    try {
      take(await props.api.saveQueues(queues));
      setStatus(t("departments.saved"));
    } catch (error) {
      // The server's own reason, when it refuses what the form let through.
      setFailure(
        error instanceof ApiError && error.code === "invalid_request"
          ? t("departments.refused", { reason: error.message })
          : describeError(error, t),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="departments-page" aria-labelledby="departments-heading">
      <h2 id="departments-heading">{t("departments.heading")}</h2>
      <p class="muted">{t("departments.intro")}</p>
      <Show when={!loaded.error} fallback={<p role="alert">{t("errors.generic")}</p>}>
        <Show when={form.rows} fallback={<p role="status">{t("console.loading")}</p>}>
          <form class="departments-form" onSubmit={save} novalidate>
            <Index each={form.rows}>
              {(row, index) => (
                <fieldset class="department-row">
                  <legend>{t("departments.row", { n: index + 1 })}</legend>
                  <label class="field">
                    {t("departments.nameEs")}
                    <input
                      value={row().es}
                      maxLength={80}
                      onInput={(e) => setName(index, "es", e.currentTarget.value)}
                    />
                  </label>
                  <label class="field">
                    {t("departments.nameEn")}
                    <input
                      value={row().en}
                      maxLength={80}
                      onInput={(e) => setName(index, "en", e.currentTarget.value)}
                    />
                  </label>
                  <p class="muted department-id">{t("departments.id", { id: row().queueId || "—" })}</p>
                  <Show
                    when={row().queueId !== GENERAL_QUEUE_ID}
                    fallback={<p class="muted">{t("departments.general")}</p>}
                  >
                    <button
                      type="button"
                      aria-label={t("departments.removeNamed", { n: index + 1 })}
                      onClick={() => setForm("rows", (rows) => rows!.filter((_, i) => i !== index))}
                    >
                      {t("departments.remove")}
                    </button>
                  </Show>
                </fieldset>
              )}
            </Index>
            <button
              type="button"
              onClick={() =>
                setForm("rows", (rows) => [...rows!, { queueId: "", es: "", en: "", fresh: true }])
              }
            >
              {t("departments.add")}
            </button>
            <Show when={problems().length > 0}>
              {/* The alert wraps the list: a list that is itself an alert is no list to a screen reader. */}
              <div role="alert">
                <ul class="form-problems">
                  <For each={problems()}>{(problem) => <li>{t(problem.key, { n: problem.row })}</li>}</For>
                </ul>
              </div>
            </Show>
            <Show when={failure()}>
              <p role="alert">{failure()}</p>
            </Show>
            <div>
              <button type="submit" class="primary" disabled={busy()}>
                {t("departments.save")}
              </button>
            </div>
            <p role="status">{status()}</p>
          </form>
        </Show>
      </Show>
    </main>
  );
}
