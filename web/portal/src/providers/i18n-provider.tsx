import { createI18nContext } from "../../../customer/src/providers/i18n-provider.js";
import { translate } from "../i18n.js";

export const { I18nProvider, useI18n, savedLanguage } = createI18nContext({
  storageKey: "atiende.portal.lang",
  translate,
  formats: (lang) => ({
    date: (iso: string) =>
      new Intl.DateTimeFormat(lang(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)),
  }),
});
