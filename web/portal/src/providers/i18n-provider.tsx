import { createContext, createEffect, createSignal, type JSX, useContext } from "solid-js";
import { type Lang, type MessageKey, type Params, translate } from "../i18n.js";

const LANG_KEY = "atiende.portal.lang";

function createI18n(initial: Lang) {
  const [lang, setLang] = createSignal<Lang>(initial);
  createEffect(() => {
    document.documentElement.lang = lang();
  });
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
    t: (key: MessageKey, params?: Params) => translate(lang(), key, params),
    date: (iso: string) =>
      new Intl.DateTimeFormat(lang(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)),
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
