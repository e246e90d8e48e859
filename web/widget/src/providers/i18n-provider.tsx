import { createContext, createEffect, createSignal, type JSX, useContext } from "solid-js";
import { type Lang, type MessageKey, type Params, translate } from "../i18n.js";

const LANG_KEY = "atiende.widget.lang";

function createI18n(initial: Lang) {
  const [lang, setLang] = createSignal<Lang>(initial);
  createEffect(() => {
    document.documentElement.lang = lang();
  });
  const t = (key: MessageKey, params?: Params) => translate(lang(), key, params);
  const time = (iso: string) => {
    const date = new Date(iso);
    const today = new Date().toDateString() === date.toDateString();
    return new Intl.DateTimeFormat(lang(), {
      ...(today ? {} : { day: "numeric", month: "short" }),
      ...(date.getFullYear() !== new Date().getFullYear() && { year: "numeric" }),
      hour: "2-digit",
      minute: "2-digit",
    }).format(date);
  };
  const size = (bytes: number) => {
    const [value, unit] =
      bytes >= 1024 * 1024 ? [bytes / 1024 / 1024, "megabyte"] : [Math.max(1, bytes / 1024), "kilobyte"];
    return new Intl.NumberFormat(lang(), {
      style: "unit",
      unit,
      unitDisplay: "short",
      maximumFractionDigits: 1,
    }).format(value);
  };
  return {
    lang,
    setLang(next: Lang) {
      setLang(next);
      try {
        localStorage.setItem(LANG_KEY, next);
      } catch {
        // A browser that refuses storage keeps the choice for this visit only.
      }
    },
    t,
    time,
    size,
  };
}

export function savedLanguage() {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}

export type I18n = ReturnType<typeof createI18n>;
const I18nContext = createContext<I18n>();

export function I18nProvider(props: { lang: Lang; children: JSX.Element }) {
  return <I18nContext.Provider value={createI18n(props.lang)}>{props.children}</I18nContext.Provider>;
}

export function useI18n() {
  const context = useContext(I18nContext);
  if (!context) throw new Error("useI18n must be used inside <I18nProvider>");
  return context;
}
