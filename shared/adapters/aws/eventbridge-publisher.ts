import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from "@aws-sdk/client-eventbridge";
import { type DomainEvent, EVENT_SOURCE } from "../../../events/catalog.js";
import type { EventPublisher } from "../../ports.js";

const MAX_ENTRIES = 10;
const MAX_ATTEMPTS = 3;

/**
 * Sends events to the EventBridge bus, ten per call as PutEvents allows. PutEvents can accept a
 * call and still fail some entries, so those are sent again; what still fails is an error.
 */
export function createEventBridgePublisher(client: EventBridgeClient, busName: string): EventPublisher {
  return {
    async publish(events) {
      for (let start = 0; start < events.length; start += MAX_ENTRIES) {
        let pending: PutEventsRequestEntry[] = events
          .slice(start, start + MAX_ENTRIES)
          .map((event: DomainEvent) => ({
            EventBusName: busName,
            Source: EVENT_SOURCE,
            DetailType: event.name,
            Detail: JSON.stringify(event),
            Time: new Date(event.occurredAt),
          }));
        for (let attempt = 1; pending.length > 0; attempt++) {
          const result = await client.send(new PutEventsCommand({ Entries: pending }));
          pending = pending.filter((_, index) => result.Entries?.[index]?.ErrorCode);
          if (pending.length > 0 && attempt >= MAX_ATTEMPTS) {
            throw new Error(
              `EventBridge refused ${pending.length} event(s): ${pending.map((e) => e.DetailType).join(", ")}`,
            );
          }
        }
      }
    },
  };
}
