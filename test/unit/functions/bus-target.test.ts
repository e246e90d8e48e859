import type { EventBridgeEvent, SQSEvent, SQSRecord } from "aws-lambda";
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { type DomainEvent, EVENT_SOURCE } from "../../../events/catalog.js";
import { handleBusEvent } from "../../../functions/events/bus-target.js";
import { logger } from "../../../functions/observability.js";
import type { Ports } from "../../../shared/ports.js";

/** The consumers under test never reach a port. */
const ports = {} as Ports;

function accepted(id: string, sender = "whatsapp#acc_1#5491100000000"): DomainEvent {
  return {
    id,
    name: "channel.message_accepted",
    tenantId: "ten_1",
    occurredAt: "2025-01-01T00:00:00.000Z",
    actor: { type: "customer", id: "cus_1" },
    data: { channel: "whatsapp", externalId: `wamid.${id}`, sender },
  };
}

function busEvent(event: DomainEvent): EventBridgeEvent<string, unknown> {
  return {
    version: "0",
    id: `eb-${event.id}`,
    "detail-type": event.name,
    source: EVENT_SOURCE,
    account: "111122223333",
    time: event.occurredAt,
    region: "us-east-1",
    resources: [],
    detail: event,
  };
}

/** A batch as Lambda reads it from the rule's queue: each body is the EventBridge event. */
function batch(...events: DomainEvent[]): SQSEvent {
  return {
    Records: events.map(
      (event) =>
        ({
          messageId: `sqs-${event.id}`,
          body: JSON.stringify(busEvent(event)),
          attributes: { MessageGroupId: (event.data as { sender: string }).sender },
        }) as unknown as SQSRecord,
    ),
  };
}

/** A consumer that records what it handled, in order, and fails on the ids it is told to. */
function recordingConsumer(failOn: string[] = []) {
  const handled: string[] = [];
  const consume = async (_ports: Ports, event: DomainEvent) => {
    if (failOn.includes(event.id)) throw new Error(`cannot handle ${event.id}`);
    handled.push(event.id);
  };
  return { consume, handled };
}

describe("a bus consumer fed by a queue", () => {
  let logged: MockInstance<typeof logger.error>;
  beforeEach(() => {
    logged = vi.spyOn(logger, "error").mockImplementation(() => {});
  });
  afterEach(() => {
    logged.mockRestore();
  });

  it("handles a batch's events one after the other, in the queue's order, and reports no failure", async () => {
    const { consume, handled } = recordingConsumer();

    const response = await handleBusEvent(
      consume,
      ports,
      batch(accepted("evt_1"), accepted("evt_2"), accepted("evt_3")),
    );

    expect(handled).toEqual(["evt_1", "evt_2", "evt_3"]);
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it("does not start an event before the one ahead of it has finished", async () => {
    const running: string[] = [];
    let overlapped = false;
    const consume = async (_ports: Ports, event: DomainEvent) => {
      if (running.length > 0) overlapped = true;
      running.push(event.id);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running.pop();
    };

    await handleBusEvent(consume, ports, batch(accepted("evt_1"), accepted("evt_2")));

    expect(overlapped).toBe(false);
  });

  it("reports the first failing event and every event after it, handling none of those after it", async () => {
    const { consume, handled } = recordingConsumer(["evt_2"]);

    const response = await handleBusEvent(
      consume,
      ports,
      batch(
        accepted("evt_1"),
        accepted("evt_2"),
        accepted("evt_3"),
        accepted("evt_4", "email#acc_2#ana@example.com"),
      ),
    );

    expect(handled).toEqual(["evt_1"]);
    expect(response).toEqual({
      batchItemFailures: [
        { itemIdentifier: "sqs-evt_2" },
        { itemIdentifier: "sqs-evt_3" },
        { itemIdentifier: "sqs-evt_4" },
      ],
    });
    // Nothing throws, so the failure is logged here or nowhere.
    expect(logged).toHaveBeenCalledWith(
      expect.any(String),
      expect.objectContaining({ messageId: "sqs-evt_2", error: expect.any(Error) }),
    );
  });

  it("reports a record whose body is not a domain event as failed, like one its consumer refused", async () => {
    const { consume, handled } = recordingConsumer();
    const event = batch(accepted("evt_1"), accepted("evt_2"));
    event.Records[0]!.body = JSON.stringify({ detail: { name: "no.such_event" } });

    const response = await handleBusEvent(consume, ports, event);

    expect(handled).toEqual([]);
    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: "sqs-evt_1" }, { itemIdentifier: "sqs-evt_2" }],
    });
  });
});

describe("a bus consumer fed by its EventBridge rule", () => {
  it("hands the event's detail to the consumer as a domain event", async () => {
    const { consume, handled } = recordingConsumer();

    const response = await handleBusEvent(consume, ports, busEvent(accepted("evt_1")));

    expect(handled).toEqual(["evt_1"]);
    expect(response).toBeUndefined();
  });

  it("throws what the consumer throws, for Lambda and EventBridge to retry", async () => {
    const { consume } = recordingConsumer(["evt_1"]);

    await expect(handleBusEvent(consume, ports, busEvent(accepted("evt_1")))).rejects.toThrow(
      "cannot handle evt_1",
    );
  });
});
