import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Rule } from "../../../events/rules.js";
import type { Consume, ConsumeExternal, ExternalEvent } from "../../../functions/events/consumers.js";
import { logger } from "../../../functions/observability.js";
import { LocalEventBus } from "../../../infra/local/event-bus.js";
import { contactEvent } from "../../../infra/local/sim/connect-events.js";
import type { Ports } from "../../../shared/ports.js";

const folder = mkdtempSync(join(tmpdir(), "atiende-external-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const ports = {} as Ports;
const instance = { account: "111122223333", region: "us-east-1", instanceId: "inst-1", botId: "BOT1" };
const connectRule: Rule = {
  name: "calls",
  description: "test",
  delivery: "bus",
  events: [],
  external: { bus: "default", source: "aws.connect", detailTypes: ["Amazon Connect Contact Event"] },
  entry: "functions/events/record-calls.ts",
};
const ownRule: Rule = {
  name: "ours",
  description: "test",
  delivery: "bus",
  events: ["conversation.closed"],
  entry: "functions/events/record-conversation-metrics.ts",
};

const event = () =>
  contactEvent(
    instance,
    "INITIATED",
    { contactId: "c-1", initiatedAt: new Date(), tags: {}, systemEndpoint: "+1" },
    new Date(),
  );

describe("another service's events on the local bus", () => {
  it("go to the rules that match their own source and detail-type, whole, and never to ours", async () => {
    const handed: ExternalEvent[] = [];
    const ours = vi.fn<Consume>(async () => {});
    const external: ConsumeExternal = async (_ports, received) => {
      handed.push(received);
    };
    const bus = new LocalEventBus({ ours }, () => ports, join(folder, "a.jsonl"), [connectRule, ownRule], {
      calls: external,
    });
    const initiated = event();

    await bus.putExternal([initiated, { ...event(), source: "aws.lex" }]);
    await bus.drain();

    expect(handed).toEqual([initiated]);
    expect(ours).not.toHaveBeenCalled();
  });

  it("are dead-lettered whole when their consumer keeps failing, and redriven to it", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    vi.spyOn(logger, "error").mockImplementation(() => {});
    let broken = true;
    const handed: string[] = [];
    const external: ConsumeExternal = async (_ports, received) => {
      if (broken) throw new Error("down");
      handed.push(received.id);
    };
    const bus = new LocalEventBus({}, () => ports, join(folder, "b.jsonl"), [connectRule], {
      calls: external,
    });
    const initiated = event();

    await bus.putExternal([initiated]);
    const drained = bus.drain();
    await vi.runAllTimersAsync();
    await drained;
    expect(bus.deadLetters()).toEqual([expect.objectContaining({ rule: "calls", event: initiated })]);

    broken = false;
    expect(await bus.redrive()).toBe(1);
    expect(handed).toEqual([initiated.id]);
    expect(bus.deadLetters()).toEqual([]);
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("refuse to start without a consumer for an external rule", () => {
    expect(() => new LocalEventBus({}, () => ports, join(folder, "c.jsonl"), [connectRule], {})).toThrow(
      /calls/,
    );
  });
});
