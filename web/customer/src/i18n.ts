/** The languages both customer apps speak; each app's catalog must give every one of them. */
export const LANGS = ["es", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "es";

/** Why a customer's session could not start, in the same words in the chat and in "Mi cuenta". */
export const SESSION_PROBLEM_TEXT = {
  es: {
    errorGeneric: "Algo ha fallado. Inténtalo de nuevo en un momento.",
    errorIdentity: "No hemos podido comprobar tu identidad. Vuelve a entrar en la web e inténtalo otra vez.",
    errorRateLimited: "Demasiados intentos seguidos. Espera un momento y vuelve a intentarlo.",
  },
  en: {
    errorGeneric: "Something went wrong. Please try again in a moment.",
    errorIdentity: "We could not verify who you are. Sign in to the website again and retry.",
    errorRateLimited: "Too many attempts in a row. Wait a moment and try again.",
  },
} as const;

export type Params = Record<string, string | number>;
export type Catalog<Key extends string> = Record<Lang, Record<Key, string>>;

/** A catalog's translate: fills `{name}` placeholders; a placeholder without a value stays visible rather than vanish. */
export function createTranslate<Key extends string>(messages: Catalog<Key>) {
  return (lang: Lang, key: Key, params?: Params): string => {
    const template = messages[lang][key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGS as readonly string[]).includes(value);
}

/** The URL wins (the host site knows its page's language), then the customer's last choice, then the browser. */
export function pickLanguage(fromUrl: string | null, saved: string | null, browser: readonly string[]): Lang {
  if (isLang(fromUrl)) return fromUrl;
  if (isLang(saved)) return saved;
  for (const tag of browser) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLang(base)) return base;
  }
  return DEFAULT_LANG;
}
