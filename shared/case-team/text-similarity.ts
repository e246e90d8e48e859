/** Words that say nothing of what a case is about (Spanish first, a few English). */
const STOP_WORDS = new Set(
  (
    "a al algo algun alguna algunas alguno algunos ante antes aqui asi aun bien cada casi como con contra cual " +
    "cuando de del desde donde dos el ella ellas ellos en entre era eran es esa esas ese eso esos esta estaba " +
    "estan estar estas este esto estos estoy fue fueron gracias ha habia han hay hola la las le les lo los mas me " +
    "mi mis mucho muy nada ni no nos nosotros nuestra nuestro o os otra otro para pero poco por porque puede " +
    "pues que quien se sea ser si sido sin sobre solo son su sus tambien tan tanto te tengo tiene tienen todo " +
    "todos tu tus un una uno unos usted ustedes va vez y ya yo buenas buenos dias tardes noches favor " +
    "the and for you your with this that have has are was not can please hello thanks"
  ).split(" "),
);

/**
 * The words of a text that may tell cases apart: lower case, without accents (so "devolución" and
 * "devolucion" meet), no stop-words, a plural `s` dropped so "cargos" meets "cargo".
 */
export function tokenize(text: string): string[] {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 2 && !STOP_WORDS.has(word))
    .map((word) => (word.length > 4 && word.endsWith("s") ? word.slice(0, -1) : word));
}

type Vector = Map<string, number>;

/**
 * TF-IDF vectors of a few documents against each other: a word every document shares weighs
 * little, a word only two share weighs most.
 */
export function tfIdfVectors(documents: string[][]): Vector[] {
  const documentFrequency = new Map<string, number>();
  for (const words of documents) {
    for (const word of new Set(words)) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  }
  const total = documents.length;
  return documents.map((words) => {
    const vector: Vector = new Map();
    for (const word of words) vector.set(word, (vector.get(word) ?? 0) + 1);
    for (const [word, count] of vector) {
      vector.set(word, count * Math.log(1 + total / (documentFrequency.get(word) ?? 1)));
    }
    return vector;
  });
}

/** Cosine similarity of two vectors, 0 when either is empty. */
export function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  for (const [word, weight] of a) dot += weight * (b.get(word) ?? 0);
  if (dot === 0) return 0;
  const norm = (v: Vector) => Math.sqrt([...v.values()].reduce((sum, w) => sum + w * w, 0));
  return dot / (norm(a) * norm(b));
}
