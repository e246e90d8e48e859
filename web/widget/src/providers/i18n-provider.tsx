import { createI18nContext } from "../../../customer/src/providers/i18n-provider.js";
import { translate } from "../i18n.js";

export const { I18nProvider, useI18n, savedLanguage } = createI18nContext({
  storageKey: "atiende.widget.lang",
  translate,
  formats: (lang) => ({
    time: (iso: string) => {
      const date = new Date(iso);
      const today = new Date().toDateString() === date.toDateString();
      return new Intl.DateTimeFormat(lang(), {
        ...(today ? {} : { day: "numeric", month: "short" }),
        ...(date.getFullYear() !== new Date().getFullYear() && { year: "numeric" }),
        hour: "2-digit",
        minute: "2-digit",
      }).format(date);
    },
    size: (bytes: number) => {
      const [value, unit] =
        bytes >= 1024 * 1024 ? [bytes / 1024 / 1024, "megabyte"] : [Math.max(1, bytes / 1024), "kilobyte"];
      return new Intl.NumberFormat(lang(), {
        style: "unit",
        unit,
        unitDisplay: "short",
        maximumFractionDigits: 1,
      }).format(value);
    },
  }),
});
