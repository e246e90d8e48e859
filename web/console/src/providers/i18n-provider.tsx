import { type Accessor, createContext, createEffect, createSignal, type JSX, useContext } from "solid-js";
import { catalog, type Lang, type MessageKey, type Params, translate } from "../i18n";

type I18n = {
  lang: Accessor<Lang>;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: Params): string;
};

const I18nContext = createContext<I18n>();
const STORAGE_KEY = "atiende.console.lang";

/** Spanish unless the user chose otherwise on this browser. */
function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored && stored in catalog ? (stored as Lang) : "es";
  } catch {
    return "es";
  }
}

export function I18nProvider(props: { children: JSX.Element }) {
  const [lang, setLang] = createSignal<Lang>(initialLang());
  createEffect(() => {
    // Screen readers pick their voice from <html lang>; it must follow the switch.
    document.documentElement.lang = lang();
    document.title = translate(lang(), "app.title");
    try {
      localStorage.setItem(STORAGE_KEY, lang());
    } catch {
      // Private windows may refuse storage; the choice then lasts until the tab closes.
    }
  });
  const t = (key: MessageKey, params?: Params) => translate(lang(), key, params);
  return <I18nContext.Provider value={{ lang, setLang, t }}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error("useI18n must be used inside <I18nProvider>");
  return context;
}
