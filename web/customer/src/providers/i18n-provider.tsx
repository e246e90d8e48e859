import { type Accessor, createContext, createEffect, createSignal, type JSX, useContext } from "solid-js";
import type { Lang, Params } from "../i18n.js";

/**
 * One app's language context: its catalog's `translate`, the formats it needs, and the key under
 * which the customer's choice is remembered.
 */
export function createI18nContext<Key extends string, Formats extends object>(options: {
  storageKey: string;
  translate: (lang: Lang, key: Key, params?: Params) => string;
  formats: (lang: Accessor<Lang>) => Formats;
}) {
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
          localStorage.setItem(options.storageKey, next);
        } catch {
          // A browser that refuses storage keeps the choice for this visit only.
        }
      },
      t: (key: Key, params?: Params) => options.translate(lang(), key, params),
      ...options.formats(lang),
    };
  }

  const I18nContext = createContext<ReturnType<typeof createI18n>>();
  return {
    savedLanguage() {
      try {
        return localStorage.getItem(options.storageKey);
      } catch {
        return null;
      }
    },
    I18nProvider(props: { lang: Lang; children: JSX.Element }) {
      return <I18nContext.Provider value={createI18n(props.lang)}>{props.children}</I18nContext.Provider>;
    },
    useI18n() {
      const context = useContext(I18nContext);
      if (!context) throw new Error("useI18n must be used inside <I18nProvider>");
      return context;
    },
  };
}
