import type { Lang } from "../../../customer/src/i18n.js";
import { useI18n } from "../providers/i18n-provider.js";

/** The tenant's name and the language switch, on every screen of the portal. */
export function PortalHeader(props: { tenantName?: string }) {
  const { t, lang, setLang } = useI18n();
  const other = (): Lang => (lang() === "es" ? "en" : "es");
  return (
    <header class="topbar">
      <p class="tenant">{props.tenantName}</p>
      <button type="button" class="ghost" lang={other()} onClick={() => setLang(other())}>
        {t("otherLanguage")}
      </button>
    </header>
  );
}
