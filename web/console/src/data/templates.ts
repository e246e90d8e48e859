import type { MessageTemplate } from "./console-types";

const PLACEHOLDER = /\{\{(\d+)\}\}/g;

/** How the console names one template: WhatsApp may hold the same name in several languages. */
export const templateKey = (template: Pick<MessageTemplate, "name" | "language">) =>
  `${template.name}:${template.language}`;

export function findTemplate(templates: readonly MessageTemplate[], key: string) {
  return templates.find((template) => templateKey(template) === key);
}

/** The parameter numbers a body uses, ascending and each once: `{{1}}` and `{{2}}` → [1, 2]. */
export function templateParameters(body: string): number[] {
  const numbers = new Set([...body.matchAll(PLACEHOLDER)].map((match) => Number(match[1])));
  return [...numbers].sort((a, b) => a - b);
}

/** One run of a template preview: the body's own words, or a parameter, filled or still empty. */
export type PreviewPart = { text: string } | { parameter: number; value: string };

/**
 * The body as the customer will read it, `{{n}}` replaced by the n-th value. An empty value
 * stays visible as its placeholder, so the agent sees what is still missing.
 */
export function previewTemplate(body: string, values: readonly string[]): PreviewPart[] {
  const parts: PreviewPart[] = [];
  let from = 0;
  for (const match of body.matchAll(PLACEHOLDER)) {
    if (match.index > from) parts.push({ text: body.slice(from, match.index) });
    const parameter = Number(match[1]);
    parts.push({ parameter, value: values[parameter - 1]?.trim() ?? "" });
    from = match.index + match[0].length;
  }
  if (from < body.length) parts.push({ text: body.slice(from) });
  return parts;
}

/** The preview as plain text, `{{n}}` left where a value is missing. */
export function renderTemplate(body: string, values: readonly string[]): string {
  return previewTemplate(body, values)
    .map((part) => ("text" in part ? part.text : part.value || `{{${part.parameter}}}`))
    .join("");
}

/**
 * The parameters to send, one per placeholder as the server counts them; undefined while one
 * is empty, since WhatsApp refuses a template with a blank parameter.
 */
export function templateValues(body: string, values: readonly string[]): string[] | undefined {
  const count = templateParameters(body).length;
  const filled = Array.from({ length: count }, (_, i) => values[i]?.trim() ?? "");
  return filled.every(Boolean) ? filled : undefined;
}
