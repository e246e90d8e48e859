import { createHash } from "node:crypto";
import type { KeywordRule } from "./settings.js";

/** Lower case without accents, words separated by one space: "¿Cajéro?" and "cajero" read alike. */
export function normaliseWords(text: string) {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(" ");
}

/** Whether a keyword (a word or a phrase) occurs in the text as whole words. */
function occurs(words: string, keyword: string) {
  const wanted = normaliseWords(keyword);
  return wanted.length > 0 && ` ${words} `.includes(` ${wanted} `);
}

/** A rule's stable name, from its keywords: editing its reply does not make it answer again. */
export function ruleKey(rule: KeywordRule) {
  const keywords = rule.keywords.map(normaliseWords).sort().join("|");
  return createHash("sha256").update(keywords).digest("base64url").slice(0, 16);
}

/** The rules whose keywords the text contains, in the admin's order. */
export function matchingRules(rules: readonly KeywordRule[], text: string) {
  const words = normaliseWords(text);
  return rules.filter((rule) => rule.keywords.some((keyword) => occurs(words, keyword)));
}
