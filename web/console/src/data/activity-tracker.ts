import { onCleanup } from "solid-js";
import type { ActivitySlice } from "./case-summary";

/** How often the tracker looks; a slice starts at most this late. */
const TICK_MS = 5_000;
/** Without a key, click or pointer move for this long, the agent is not working on the case. */
const IDLE_MS = 60_000;
/** The server takes slices of at most 60 s; this leaves room for a tick that comes late. */
const SLICE_MS = 45_000;
/** Reports that failed wait for the next one, up to this many slices. */
const MAX_WAITING = 20;

/** Time being measured on one case, in epoch milliseconds. */
export type Span = { conversationId: string; startedAt: number; endedAt: number };

/**
 * One look at the clock: the span in progress after it, and the spans it finished. `caseId` is
 * the case being worked on now, or undefined when the agent is not working. A span ends when the
 * work stops, the case changes, a tick came late (the computer slept: a gap, not work) or it
 * reaches SLICE_MS; every span is then shorter than a minute, as the server wants.
 */
export function advance(current: Span | undefined, now: number, caseId: string | undefined) {
  const finished: Span[] = [];
  let span = current;
  const gap = span !== undefined && now - span.endedAt > 2 * TICK_MS;
  if (span && (caseId === undefined || gap || span.conversationId !== caseId)) {
    finished.push(span);
    span = undefined;
  }
  if (caseId === undefined) return { current: undefined, finished };
  if (!span) return { current: { conversationId: caseId, startedAt: now, endedAt: now }, finished };
  span = { ...span, endedAt: now };
  if (now - span.startedAt < SLICE_MS) return { current: span, finished };
  return { current: { conversationId: caseId, startedAt: now, endedAt: now }, finished: [...finished, span] };
}

type Options = {
  /** The case on screen that counts, or undefined when none does. */
  caseId(): string | undefined;
  report(conversationId: string, slices: ActivitySlice[]): Promise<unknown>;
};

/**
 * Measures active handle time: the case is on screen, the window visible and focused, and the
 * agent used keyboard or pointer in the last minute. Time is cut into slices of under a minute,
 * each with its own id, so a report sent again after a failure counts once.
 */
export function trackActivity(options: Options) {
  let lastInput = Date.now();
  let current: Span | undefined;
  const waiting = new Map<string, ActivitySlice[]>();
  const onInput = () => {
    lastInput = Date.now();
  };
  const inputs = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;
  for (const name of inputs) window.addEventListener(name, onInput, { passive: true });

  function keep(spans: Span[]) {
    // Under a second is a glance, not work.
    for (const span of spans.filter((s) => s.endedAt - s.startedAt >= 1000)) {
      const slices = waiting.get(span.conversationId) ?? [];
      slices.push({
        sliceId: crypto.randomUUID(),
        startedAt: new Date(span.startedAt).toISOString(),
        endedAt: new Date(span.endedAt).toISOString(),
      });
      waiting.set(span.conversationId, slices.slice(-MAX_WAITING));
    }
  }

  function send() {
    for (const [conversationId, slices] of waiting) {
      waiting.delete(conversationId);
      options.report(conversationId, slices).catch(() => {
        // Kept with their ids for the next report: the server counts each slice once.
        const later = waiting.get(conversationId) ?? [];
        waiting.set(conversationId, [...slices, ...later].slice(-MAX_WAITING));
      });
    }
  }

  function tick() {
    const now = Date.now();
    const caseId = options.caseId();
    const working =
      document.visibilityState === "visible" && document.hasFocus() && now - lastInput < IDLE_MS;
    const next = advance(current, now, working ? caseId : undefined);
    current = next.current;
    if (next.finished.length) {
      keep(next.finished);
      send();
    }
  }

  const timer = setInterval(tick, TICK_MS);
  const onHide = () => {
    if (document.visibilityState === "hidden") tick();
  };
  document.addEventListener("visibilitychange", onHide);
  onCleanup(() => {
    clearInterval(timer);
    document.removeEventListener("visibilitychange", onHide);
    for (const name of inputs) window.removeEventListener(name, onInput);
    if (current) keep([current]);
    send();
  });
}
