import { createSignal, createUniqueId, onMount } from "solid-js";
import { shortId } from "../data/care-columns";
import type { CareRecordInfo, ServiceType } from "../data/console-types";
import { useI18n } from "../providers/i18n-provider";

type Props = {
  record: CareRecordInfo;
  busy: boolean;
  problem: string | null;
  onSubmit(type: ServiceType, note: string): void;
  onClose(): void;
};

/** Generating a service says what it is and what the central office should know before it decides. */
export function GenerateServiceDialog(props: Props) {
  const { t } = useI18n();
  const id = createUniqueId();
  let dialog!: HTMLDialogElement;
  const [type, setType] = createSignal<ServiceType>("technical_service");
  const [note, setNote] = createSignal("");
  onMount(() => dialog.showModal());
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby={`${id}-title`} onClose={() => props.onClose()}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit(type(), note().trim());
        }}
      >
        <h2 id={`${id}-title`}>{t("care.generateTitle")}</h2>
        <p>
          {props.record.customerName ?? t("care.unknownCustomer")} · {shortId(props.record.recordId)}
        </p>
        <div class="dialog-fields">
          <label for={`${id}-type`}>{t("care.generateType")}</label>
          <select
            id={`${id}-type`}
            value={type()}
            onChange={(event) => setType(event.currentTarget.value as ServiceType)}
          >
            <option value="technical_service">{t("care.service.technical_service")}</option>
            <option value="new_connection">{t("care.service.new_connection")}</option>
          </select>
          <label for={`${id}-note`}>{t("care.generateNote")}</label>
          <textarea
            id={`${id}-note`}
            rows={3}
            maxLength={1000}
            value={note()}
            onInput={(event) => setNote(event.currentTarget.value)}
          />
        </div>
        <p class="form-error" role="alert">
          {props.problem ?? ""}
        </p>
        <div class="dialog-actions">
          <button type="button" onClick={() => dialog.close()}>
            {t("care.detail.dismiss")}
          </button>
          <button type="submit" class="primary" disabled={props.busy}>
            {t("care.generateSubmit")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
