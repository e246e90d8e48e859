/** The `p`th percentile of ascending `sorted` samples (nearest rank). */
export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Milliseconds to two decimals, as the benchmarks report them. */
export const round = (ms: number) => Math.round(ms * 100) / 100;
