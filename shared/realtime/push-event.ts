import type { PushedEvent } from "../../events/catalog.js";
import type { Ports } from "../ports.js";
import { decodeEntry, forgetEntries, type Recipient } from "./connections.js";

/**
 * Which staff connections may see an event. Supervisors and admins see everything; an agent
 * sees the queue's comings and goings (to know what waits and who took what) and the messages
 * of conversations that are queued or his own, never another agent's conversation.
 */
function staffMaySee(event: PushedEvent, recipient: Recipient) {
  if (recipient.role === "supervisor" || recipient.role === "admin") return true;
  switch (event.name) {
    case "care.record_changed":
    case "service.requested":
      return true;
    case "conversation.started":
    case "conversation.assigned":
    case "conversation.released":
    case "conversation.closed":
    case "conversation.transferred":
      return true;
    case "message.received":
    case "message.sent":
    case "message.delivery_changed":
    case "conversation.read":
    case "approval.decided":
      return event.data.assigneeId === undefined || event.data.assigneeId === recipient.userId;
    // The team's side of a case (issue 6): an agent hears of his own cases and of what he wrote or asked.
    case "case.note_added":
      return event.data.assigneeId === recipient.userId || event.data.note.authorId === recipient.userId;
    case "case.consult_requested":
    case "case.consult_answered":
    case "case.consult_resolved":
      return event.data.assigneeId === recipient.userId || event.data.askedById === recipient.userId;
  }
}

/** Customers hear about their own conversations, except the staff side of a queue; the back office is staff only. */
function customerAudience(event: PushedEvent) {
  // Private notes and consults are the team's alone, whatever their data ever comes to carry.
  if (event.name.startsWith("case.")) return [];
  if (!("customerId" in event.data)) return [];
  if (event.name === "conversation.started" || event.name === "conversation.released") return [];
  // The customer learns of a transfer from the message posted in his case, not the staff's event.
  if (event.name === "conversation.transferred") return [];
  return [`customer#${event.data.customerId}`];
}

/**
 * The connections of the given audiences that have not outlived API Gateway's limit: one
 * BatchGetItem on the hot path of chat. Expired entries, left by a `$disconnect` that never
 * ran, are taken out on the way.
 */
async function presentConnections(ports: Pick<Ports, "db" | "clock">, tenantId: string, audiences: string[]) {
  const keys = audiences.map((audience) => ({ tenantId, audience }));
  const { data, unprocessed } = await ports.db.presence.get(keys).go();
  const retried = await Promise.all(unprocessed.map((key) => ports.db.presence.get(key).go()));
  const now = ports.clock.now().getTime() / 1000;
  return Promise.all(
    [...data, ...retried.flatMap(({ data }) => data ?? [])].map(async (presence) => {
      const entries = presence.connections ?? [];
      const recipients = entries.map(decodeEntry);
      const expired = entries.filter((_, i) => !recipients[i] || recipients[i].expiresAt <= now);
      await forgetEntries(ports, presence, expired);
      return {
        presence,
        recipients: entries.flatMap((entry, i) => {
          const recipient = recipients[i];
          return recipient && recipient.expiresAt > now ? [{ entry, ...recipient }] : [];
        }),
      };
    }),
  );
}

/**
 * Pushes one event to every WebSocket connection allowed to see it. Connections that are
 * gone are forgotten; a failed push is not retried, because clients catch up by sequence
 * number when they reconnect.
 */
export async function pushEvent(ports: Pick<Ports, "db" | "pusher" | "clock">, event: PushedEvent) {
  const audiences = ["staff", ...customerAudience(event)];
  const present = await presentConnections(ports, event.tenantId, audiences);
  const payload = { type: "event", event };
  const pushed = await Promise.all(
    present.map(async ({ presence, recipients }) => {
      const allowed = recipients.filter(
        (recipient) => recipient.role === "customer" || staffMaySee(event, recipient),
      );
      const gone = await Promise.all(
        allowed.map(async (recipient) =>
          (await ports.pusher.push(recipient.connectionId, payload)) === "gone" ? [recipient] : [],
        ),
      );
      const forgotten = gone.flat();
      await Promise.all([
        forgetEntries(
          ports,
          presence,
          forgotten.map((recipient) => recipient.entry),
        ),
        ...forgotten.map(({ connectionId }) => ports.db.connection.delete({ connectionId }).go()),
      ]);
      return allowed.length;
    }),
  );
  return pushed.reduce((sum, count) => sum + count, 0);
}
