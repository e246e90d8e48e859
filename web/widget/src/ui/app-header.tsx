import { Show } from "solid-js";
import type { Lang } from "../../../customer/src/i18n.js";
import { useI18n } from "../providers/i18n-provider.js";
import { Icon } from "./icons.js";

type Props = {
  title: string;
  offline: boolean;
  /** What a screen reader should hear now (a new reply, a closed conversation). */
  announcement: string;
  embedded: boolean;
  onClose: () => void;
};

export function AppHeader(props: Props) {
  const { t, lang, setLang } = useI18n();
  const other = (): Lang => (lang() === "es" ? "en" : "es");
  return (
    <header class="topbar">
      <h1 class="topbar-title">{props.title}</h1>
      <p class="connection" role="status">
        <Show when={props.offline}>{t("offline")}</Show>
      </p>
      <div class="visually-hidden" aria-live="polite" aria-atomic="true">
        {props.announcement}
      </div>
      <button type="button" class="ghost" lang={other()} onClick={() => setLang(other())}>
        {t("otherLanguage")}
      </button>
      <Show when={props.embedded}>
        <button
          type="button"
          class="ghost icon-button"
          aria-label={t("closeChat")}
          onClick={() => props.onClose()}
        >
          <Icon name="close" />
        </button>
      </Show>
    </header>
  );
}
