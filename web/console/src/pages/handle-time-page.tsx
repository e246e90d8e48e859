import { createSignal, Show } from "solid-js";
import type { AgentApi } from "../data/agent-api";
import { describeError } from "../data/describe-error";
import { useI18n } from "../providers/i18n-provider";

type Props = { api: AgentApi };

/** A day as `<input type="date">` writes it, in the viewer's own calendar. */
const localDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;

/**
 * "Tiempos de gestión" (issue 6), for supervisors and admins: the active time each agent spent
 * on each case between two days, downloaded as the server's CSV for a spreadsheet.
 */
export default function HandleTimePage(props: Props) {
  const { t } = useI18n();
  const today = new Date();
  const [from, setFrom] = createSignal(localDay(new Date(today.getFullYear(), today.getMonth(), 1)));
  const [to, setTo] = createSignal(localDay(today));
  const [by, setBy] = createSignal<"case" | "agent">("case");
  const [problem, setProblem] = createSignal("");
  const [status, setStatus] = createSignal("");
  const [busy, setBusy] = createSignal(false);

  async function download(event: SubmitEvent) {
    event.preventDefault();
    setStatus("");
    if (!from() || !to()) return setProblem(t("handleTime.problem.missing"));
    if (from() > to()) return setProblem(t("handleTime.problem.backwards"));
    setProblem("");
    setBusy(true);
    try {
      const csv = await props.api.handleTimeExport({ from: from(), to: to(), by: by() });
      const name = `${by() === "agent" ? "tiempo-por-agente" : "tiempo-de-gestion"}-${from()}-${to()}.csv`;
      const link = document.createElement("a");
      link.href = URL.createObjectURL(csv);
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      setStatus(t("handleTime.downloaded", { name }));
    } catch (error) {
      setProblem(describeError(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="handle-time-page" aria-labelledby="handle-time-heading">
      <h2 id="handle-time-heading">{t("handleTime.heading")}</h2>
      <p class="muted">{t("handleTime.intro")}</p>
      <form class="handle-time-form" onSubmit={download} novalidate>
        <label class="field">
          {t("handleTime.from")}
          <input type="date" value={from()} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label class="field">
          {t("handleTime.to")}
          <input type="date" value={to()} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <label class="field">
          {t("handleTime.by")}
          <select value={by()} onChange={(e) => setBy(e.currentTarget.value === "agent" ? "agent" : "case")}>
            <option value="case">{t("handleTime.byCase")}</option>
            <option value="agent">{t("handleTime.byAgent")}</option>
          </select>
        </label>
        <button type="submit" class="primary" disabled={busy()}>
          {t("handleTime.download")}
        </button>
      </form>
      <Show when={problem()}>
        <p role="alert">{problem()}</p>
      </Show>
      <p role="status">{status()}</p>
    </main>
  );
}
