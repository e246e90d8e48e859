/** An inbox row's one-line preview, cut like the server cuts it so live rows match fetched ones. */
export function previewOf(text: string, attachmentNames: readonly string[]) {
  const source = text || attachmentNames.map((name) => `📎 ${name}`).join(", ");
  const flat = source.replace(/\s+/g, " ").trim();
  return flat.length <= 140 ? flat : `${flat.slice(0, 139).replace(/\s\S*$/, "")}…`;
}
