import { createSignal, For, onMount, Show } from "solid-js";
import type { AgentApi } from "../data/agent-api";
import {
  type ContactReasonsFormat,
  type ContactReasonsQuery,
  type ContactReport,
  minutesText,
} from "../data/contact-reasons";
import { describeError } from "../data/describe-error";
import type { MessageKey } from "../i18n";
import { useI18n } from "../providers/i18n-provider";
import { ReportChart } from "../ui/report-chart";
import { ReportTable } from "../ui/report-table";
import "./contact-reasons-page.css";

type Props = { api: AgentApi };

/** A day as `<input type="date">` writes it, in the viewer's own calendar. */
const localDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;

const STEP_KINDS = new Set(["instruction", "question", "field", "action", "exit"]);

/**
 * "Motivos de contacto" (issue 7), for supervisors and admins: why customers called in a
 * period, from the guided contacts agents closed. Counts by tipo, motivo, escenario and exit tag
 * as bars, per day as a line and per agent, each chart with its table; times per procedure and
 * per step, and where agents left procedures; the same report as CSV and PDF from the server.
 */
export default function ContactReasonsPage(props: Props) {
  const { t, lang } = useI18n();
  const today = new Date();
  const [from, setFrom] = createSignal(localDay(new Date(today.getFullYear(), today.getMonth(), 1)));
  const [to, setTo] = createSignal(localDay(today));
  const [tipo, setTipo] = createSignal("");
  const [motivo, setMotivo] = createSignal("");
  const [agentId, setAgentId] = createSignal("");
  const [report, setReport] = createSignal<ContactReport>();
  // The filters' choices: every tipo and agent seen in a report not narrowed to one of them.
  const [tipos, setTipos] = createSignal(new Map<string, string>());
  // Keyed `tipo/motivo`: a motivo is chosen within the tipo chosen.
  const [motivos, setMotivos] = createSignal(new Map<string, string>());
  const [agents, setAgents] = createSignal(new Map<string, string>());
  const [problem, setProblem] = createSignal("");
  const [status, setStatus] = createSignal("");
  const [busy, setBusy] = createSignal(false);

  const query = (): ContactReasonsQuery => ({
    from: from(),
    to: to(),
    ...(tipo() && { tipo: tipo() }),
    ...(tipo() && motivo() && { motivo: motivo() }),
    ...(agentId() && { agentId: agentId() }),
    lang: lang(),
  });

  /** The filters as the server needs them, or why they are not. */
  const checked = (): ContactReasonsQuery | undefined => {
    const wrong: MessageKey | undefined =
      !from() || !to() ? "reasons.problem.missing" : from() > to() ? "reasons.problem.backwards" : undefined;
    setProblem(wrong ? t(wrong) : "");
    return wrong ? undefined : query();
  };

  // The report asked for last is the one shown, whichever answer arrives last.
  let asked = 0;
  async function load(event?: SubmitEvent) {
    event?.preventDefault();
    setStatus("");
    const q = checked();
    if (!q) return;
    const ask = ++asked;
    setBusy(true);
    try {
      const result = await props.api.contactReasons(q);
      if (ask !== asked) return;
      setReport(result);
      if (!q.tipo)
        setTipos(new Map([...tipos(), ...result.byTipo.map((row) => [row.tipo, row.name] as const)]));
      if (!q.motivo)
        setMotivos(
          new Map([
            ...motivos(),
            ...result.byMotivo.map((row) => [`${row.tipo}/${row.motivo}`, row.name] as const),
          ]),
        );
      if (!q.agentId)
        setAgents(new Map([...agents(), ...result.perAgent.map((row) => [row.agentId, row.name] as const)]));
      setStatus(t("reasons.loaded", { count: result.totals.contacts }));
    } catch (error) {
      if (ask === asked) setProblem(describeError(error, t));
    } finally {
      if (ask === asked) setBusy(false);
    }
  }

  async function download(format: ContactReasonsFormat) {
    setStatus("");
    const q = checked();
    if (!q) return;
    setBusy(true);
    try {
      const file = await props.api.contactReasonsFile(q, format);
      const name = `motivos-de-contacto-${q.from}-${q.to}.${format}`;
      const link = document.createElement("a");
      link.href = URL.createObjectURL(file);
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      setStatus(t("reasons.downloaded", { name }));
    } catch (error) {
      setProblem(describeError(error, t));
    } finally {
      setBusy(false);
    }
  }

  onMount(() => void load());

  const kindName = (kind: string | undefined) =>
    kind && STEP_KINDS.has(kind) ? t(`reasons.kind.${kind}` as MessageKey) : (kind ?? "");
  const describe = (chart: "bar" | "line", title: string) =>
    t("reasons.chartDescription", {
      chart: t(chart === "bar" ? "reasons.barChart" : "reasons.lineChart"),
      title,
    });

  /** Escenario names repeat across motivos ("Falla en la zona"): those say their motivo too. */
  const escenarioLabels = (r: ContactReport) => {
    const motivos = new Map(r.byMotivo.map((row) => [`${row.tipo}/${row.motivo}`, row.name]));
    const seen = new Map<string, number>();
    for (const row of r.byEscenario) seen.set(row.name, (seen.get(row.name) ?? 0) + 1);
    return r.byEscenario.map((row) =>
      (seen.get(row.name) ?? 0) > 1
        ? `${row.name} (${motivos.get(`${row.tipo}/${row.motivo}`) ?? row.motivo})`
        : row.name,
    );
  };

  /** The report's charts, in the order a supervisor reads them: what, then when, then who. */
  const chartsOf = (r: ContactReport) => {
    const counts = <T extends { count: number }>(rows: T[], label: (row: T) => string) => ({
      labels: rows.map(label),
      values: rows.map((row) => row.count),
    });
    return [
      {
        kind: "bar",
        title: "reasons.byTipo",
        header: "reasons.col.tipo",
        ...counts(r.byTipo, (row) => row.name),
      },
      {
        kind: "bar",
        title: "reasons.byMotivo",
        header: "reasons.col.motivo",
        ...counts(r.byMotivo, (row) => row.name),
      },
      {
        kind: "bar",
        title: "reasons.byEscenario",
        header: "reasons.col.escenario",
        labels: escenarioLabels(r),
        values: r.byEscenario.map((row) => row.count),
      },
      {
        kind: "bar",
        title: "reasons.byExitTag",
        header: "reasons.col.exitTag",
        ...counts(r.byExitTag, (row) => row.name),
      },
      {
        kind: "bar",
        title: "reasons.bySolution",
        header: "reasons.col.solution",
        ...counts(r.bySolution, (row) => row.solution),
      },
      {
        kind: "line",
        title: "reasons.perDay",
        header: "reasons.col.day",
        ...counts(r.perDay, (row) => row.day),
      },
      {
        kind: "bar",
        title: "reasons.perAgent",
        header: "reasons.col.agent",
        ...counts(r.perAgent, (row) => row.name),
      },
    ] as const;
  };

  return (
    <main class="reasons-page" aria-labelledby="reasons-heading">
      <h2 id="reasons-heading">{t("reasons.heading")}</h2>
      <p class="muted">{t("reasons.intro")}</p>
      <form class="reasons-form" onSubmit={load} novalidate>
        <label class="field">
          {t("reasons.from")}
          <input type="date" value={from()} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label class="field">
          {t("reasons.to")}
          <input type="date" value={to()} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <label class="field">
          {t("reasons.tipo")}
          <select
            value={tipo()}
            onChange={(e) => {
              setTipo(e.currentTarget.value);
              setMotivo("");
            }}
          >
            <option value="">{t("reasons.all")}</option>
            <For each={[...tipos()]}>{([id, name]) => <option value={id}>{name}</option>}</For>
          </select>
        </label>
        <Show when={tipo()}>
          <label>
            {t("reasons.motivo")}
            <select value={motivo()} onChange={(e) => setMotivo(e.currentTarget.value)}>
              <option value="">{t("reasons.all")}</option>
              <For each={[...motivos()].filter(([key]) => key.startsWith(`${tipo()}/`))}>
                {([key, name]) => <option value={key.slice(tipo().length + 1)}>{name}</option>}
              </For>
            </select>
          </label>
        </Show>
        <label class="field">
          {t("reasons.agent")}
          <select value={agentId()} onChange={(e) => setAgentId(e.currentTarget.value)}>
            <option value="">{t("reasons.all")}</option>
            <For each={[...agents()]}>{([id, name]) => <option value={id}>{name}</option>}</For>
          </select>
        </label>
        <button type="submit" class="primary" disabled={busy()}>
          {t("reasons.show")}
        </button>
        <button type="button" disabled={busy()} onClick={() => void download("csv")}>
          {t("reasons.csv")}
        </button>
        <button type="button" disabled={busy()} onClick={() => void download("pdf")}>
          {t("reasons.pdf")}
        </button>
      </form>
      <Show when={problem()}>
        <p role="alert">{problem()}</p>
      </Show>
      <p role="status">{status()}</p>
      <Show when={report()}>
        {(r) => (
          <>
            <Show when={r().cut}>
              <p class="reasons-cut">{t("reasons.cut")}</p>
            </Show>
            <dl class="reasons-totals">
              <div>
                <dt>{t("reasons.totals.contacts")}</dt>
                <dd>{r().totals.contacts}</dd>
              </div>
              <div>
                <dt>{t("reasons.totals.completed")}</dt>
                <dd>{r().totals.completed}</dd>
              </div>
              <div>
                <dt>{t("reasons.totals.left")}</dt>
                <dd>{r().totals.left}</dd>
              </div>
              <div>
                <dt>{t("reasons.col.average")}</dt>
                <dd>{minutesText(r().totals.averageMs)}</dd>
              </div>
            </dl>
            <div class="reasons-charts">
              <For each={chartsOf(r())}>
                {(chart) => (
                  <ReportChart
                    kind={chart.kind}
                    title={t(chart.title)}
                    description={describe(chart.kind, t(chart.title))}
                    labelHeader={t(chart.header)}
                    valueHeader={t("reasons.col.contacts")}
                    labels={chart.labels}
                    values={chart.values}
                    empty={t("reasons.none")}
                  />
                )}
              </For>
            </div>

            <ReportTable
              id="reasons-procedures"
              title={t("reasons.procedureTimes")}
              columns={[
                { header: t("reasons.col.motivo") },
                { header: t("reasons.col.escenario"), rowHeader: true },
                { header: t("reasons.col.contacts"), number: true },
                { header: t("reasons.col.average"), number: true },
              ]}
              rows={r().procedureTimes.map((row) => [
                row.motivoName,
                row.name,
                String(row.contacts),
                minutesText(row.averageMs),
              ])}
              empty={t("reasons.none")}
            />
            <ReportTable
              id="reasons-steps"
              title={t("reasons.stepTimes")}
              columns={[
                { header: t("reasons.col.escenario") },
                { header: t("reasons.col.step"), rowHeader: true },
                { header: t("reasons.col.kind") },
                { header: t("reasons.col.visits"), number: true },
                { header: t("reasons.col.average"), number: true },
              ]}
              rows={r().stepTimes.map((row) => [
                row.escenarioName,
                row.step,
                kindName(row.kind),
                String(row.visits),
                minutesText(row.averageMs),
              ])}
              empty={t("reasons.none")}
            />
            <ReportTable
              id="reasons-left"
              title={t("reasons.left")}
              columns={[
                { header: t("reasons.col.motivo") },
                { header: t("reasons.col.escenario") },
                { header: t("reasons.col.step"), rowHeader: true },
                { header: t("reasons.col.contacts"), number: true },
              ]}
              rows={r().leftProcedures.map((row) => [
                row.motivoName,
                row.escenarioName ?? "",
                [row.step, kindName(row.kind)].filter(Boolean).join(" · "),
                String(row.count),
              ])}
              empty={t("reasons.noneLeft")}
            />
          </>
        )}
      </Show>
    </main>
  );
}
