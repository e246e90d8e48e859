import type { MessageInfo } from "./console-types";

/**
 * The loaded messages of one conversation: one unbroken run of sequence numbers, ascending.
 * `gapAfter` says the merge met a message beyond the run's end, so the ones after
 * `gapAfter` must be fetched (`?after=gapAfter`); the early arrival was left out and comes
 * back with them.
 */
export type MergeResult = { messages: readonly MessageInfo[]; gapAfter?: number };

/** Merges fetched or pushed messages into the run: none twice, none out of order, no holes. */
export function mergeMessages(log: readonly MessageInfo[], incoming: readonly MessageInfo[]): MergeResult {
  const sorted = [...incoming].sort((a, b) => a.seq - b.seq);
  const first = log[0];
  const last = log.at(-1);
  if (!first || !last) {
    const start = sorted[0];
    return start ? mergeMessages([start], sorted.slice(1)) : { messages: [] };
  }

  const older: MessageInfo[] = [];
  let low = first.seq;
  for (const message of [...sorted].reverse()) {
    if (message.seq === low - 1) {
      older.unshift(message);
      low = message.seq;
    }
  }

  const newer: MessageInfo[] = [];
  let high = last.seq;
  let gap = false;
  for (const message of sorted) {
    if (message.seq <= high) continue;
    if (message.seq !== high + 1) {
      gap = true;
      break;
    }
    newer.push(message);
    high = message.seq;
  }

  // The same array back when nothing was added, so a caller can tell that nothing changed.
  const messages = older.length || newer.length ? [...older, ...log, ...newer] : log;
  return gap ? { messages, gapAfter: high } : { messages };
}

/** The highest sequence number loaded, 0 for none: what to resume after. */
export const lastSeq = (log: readonly MessageInfo[]) => log.at(-1)?.seq ?? 0;

/** Earlier messages exist before the first loaded one. */
export const hasOlder = (log: readonly MessageInfo[]) => (log[0]?.seq ?? 1) > 1;
