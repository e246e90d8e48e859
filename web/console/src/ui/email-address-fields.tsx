import { createUniqueId } from "solid-js";
import type { EmailFields } from "../data/outgoing";
import { useI18n } from "../providers/i18n-provider";

/**
 * To, CC and Subject of an e-mail, as labelled inputs for a two-column grid: the reply composer
 * and the new-e-mail dialog ask the same three things the same way.
 */
export function EmailAddressFields(props: { value: EmailFields; onChange: (next: EmailFields) => void }) {
  const { t } = useI18n();
  const id = createUniqueId();
  const set = (field: keyof EmailFields, value: string) => props.onChange({ ...props.value, [field]: value });
  return (
    <>
      <label for={`${id}-to`}>{t("email.to")}</label>
      <input
        id={`${id}-to`}
        type="text"
        inputMode="email"
        autocomplete="off"
        aria-describedby={`${id}-addresses`}
        value={props.value.to}
        onInput={(event) => set("to", event.currentTarget.value)}
      />
      <label for={`${id}-cc`}>{t("email.cc")}</label>
      <input
        id={`${id}-cc`}
        type="text"
        inputMode="email"
        autocomplete="off"
        aria-describedby={`${id}-addresses`}
        value={props.value.cc}
        onInput={(event) => set("cc", event.currentTarget.value)}
      />
      <p id={`${id}-addresses`} class="hint email-fields-hint">
        {t("composer.addressesHint")}
      </p>
      <label for={`${id}-subject`}>{t("email.subject")}</label>
      <input
        id={`${id}-subject`}
        type="text"
        maxLength={200}
        value={props.value.subject}
        onInput={(event) => set("subject", event.currentTarget.value)}
      />
    </>
  );
}
