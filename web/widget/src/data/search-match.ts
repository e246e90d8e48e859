/** Folds one character as the server's search does: no accents, lower case. */
function foldChar(char: string) {
  return char
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLocaleLowerCase("es");
}

export type Piece = { text: string; match: boolean };

/**
 * Splits a found message's text around the searched words so the page can mark them, with the
 * same accent- and case-insensitive matching the server used ("credito" marks "Crédito").
 * Folding is done per character so positions map back to the original text.
 */
export function highlight(text: string, query: string): Piece[] {
  const words = [...new Set(query.split(/\s+/).map((word) => [...word].map(foldChar).join("")))].filter(
    Boolean,
  );
  if (!words.length || !text) return text ? [{ text, match: false }] : [];

  const chars = [...text];
  let folded = "";
  const origin: number[] = [];
  chars.forEach((char, index) => {
    for (const unit of foldChar(char)) {
      folded += unit;
      origin.push(index);
    }
  });

  const marked = new Array<boolean>(chars.length).fill(false);
  for (const word of words) {
    for (let at = folded.indexOf(word); at !== -1; at = folded.indexOf(word, at + word.length)) {
      for (let unit = at; unit < at + word.length; unit++) marked[origin[unit]!] = true;
    }
  }

  const pieces: Piece[] = [];
  chars.forEach((char, index) => {
    const match = marked[index]!;
    const last = pieces.at(-1);
    if (last && last.match === match) last.text += char;
    else pieces.push({ text: char, match });
  });
  return pieces;
}

/**
 * A window of a long text around its first match, so a result shows why it was found.
 */
export function snippet(pieces: Piece[], radius = 60): Piece[] {
  const total = pieces.reduce((length, piece) => length + piece.text.length, 0);
  if (total <= radius * 2) return pieces;
  let offset = 0;
  let firstMatch = 0;
  for (const piece of pieces) {
    if (piece.match) {
      firstMatch = offset;
      break;
    }
    offset += piece.text.length;
  }
  const start = Math.max(0, firstMatch - radius);
  const end = Math.min(total, start + radius * 2);
  const result: Piece[] = [];
  let position = 0;
  for (const piece of pieces) {
    const from = Math.max(start, position);
    const to = Math.min(end, position + piece.text.length);
    if (from < to)
      result.push({ text: piece.text.slice(from - position, to - position), match: piece.match });
    position += piece.text.length;
  }
  if (start > 0) result.unshift({ text: "…", match: false });
  if (end < total) result.push({ text: "…", match: false });
  return result;
}
