import { children, createUniqueId, For, type JSX, onMount, Show } from "solid-js";
import { shortId, statusLabel } from "../data/care-columns";
import type { CallStep, CareRecordInfo } from "../data/console-types";
import { useI18n } from "../providers/i18n-provider";

type Props = {
  record: CareRecordInfo;
  /** Extra actions for this record (generate a service, …), shown under its details. */
  children?: JSX.Element;
  /** The guided script the agent follows on this contact (issue 7), above the actions, in a wider dialog. */
  guide?: JSX.Element;
  onClose(): void;
};

const asSteps = (value: unknown): CallStep[] => (Array.isArray(value) ? (value as CallStep[]) : []);
const asText = (value: unknown) =>
  typeof value === "string" || typeof value === "number" ? String(value) : "";

/**
 * "Ver": everything about one record. For a call, its whole way through the IVR bot; for a
 * query, the form the customer sent; for a chat, what he told the web bot; for a service,
 * what it is, who asked for it and who decided. A native modal dialog, like the console's others.
 */
export function CareRecordDialog(props: Props) {
  const { t, lang } = useI18n();
  const id = createUniqueId();
  let dialog!: HTMLDialogElement;
  onMount(() => dialog.showModal());
  const guide = children(() => props.guide);
  const detail = () => props.record.detail ?? {};
  const when = (iso: string) =>
    new Intl.DateTimeFormat(lang(), { dateStyle: "medium", timeStyle: "medium" }).format(new Date(iso));
  const collected = () => Object.entries((detail().collected as Record<string, unknown> | undefined) ?? {});

  return (
    <dialog
      ref={dialog}
      class="dialog care-record"
      classList={{ guiding: guide() !== undefined }}
      aria-labelledby={`${id}-title`}
      onClose={() => props.onClose()}
    >
      <h2 id={`${id}-title`}>{t("care.detail", { id: shortId(props.record.recordId) })}</h2>
      <dl class="care-facts">
        <dt>{t("care.col.status")}</dt>
        <dd>{statusLabel(props.record, t)}</dd>
        <dt>{t("care.col.customer")}</dt>
        <dd>{props.record.customerName ?? t("care.unknownCustomer")}</dd>
        <Show when={props.record.documentNumber}>
          <dt>{t("care.col.document")}</dt>
          <dd>{props.record.documentNumber}</dd>
        </Show>
        <Show when={props.record.phone || props.record.email}>
          <dt>{t("care.detail.contact")}</dt>
          <dd>{[props.record.phone, props.record.email].filter(Boolean).join(" · ")}</dd>
        </Show>
        <Show when={props.record.city}>
          <dt>{t("care.col.city")}</dt>
          <dd>{props.record.city}</dd>
        </Show>
        <Show when={props.record.motivo}>
          <dt>{t("care.col.motivo")}</dt>
          <dd>{props.record.motivo}</dd>
        </Show>
        <Show when={props.record.subject}>
          <dt>{t("care.col.subject")}</dt>
          <dd>{props.record.subject}</dd>
        </Show>
        <dt>{t("care.col.date")}</dt>
        <dd>{when(props.record.createdAt)}</dd>
        <Show when={props.record.decidedBy && props.record.decidedAt}>
          <dt>{t("care.col.status")}</dt>
          <dd>
            {t("care.detail.decidedBy", {
              status: statusLabel(props.record, t),
              name: props.record.decidedBy ?? "",
            })}
            , {when(props.record.decidedAt ?? props.record.updatedAt)}
          </dd>
        </Show>
      </dl>

      <Show when={props.record.tab === "calls" || props.record.tab === "sales_calls"}>
        <section aria-labelledby={`${id}-path`}>
          <h3 id={`${id}-path`}>{t("care.detail.path")}</h3>
          <Show
            when={asSteps(detail().steps).length}
            fallback={<p class="muted">{t("care.detail.noPath")}</p>}
          >
            <ol class="ivr-path">
              <For each={asSteps(detail().steps)}>
                {(step) => (
                  <li>
                    <p class="ivr-prompt">{step.prompt}</p>
                    <Show when={step.answer}>
                      <p class="ivr-answer">{step.answer}</p>
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        </section>
      </Show>

      <Show when={props.record.tab === "queries"}>
        <section aria-labelledby={`${id}-query`}>
          <h3 id={`${id}-query`}>{t("care.detail.message")}</h3>
          <Show when={asText(detail().kind)}>
            <p>
              {t("care.detail.kind")}: {asText(detail().kind)}
            </p>
          </Show>
          <p class="care-message">{asText(detail().message)}</p>
          <Show when={asText(detail().preferredContact)}>
            <p>{t("care.detail.preferred", { means: asText(detail().preferredContact) })}</p>
          </Show>
        </section>
      </Show>

      <Show when={props.record.tab === "chats" && collected().length}>
        <section aria-labelledby={`${id}-collected`}>
          <h3 id={`${id}-collected`}>{t("care.detail.collected")}</h3>
          <dl class="care-facts">
            <For each={collected()}>
              {([field, value]) => (
                <>
                  <dt>{field}</dt>
                  <dd>{asText(value)}</dd>
                </>
              )}
            </For>
          </dl>
        </section>
      </Show>

      <Show when={props.record.tab === "services"}>
        <section aria-labelledby={`${id}-service`}>
          <h3 id={`${id}-service`}>
            {t(`care.service.${detail().type === "new_connection" ? "new_connection" : "technical_service"}`)}
          </h3>
          <Show when={props.record.sourceTab}>
            <p>{t("care.detail.source", { tab: props.record.sourceTab ?? "" })}</p>
          </Show>
          <Show when={asText(detail().note)}>
            <p>
              {t("care.detail.note")}: {asText(detail().note)}
            </p>
          </Show>
          <Show when={asText(detail().requestedBy)}>
            <p>{t("care.detail.requestedBy", { name: asText(detail().requestedBy) })}</p>
          </Show>
        </section>
      </Show>

      {guide()}
      <div class="dialog-actions">
        {props.children}
        <button type="button" onClick={() => dialog.close()}>
          {t("care.detail.dismiss")}
        </button>
      </div>
    </dialog>
  );
}
