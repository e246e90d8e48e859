import { describe, expect, it } from "vitest";
import { parseEvent } from "../../../events/catalog.js";

const envelope = {
  id: "evt_01JAAAAAAAAAAAAAAAAAAAAAAA",
  tenantId: "t-1",
  occurredAt: "2026-01-01T00:00:00.000Z",
  actor: { type: "customer", id: "cus_1" },
};
const started = {
  ...envelope,
  name: "conversation.started",
  data: { conversationId: "cnv_1", customerId: "cus_1", channel: "web", subject: "hola" },
};

describe("reading an event from the bus", () => {
  it("takes an envelope whose payload matches its name's schema", () => {
    expect(parseEvent(started)).toEqual(started);
  });

  it("refuses a payload that belongs to another event's schema", () => {
    expect(() => parseEvent({ ...started, name: "message.received" })).toThrow();
    expect(() => parseEvent({ ...started, name: "conversation.assigned" })).toThrow();
  });

  it("refuses a payload with a field of the wrong kind", () => {
    expect(() => parseEvent({ ...started, data: { ...started.data, channel: "fax" } })).toThrow();
  });

  it("refuses an event name not in the catalog, and an unknown actor type", () => {
    expect(() => parseEvent({ ...started, name: "conversation.deleted" })).toThrow();
    expect(() => parseEvent({ ...started, actor: { type: "robot", id: "r" } })).toThrow();
  });

  it("keeps only the fields the schema names", () => {
    const parsed = parseEvent({ ...started, data: { ...started.data, internal: "secret" } });

    expect(parsed.data).not.toHaveProperty("internal");
  });
});
