import { For, Show } from "solid-js";
import { CARE_COLUMNS, cellText, shortId } from "../data/care-columns";
import type { CareRecordInfo, CareTab, ServiceDecision } from "../data/console-types";
import { useI18n } from "../providers/i18n-provider";

export type RecordActions = {
  /** Who is looking: the central office decides services; everyone else works the records. */
  centralOffice: boolean;
  busyId: string | undefined;
  onView(record: CareRecordInfo): void;
  onOpenChat(record: CareRecordInfo): void;
  onClose(record: CareRecordInfo): void;
  onGenerate(record: CareRecordInfo): void;
  onDecide(record: CareRecordInfo, decision: ServiceDecision): void;
};

type Props = RecordActions & {
  tab: CareTab;
  records: readonly CareRecordInfo[];
  loading: boolean;
  hasMore: boolean;
  onMore(): void;
};

/** A tab's rows as a real table, with what can be done to each in its last column. */
export function CareTable(props: Props) {
  const { t, lang } = useI18n();
  const tabName = () => t(`care.tab.${props.tab}`);
  const caption = () =>
    t(props.hasMore ? "care.captionMore" : "care.caption", { tab: tabName(), count: props.records.length });

  return (
    <div class="care-table-wrap">
      <table class="care-table">
        <caption>{caption()}</caption>
        <thead>
          <tr>
            <For each={CARE_COLUMNS[props.tab]}>
              {(column) => <th scope="col">{t(`care.col.${column}`)}</th>}
            </For>
            <th scope="col">{t("care.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.records}>
            {(record) => (
              <tr>
                <For each={CARE_COLUMNS[props.tab]}>
                  {(column) =>
                    column === "id" ? (
                      <th scope="row">{cellText(record, column, t, lang())}</th>
                    ) : (
                      <td data-column={column}>{cellText(record, column, t, lang())}</td>
                    )
                  }
                </For>
                <td class="care-actions">
                  <RowActions record={record} {...props} />
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={!props.loading && props.records.length === 0}>
        <p class="muted">{t("care.empty")}</p>
      </Show>
      <Show when={props.loading}>
        <p class="muted" role="status">
          {t("care.loading")}
        </p>
      </Show>
      <Show when={props.hasMore && !props.loading}>
        <button type="button" onClick={() => props.onMore()}>
          {t("care.more")}
        </button>
      </Show>
    </div>
  );
}

function RowActions(props: RecordActions & { record: CareRecordInfo }) {
  const { t } = useI18n();
  const id = () => shortId(props.record.recordId);
  const open = () => props.record.status === "open";
  const busy = () => props.busyId === props.record.recordId;
  const named = (
    key: "care.close" | "care.generate" | "care.cancel" | "care.confirm" | "care.reject" | "care.open",
  ) => `${t(key)} ${id()}`;
  return (
    <>
      <button
        type="button"
        aria-label={t("care.viewLabel", { id: id() })}
        onClick={() => props.onView(props.record)}
      >
        {t("care.view")}
      </button>
      <Show when={props.record.tab === "chats" && !props.centralOffice}>
        <button type="button" aria-label={named("care.open")} onClick={() => props.onOpenChat(props.record)}>
          {t("care.open")}
        </button>
      </Show>
      <Show when={props.record.tab !== "services" && open() && !props.centralOffice}>
        <Show when={props.record.tab !== "chats"}>
          <button
            type="button"
            aria-label={named("care.close")}
            disabled={busy()}
            onClick={() => props.onClose(props.record)}
          >
            {t("care.close")}
          </button>
        </Show>
        <button
          type="button"
          aria-label={named("care.generate")}
          disabled={busy()}
          onClick={() => props.onGenerate(props.record)}
        >
          {t("care.generate")}
        </button>
      </Show>
      <Show when={props.record.tab === "services" && open()}>
        <Show
          when={props.centralOffice}
          fallback={
            <button
              type="button"
              aria-label={named("care.cancel")}
              disabled={busy()}
              onClick={() => props.onDecide(props.record, "cancel")}
            >
              {t("care.cancel")}
            </button>
          }
        >
          <button
            type="button"
            class="primary"
            aria-label={named("care.confirm")}
            disabled={busy()}
            onClick={() => props.onDecide(props.record, "confirm")}
          >
            {t("care.confirm")}
          </button>
          <button
            type="button"
            aria-label={named("care.reject")}
            disabled={busy()}
            onClick={() => props.onDecide(props.record, "reject")}
          >
            {t("care.reject")}
          </button>
        </Show>
      </Show>
    </>
  );
}
