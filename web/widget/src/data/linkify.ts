export type TextPart = { text: string; href?: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;
/** Punctuation that ends a sentence more often than it ends an address. */
const TRAILING = /[.,;:!?)\]»”’]+$/;

/**
 * Splits a message into plain text and web addresses, so an agent's link can be followed.
 * Only http(s) addresses become links; everything else stays text.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let cursor = 0;
  for (const found of text.matchAll(URL_PATTERN)) {
    const candidate = found[0].replace(TRAILING, "");
    const start = found.index;
    let href: string | undefined;
    try {
      const url = new URL(candidate);
      if (url.protocol === "http:" || url.protocol === "https:") href = url.href;
    } catch {
      href = undefined;
    }
    if (!href) continue;
    if (start > cursor) parts.push({ text: text.slice(cursor, start) });
    parts.push({ text: candidate, href });
    cursor = start + candidate.length;
  }
  if (cursor < text.length) parts.push({ text: text.slice(cursor) });
  return parts;
}
