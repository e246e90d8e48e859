/** The rows of WhatsApp's rating list, best first: a list, because WhatsApp shows at most 3 reply buttons. */
export const RATING_ROWS = [
  { score: 5, title: "5 ★★★★★ Excelente" },
  { score: 4, title: "4 ★★★★ Buena" },
  { score: 3, title: "3 ★★★ Regular" },
  { score: 2, title: "2 ★★ Mala" },
  { score: 1, title: "1 ★ Muy mala" },
] as const;

/**
 * A row's id names the score and the case that asked: `rating:4:cnv_…`. The customer may answer
 * after writing again, when his WhatsApp thread already points at a new case; the id still leads
 * to the one that asked.
 */
export const ratingChoiceId = (score: number, conversationId: string) => `rating:${score}:${conversationId}`;
