import type { DomainEvent } from "../../events/catalog.js";
import type { Ports } from "../ports.js";

type Recipient = { connectionId: string; userId: string; role: string };

/**
 * Which staff connections may see an event. Supervisors and admins see everything; an agent
 * sees the queue's comings and goings (to know what waits and who took what) and the messages
 * of conversations that are queued or his own, never another agent's conversation.
 */
function staffMaySee(event: DomainEvent, recipient: Recipient) {
  if (recipient.role === "supervisor" || recipient.role === "admin") return true;
  switch (event.name) {
    case "conversation.started":
    case "conversation.assigned":
    case "conversation.released":
    case "conversation.closed":
      return true;
    case "message.received":
    case "message.sent":
    case "conversation.read":
      return event.data.assigneeId === undefined || event.data.assigneeId === recipient.userId;
  }
}

/** Customers hear about their own conversations, except who read what on the staff side of a queue. */
function customerMaySee(event: DomainEvent) {
  return event.name !== "conversation.started" && event.name !== "conversation.released";
}

/**
 * Pushes one event to every WebSocket connection allowed to see it. Connections that are
 * gone are forgotten; a failed push is not retried, because clients catch up by sequence
 * number when they reconnect.
 */
export async function pushEvent(ports: Pick<Ports, "db" | "pusher">, event: DomainEvent) {
  const { tenantId } = event;
  const [customerConnections, staffConnections] = await Promise.all([
    customerMaySee(event)
      ? ports.db.connection.query
          .byAudience({ tenantId, audience: `customer#${event.data.customerId}` })
          .go({ pages: "all" })
      : { data: [] },
    ports.db.connection.query.byAudience({ tenantId, audience: "staff" }).go({ pages: "all" }),
  ]);
  const recipients = [
    ...customerConnections.data,
    ...staffConnections.data.filter((c) => staffMaySee(event, c)),
  ];
  const payload = { type: "event", event };
  await Promise.all(
    recipients.map(async ({ connectionId }) => {
      if ((await ports.pusher.push(connectionId, payload)) === "gone") {
        await ports.db.connection.delete({ connectionId }).go();
      }
    }),
  );
  return recipients.length;
}
