import { For } from "solid-js";
import { LANGS, type Lang } from "../i18n";
import { useI18n } from "../providers/i18n-provider";

export function LanguageSelect() {
  const { lang, setLang, t } = useI18n();
  return (
    <label class="language">
      <span>{t("lang.label")}</span>
      <select value={lang()} onChange={(event) => setLang(event.currentTarget.value as Lang)}>
        <For each={LANGS}>
          {(option) => (
            <option value={option} lang={option}>
              {t(`lang.${option}`)}
            </option>
          )}
        </For>
      </select>
    </label>
  );
}
