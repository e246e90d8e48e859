import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ContactEvent, ContactEventDetail } from "../../../../shared/calls/connect-contact-event.js";
import fixtureFile from "../../../fixtures/connect/connect.json" with { type: "json" };

const Fixture = z.object({
  items: z.array(z.object({ id: z.string(), kind: z.string(), payload: z.record(z.string(), z.unknown()) })),
});
const contactEvents = Fixture.parse(fixtureFile).items.filter((item) => item.kind === "contact_event");
const byId = (id: string) => contactEvents.find((item) => item.id === id)!.payload;

/** The same object with every key PascalCased, as some of Connect's samples write them. */
function pascal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascal);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key === "tags" ? "Tags" : key[0]!.toUpperCase() + key.slice(1),
      key === "tags" ? inner : pascal(inner),
    ]),
  );
}

describe("the Connect contact-event normaliser", () => {
  it.each(contactEvents.map((item) => [item.id, item.payload] as const))(
    "reads the documented sample %s",
    (_id, payload) => {
      const parsed =
        "detail" in payload ? ContactEvent.safeParse(payload) : ContactEventDetail.safeParse(payload);
      expect(parsed.error).toBeUndefined();
    },
  );

  it("reads a PascalCase detail as its camelCase twin", () => {
    const routed = ContactEvent.parse(byId("ce-page-connected-to-agent-routing-criteria"));
    expect(routed).toMatchObject({
      eventId: "abcabcab-abca-abca-abca-abcabcabcabc",
      contactId: "12345678-1234-1234-1234-123456789012",
      eventType: "CONNECTED_TO_AGENT",
      channel: "VOICE",
      initiationMethod: "INBOUND",
      instanceId: "12345678-1234-1234-1234-123456789012",
      enqueuedAt: "2021-08-04T17:29:04.000Z",
      connectedToAgentAt: "2021-08-04T17:29:09.000Z",
    });

    const camel = byId("ce-page-connected-to-agent-hierarchy-tags") as { detail: unknown };
    const twin = { ...camel, detail: pascal(camel.detail) };
    expect(ContactEvent.parse(twin)).toEqual(ContactEvent.parse(camel));
  });

  it("reads keys cased differently within one event, and a channel spelled Voice", () => {
    const event = ContactEvent.parse(byId("ce-awsdocs-disconnected-outbound"));
    expect(event).toMatchObject({
      eventType: "DISCONNECTED",
      channel: "VOICE",
      initiationMethod: "OUTBOUND",
      connectedToAgentAt: "2021-08-04T17:29:09.000Z",
      disconnectedAt: "2021-08-04T17:18:37.000Z",
      // The older sample has no instance tag: the id comes from the instance ARN.
      instanceId: "12345678-1234-1234-1234-123456789012",
    });
  });

  it("keeps the flow's own tags with their case, beside Connect's", () => {
    const event = ContactEvent.parse(byId("ce-page-disconnected-outbound-tags"));
    expect(event.tags).toEqual({
      "aws:connect:instanceId": "12345678-1234-1234-1234-123456789012",
      "aws:connect:systemEndpoint": "+11234567890",
      Dept: "Finance",
    });
  });

  it("refuses an event of another source or without a contact id", () => {
    const event = byId("ce-page-connected-to-agent-hierarchy-tags") as { detail: Record<string, unknown> };
    expect(ContactEvent.safeParse({ ...event, source: "aws.lex" }).success).toBe(false);
    const { contactId: _dropped, ...detail } = event.detail;
    expect(ContactEvent.safeParse({ ...event, detail }).success).toBe(false);
  });
});
