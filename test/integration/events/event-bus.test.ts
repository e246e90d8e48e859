import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type DomainEvent,
  EVENT_NAMES,
  EVENT_SOURCE,
  type EventName,
  parseEvent,
} from "../../../events/catalog.js";
import { eventPattern, RULES, type Rule } from "../../../events/rules.js";
import { CONSUMERS, type Consume, EXTERNAL_CONSUMERS } from "../../../functions/events/consumers.js";
import { createEventDispatcher } from "../../../functions/events/dispatch-events.js";
import { logger } from "../../../functions/observability.js";
import { LocalEventBus } from "../../../infra/local/event-bus.js";
import { createEventBridgePublisher } from "../../../shared/adapters/aws/eventbridge-publisher.js";
import { newId } from "../../../shared/ids.js";
import type { EventPublisher, Ports } from "../../../shared/ports.js";
import { encodeEntry, type Recipient } from "../../../shared/realtime/connections.js";

const folder = mkdtempSync(join(tmpdir(), "atiende-bus-"));
let deadLetterFile: string;
let files = 0;

beforeEach(() => {
  deadLetterFile = join(folder, `dead-letters-${++files}.jsonl`);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const ports = {} as Ports;

/** A well-formed event of each kind, about one conversation. */
function sample<N extends EventName>(name: N): DomainEvent<N> {
  const ref = {
    conversationId: "cnv_01JAAAAAAAAAAAAAAAAAAAAAAA",
    customerId: "cus_01JBBBBBBBBBBBBBBBBBBBBBBB",
  };
  const message = {
    messageId: "msg_01JCCCCCCCCCCCCCCCCCCCCCCC",
    clientMessageId: "client-1",
    seq: 1,
    author: "customer" as const,
    authorId: ref.customerId,
    text: "hola",
    attachments: [],
    createdAt: new Date().toISOString(),
  };
  const data: Partial<Record<EventName, unknown>> = {
    "conversation.started": { ...ref, channel: "web", subject: "hola" },
    "conversation.assigned": { ...ref, assigneeId: "stf-1", assigneeName: "Ana" },
    "conversation.released": { ...ref, previousAssigneeId: "stf-1" },
    "conversation.closed": {
      ...ref,
      disposition: "resolved",
      createdAt: message.createdAt,
      closedAt: message.createdAt,
    },
    "conversation.read": { ...ref, reader: "agent", seq: 1 },
    "message.received": { ...ref, message },
    "message.sent": { ...ref, message: { ...message, author: "agent" } },
    "message.queued": { ...ref, seq: 2, channel: "whatsapp" },
    "message.delivery_changed": { ...ref, seq: 2, delivery: { state: "delivered" } },
    "channel.message_accepted": { channel: "whatsapp", externalId: "wamid.1", sender: "whatsapp#1#52" },
  };
  return parseEvent({
    id: newId("event"),
    name,
    tenantId: "t-bus",
    occurredAt: new Date().toISOString(),
    actor: { type: "system", id: "test" },
    data: data[name],
  }) as DomainEvent<N>;
}

function rule(name: string, events: EventName[]): Rule {
  return { name, description: name, delivery: "bus", events, entry: `functions/events/${name}.ts` };
}

/** Drains the bus while fake timers run its retry back-off at once. */
async function drainNow(bus: LocalEventBus) {
  const drained = bus.drain();
  await vi.runAllTimersAsync();
  await drained;
}

/** A consumer that fails while `broken` is set, and counts every call by event id. */
function flakyConsumer() {
  const state = { broken: true, calls: 0, delivered: [] as string[] };
  const consume: Consume = async (_ports, event) => {
    state.calls++;
    if (state.broken) throw new Error("downstream unavailable");
    state.delivered.push(event.id);
  };
  return { state, consume };
}

describe("the local event bus", () => {
  it("retries a consumer that throws, then keeps the event in the dead-letter list with its rule", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    const logged = vi.spyOn(logger, "error").mockImplementation(() => {});
    const { state, consume } = flakyConsumer();
    const bus = new LocalEventBus({ notify: consume }, () => ports, deadLetterFile, [
      rule("notify", ["message.received"]),
    ]);
    const event = sample("message.received");

    await bus.publish([event]);
    await drainNow(bus);

    expect(state.calls).toBeGreaterThan(1);
    const letters = bus.deadLetters();
    expect(letters).toEqual([
      { rule: "notify", event, error: "Error: downstream unavailable", failedAt: expect.any(String) },
    ]);
    expect(logged).toHaveBeenCalledWith("Event dead-lettered", expect.objectContaining({ rule: "notify" }));
    const afterRestart = new LocalEventBus({ notify: consume }, () => ports, deadLetterFile, [
      rule("notify", ["message.received"]),
    ]);
    expect(afterRestart.deadLetters()).toEqual(letters);
  });

  it("redrives a dead letter once the consumer works, delivering it exactly once and emptying the list", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    vi.spyOn(logger, "error").mockImplementation(() => {});
    const { state, consume } = flakyConsumer();
    const bus = new LocalEventBus({ notify: consume }, () => ports, deadLetterFile, [
      rule("notify", ["conversation.closed"]),
    ]);
    const event = sample("conversation.closed");
    await bus.publish([event]);
    await drainNow(bus);

    const stillBroken = bus.redrive();
    await vi.runAllTimersAsync();
    expect(await stillBroken).toBe(1);
    expect(bus.deadLetters().map((letter) => letter.event.id)).toEqual([event.id]);

    state.broken = false;
    expect(await bus.redrive()).toBe(1);
    expect(state.delivered).toEqual([event.id]);
    expect(bus.deadLetters()).toEqual([]);

    expect(await bus.redrive()).toBe(0);
    expect(state.delivered).toEqual([event.id]);
  });

  it("keeps, on redrive, a dead letter whose rule it does not know (renamed since it failed)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    vi.spyOn(logger, "error").mockImplementation(() => {});
    const { consume } = flakyConsumer();
    const before = new LocalEventBus({ notify: consume }, () => ports, deadLetterFile, [
      rule("notify", ["message.sent"]),
    ]);
    const event = sample("message.sent");
    await before.publish([event]);
    await drainNow(before);
    const delivered: string[] = [];
    const after = new LocalEventBus(
      {
        "notify-agents": async (_ports, e) => {
          delivered.push(e.id);
        },
      },
      () => ports,
      deadLetterFile,
      [rule("notify-agents", ["message.sent"])],
    );

    await after.redrive();

    expect(delivered).toEqual([]);
    expect(after.deadLetters().map((letter) => [letter.rule, letter.event.id])).toEqual([
      ["notify", event.id],
    ]);
  });

  it("hands an ordered rule one group's events one at a time, in order, and no more than its limit at once", async () => {
    const accepted = (externalId: string, sender: string) =>
      parseEvent({
        ...sample("channel.message_accepted"),
        id: newId("event"),
        data: { channel: "whatsapp", externalId, sender },
      });
    let busy = 0;
    let mostAtOnce = 0;
    const handled: string[] = [];
    const consume: Consume = async (_ports, event) => {
      busy++;
      mostAtOnce = Math.max(mostAtOnce, busy);
      // The first of each sender is the slowest: a later one must still wait for it.
      const data = event.data as { externalId: string };
      await new Promise((resolve) => setTimeout(resolve, data.externalId.endsWith("-1") ? 40 : 5));
      handled.push(data.externalId);
      busy--;
    };
    const bus = new LocalEventBus({ store: consume }, () => ports, deadLetterFile, [
      { ...rule("store", ["channel.message_accepted"]), orderedBy: "sender", concurrency: 2 },
    ]);

    await bus.publish(
      ["a", "b", "c"].flatMap((sender) => [1, 2, 3].map((n) => accepted(`${sender}-${n}`, sender))),
    );
    await bus.drain();

    for (const sender of ["a", "b", "c"]) {
      expect(handled.filter((id) => id.startsWith(sender))).toEqual([1, 2, 3].map((n) => `${sender}-${n}`));
    }
    expect(mostAtOnce).toBe(2);
  });

  it("never hands a rule an event its pattern does not name", async () => {
    const received: Record<string, string[]> = { closed: [], messages: [] };
    const record =
      (into: string[]): Consume =>
      async (_ports, event) => {
        into.push(event.name);
      };
    const bus = new LocalEventBus(
      { closed: record(received.closed!), messages: record(received.messages!) },
      () => ports,
      deadLetterFile,
      [rule("closed", ["conversation.closed"]), rule("messages", ["message.received", "message.sent"])],
    );

    await bus.publish([sample("message.received"), sample("conversation.read"), sample("message.sent")]);
    await bus.drain();

    expect(received).toEqual({ closed: [], messages: ["message.received", "message.sent"] });
    expect(bus.deadLetters()).toEqual([]);
  });

  it("delivers only the bus rules of events/rules.ts, never the inline ones, by default", async () => {
    const calls: string[] = [];
    const consumers = Object.fromEntries(
      RULES.map((r): [string, Consume] => [
        r.name,
        async () => {
          calls.push(r.name);
        },
      ]),
    );
    const bus = new LocalEventBus(consumers, () => ports, deadLetterFile);

    // A message has inline consumers only; a closed conversation has both kinds.
    await bus.publish([sample("message.sent"), sample("conversation.closed")]);
    await bus.drain();

    expect(calls.sort()).toEqual(["record-chats", "record-conversation-metrics", "request-ratings"]);
  });

  it("answers publish before consumers finish, and drain waits until they have", async () => {
    const delivered: string[] = [];
    const slow: Consume = async (_ports, event) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      delivered.push(event.id);
    };
    const bus = new LocalEventBus({ slow }, () => ports, deadLetterFile, [
      rule("slow", ["conversation.started"]),
    ]);
    const events = [sample("conversation.started"), sample("conversation.started")];

    await bus.publish(events);
    expect(delivered).toEqual([]);
    await bus.drain();

    expect(delivered.sort()).toEqual(events.map((e) => e.id).sort());
    expect(existsSync(deadLetterFile)).toBe(false);
  });
});

describe("the rules CDK and the local bus share", () => {
  const busRules = RULES.filter((r) => r.delivery === "bus");

  it("gives each bus rule the pattern source atiende and exactly its events as detail-types, or the other service's own", () => {
    expect(busRules.length).toBeGreaterThan(0);
    for (const busRule of busRules) {
      expect(eventPattern(busRule)).toEqual(
        busRule.external
          ? { source: [busRule.external.source], "detail-type": [...busRule.external.detailTypes] }
          : { source: ["atiende"], "detail-type": [...busRule.events] },
      );
    }
  });

  it("names only catalog events, and has a consumer for every rule", () => {
    for (const r of RULES) {
      // A rule takes our events or another service's, never both.
      expect(r.events.length > 0, r.name).toBe(r.external === undefined);
      expect(EVENT_NAMES).toEqual(expect.arrayContaining([...r.events]));
      expect((r.external ? EXTERNAL_CONSUMERS : CONSUMERS)[r.name], r.name).toBeTypeOf("function");
      expect(existsSync(join(import.meta.dirname, "../../..", r.entry)), r.entry).toBe(true);
    }
  });

  it("sends EventBridge entries that the bus rules' patterns match", async () => {
    const eventBridge = mockClient(EventBridgeClient);
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: "1" }] });
    const publisher = createEventBridgePublisher(new EventBridgeClient({ region: "us-east-1" }), "atiende");

    await publisher.publish([sample("conversation.closed")]);

    const entries = eventBridge.commandCalls(PutEventsCommand).flatMap((call) => call.args[0].input.Entries);
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    const matching = busRules.filter((r) => {
      const pattern = eventPattern(r);
      return (
        pattern.source.includes(entry!.Source!) &&
        pattern["detail-type"].includes(entry!.DetailType! as EventName)
      );
    });
    expect(entry!.Source).toBe(EVENT_SOURCE);
    expect(matching.map((r) => r.name)).toEqual([
      "record-conversation-metrics",
      "record-chats",
      "request-ratings",
    ]);
    eventBridge.restore();
  });
});

describe("the event dispatcher", () => {
  /** Ports whose staff presence lists `connections`, or whose lookup fails when given an error. */
  function portsWith(connections: Recipient[] | Error) {
    const pushed: { connectionId: string; payload: unknown }[] = [];
    const go = async () => {
      if (connections instanceof Error) throw connections;
      const presence = { tenantId: "t-1", audience: "staff", connections: connections.map(encodeEntry) };
      return { data: [presence], unprocessed: [] };
    };
    const fake = {
      db: { presence: { get: () => ({ go }) } },
      clock: { now: () => new Date() },
      pusher: {
        push: async (connectionId: string, payload: unknown) => {
          pushed.push({ connectionId, payload });
          return "sent" as const;
        },
      },
    } as unknown as Ports;
    return { ports: fake, pushed };
  }

  function recordingBus() {
    const published: DomainEvent[] = [];
    const bus: EventPublisher = {
      publish: async (events) => {
        published.push(...events);
      },
    };
    return { bus, published };
  }

  it("still publishes to the bus when an inline consumer fails, and does not fail the caller", async () => {
    const logged = vi.spyOn(logger, "error").mockImplementation(() => {});
    const { ports: broken } = portsWith(new Error("DynamoDB unavailable"));
    const { bus, published } = recordingBus();
    const events = [sample("conversation.started"), sample("message.received")];

    await expect(createEventDispatcher(() => broken, bus).publish(events)).resolves.toBeUndefined();

    expect(published).toEqual(events);
    expect(logged).toHaveBeenCalledWith(
      "Inline consumer failed",
      expect.objectContaining({ rule: "push-to-websockets" }),
    );
  });

  it("runs inline consumers before publish returns, then hands every event to the bus", async () => {
    const { ports: live, pushed } = portsWith([
      { connectionId: "c-1", userId: "stf-1", role: "supervisor", expiresAt: Date.now() / 1000 + 60 },
    ]);
    const { bus, published } = recordingBus();
    const event = sample("conversation.assigned");

    await createEventDispatcher(() => live, bus).publish([event]);

    expect(pushed).toContainEqual({ connectionId: "c-1", payload: { type: "event", event } });
    expect(published).toEqual([event]);
  });
});
