import { createSignal, createUniqueId, For } from "solid-js";
import type { CareQuery, CareStatus, CareTab } from "../data/console-types";
import { useI18n } from "../providers/i18n-provider";

/** The statuses each tab's "Estado" offers, as the server knows them. */
export const TAB_STATUSES: Record<CareTab, readonly CareStatus[]> = {
  sales_calls: ["open", "closed"],
  calls: ["open", "closed", "service_generated"],
  chats: ["open", "closed", "service_generated"],
  queries: ["open", "closed", "service_generated"],
  services: ["open", "confirmed", "rejected", "cancelled"],
};

/** A local day as the instant it starts or ends, so "Hasta 24" includes the whole 24th where the agent is. */
const dayStart = (day: string) => new Date(`${day}T00:00:00`).toISOString();
const dayEnd = (day: string) => new Date(`${day}T23:59:59.999`).toISOString();

type Props = {
  tab: CareTab;
  busy: boolean;
  onFilter(query: CareQuery): void;
  onCopy(): void;
  onPrint(): void;
};

/**
 * Buscar, Desde/Hasta, Estado and Filtrar, applied together when the agent presses Filtrar;
 * Copy and Print act on what is filtered. Created anew for each tab, which starts on ABIERTA.
 */
export function CareFilters(props: Props) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [q, setQ] = createSignal("");
  const [from, setFrom] = createSignal("");
  const [to, setTo] = createSignal("");
  const [status, setStatus] = createSignal<CareStatus | "all">("open");
  const [problem, setProblem] = createSignal<string | null>(null);
  const label = (value: CareStatus | "all") =>
    value === "all"
      ? t("care.status.all")
      : t(props.tab === "services" && value === "open" ? "care.state.pending" : `care.state.${value}`);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (from() && to() && from() > to()) {
      setProblem(t("care.rangeReversed"));
      return;
    }
    setProblem(null);
    props.onFilter({
      tab: props.tab,
      status: status(),
      ...(q().trim() && { q: q().trim() }),
      ...(from() && { from: dayStart(from()) }),
      ...(to() && { to: dayEnd(to()) }),
    });
  };

  return (
    <form class="care-filters" aria-label={t("care.filters")} onSubmit={submit}>
      <div class="field">
        <label for={`${id}-q`}>{t("care.search")}</label>
        <input
          id={`${id}-q`}
          type="search"
          maxLength={80}
          placeholder={t("care.searchHint")}
          value={q()}
          onInput={(event) => setQ(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={`${id}-from`}>{t("care.from")}</label>
        <input
          id={`${id}-from`}
          type="date"
          min="2000-01-01"
          value={from()}
          aria-invalid={problem() ? "true" : undefined}
          aria-describedby={`${id}-problem`}
          onInput={(event) => setFrom(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={`${id}-to`}>{t("care.to")}</label>
        <input
          id={`${id}-to`}
          type="date"
          min="2000-01-01"
          value={to()}
          aria-invalid={problem() ? "true" : undefined}
          aria-describedby={`${id}-problem`}
          onInput={(event) => setTo(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={`${id}-status`}>{t("care.status")}</label>
        <select
          id={`${id}-status`}
          value={status()}
          onChange={(event) => setStatus(event.currentTarget.value as CareStatus | "all")}
        >
          <For each={[...TAB_STATUSES[props.tab], "all" as const]}>
            {(value) => <option value={value}>{label(value)}</option>}
          </For>
        </select>
      </div>
      <button type="submit" class="primary" disabled={props.busy}>
        {t("care.filter")}
      </button>
      <button type="button" onClick={() => props.onCopy()}>
        {t("care.copy")}
      </button>
      <button type="button" onClick={() => props.onPrint()}>
        {t("care.print")}
      </button>
      <p id={`${id}-problem`} class="form-error" role="alert">
        {problem() ?? ""}
      </p>
    </form>
  );
}
