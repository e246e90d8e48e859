import { describe, expect, it } from "vitest";
import { advance, type Span } from "../../../../web/console/src/data/activity-tracker";
import { formatHandleTime, queueLabel } from "../../../../web/console/src/data/case-summary";

const T0 = Date.parse("2026-11-20T10:00:00.000Z");

/** Ticks every `step` ms from T0 while `caseAt(t)` says what is worked on; the spans finished. */
function run(ticks: number[], caseAt: (t: number) => string | undefined) {
  let current: Span | undefined;
  const finished: Span[] = [];
  for (const t of ticks) {
    const next = advance(current, t, caseAt(t));
    current = next.current;
    finished.push(...next.finished);
  }
  return { current, finished };
}

const every5s = (count: number) => Array.from({ length: count }, (_, i) => T0 + i * 5000);

describe("measuring active time", () => {
  it("cuts continuous work into spans shorter than the server's minute, with no time lost between them", () => {
    const { finished } = run(every5s(40), () => "cnv_1");
    expect(finished.length).toBeGreaterThan(2);
    for (const span of finished) expect(span.endedAt - span.startedAt).toBeLessThan(60_000);
    for (const [i, span] of finished.slice(1).entries()) expect(span.startedAt).toBe(finished[i]!.endedAt);
  });

  it("ends the span when the agent stops working or opens another case", () => {
    const { finished, current } = run(every5s(8), (t) =>
      t < T0 + 15_000 ? "cnv_1" : t < T0 + 25_000 ? undefined : "cnv_2",
    );
    expect(finished).toEqual([{ conversationId: "cnv_1", startedAt: T0, endedAt: T0 + 10_000 }]);
    expect(current).toEqual({ conversationId: "cnv_2", startedAt: T0 + 25_000, endedAt: T0 + 35_000 });
  });

  it("counts a late tick (the computer slept) as a gap, not as work", () => {
    const { finished, current } = run([T0, T0 + 5000, T0 + 10 * 60_000], () => "cnv_1");
    expect(finished).toEqual([{ conversationId: "cnv_1", startedAt: T0, endedAt: T0 + 5000 }]);
    expect(current?.startedAt).toBe(T0 + 10 * 60_000);
  });
});

describe("showing handle time and departments", () => {
  it("writes seconds as hours, minutes and seconds", () => {
    expect(formatHandleTime(35)).toBe("35 s");
    expect(formatHandleTime(260)).toBe("4 min 20 s");
    expect(formatHandleTime(3900)).toBe("1 h 05 min");
  });

  it("names the department in the viewer's language, general when there is none, its id when it is gone", () => {
    const queues = [
      { queueId: "general", es: "Atención general", en: "General service" },
      { queueId: "reclamos", es: "Reclamos y devoluciones", en: "Complaints and refunds" },
    ];
    expect(queueLabel(queues, "reclamos", "en")).toBe("Complaints and refunds");
    expect(queueLabel(queues, undefined, "es")).toBe("Atención general");
    expect(queueLabel(queues, "hipotecas", "es")).toBe("hipotecas");
  });
});
