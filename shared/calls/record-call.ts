import { z } from "zod";
import { searchKeys } from "../care/record.js";
import { customerKey, findCustomerByKey } from "../customer/customer-keys.js";
import { unlessConditionFails } from "../data/condition-failed.js";
import { ConflictError } from "../errors.js";
import { createEvent } from "../event.js";
import type { Ports } from "../ports.js";
import { ContactEvent } from "./connect-contact-event.js";
import { findConnectRoute } from "./connect-routes.js";
import { LexConversationTurn } from "./lex-conversation-turn.js";
import { CallDetail, type CallSummary, summariseCall } from "./summarise-call.js";

/**
 * Facts are kept while Connect and the log subscription may still redeliver (EventBridge gives up
 * after a day); after that the record is final, and a rebuild from fewer facts never overwrites it.
 */
const FACT_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

/** Writers racing on one call each try this often before the event goes back for a retry. */
const WRITE_ATTEMPTS = 5;

/** Other writers kept changing the call's record: the event goes back to be delivered again. */
export class CallRecordContendedError extends ConflictError {
  constructor(contactId: string) {
    super(
      "call_record_contended",
      `Call ${contactId} kept changing under ${WRITE_ATTEMPTS} attempts to record it`,
    );
  }
}

/** What became of an event: a call's record was (re)built, or why nothing was stored. */
export type CallOutcome =
  | { outcome: "recorded"; tenantId: string; contactId: string }
  | { outcome: "invalid"; issues: string }
  | { outcome: "not_a_received_call"; contactId: string }
  | { outcome: "unrouted"; kind: "instance" | "lex_bot"; resourceId: string };

const invalid = (error: z.ZodError): CallOutcome => ({ outcome: "invalid", issues: z.prettifyError(error) });

/** A contact event from Amazon Connect (the whole EventBridge event) joins its call's record. */
export async function recordContactEvent(ports: Ports, input: unknown): Promise<CallOutcome> {
  const parsed = ContactEvent.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const event = parsed.data;
  // Chats, tasks, outbound and transferred contacts are not calls the IVR received.
  if (event.channel !== "VOICE" || event.initiationMethod !== "INBOUND")
    return { outcome: "not_a_received_call", contactId: event.contactId };
  const route = await findConnectRoute(ports, "instance", event.instanceId);
  if (!route) return { outcome: "unrouted", kind: "instance", resourceId: event.instanceId };
  const fact = { source: "connect" as const, factKey: `event#${event.eventId}`, raw: input };
  return storeAndRebuild(ports, route.tenantId, event.contactId, fact);
}

/** One turn of the IVR bot's conversation log (Lex V2) joins its call's record as a step. */
export async function recordLexTurn(ports: Ports, input: unknown): Promise<CallOutcome> {
  const parsed = LexConversationTurn.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const turn = parsed.data;
  const route = await findConnectRoute(ports, "lex_bot", turn.botId);
  if (!route) return { outcome: "unrouted", kind: "lex_bot", resourceId: turn.botId };
  const fact = { source: "lex" as const, factKey: `turn#${turn.at}#${turn.requestId}`, raw: input };
  return storeAndRebuild(ports, route.tenantId, turn.contactId, fact);
}

/**
 * Keeps the fact under its own identity (a redelivery rewrites the same item), then builds the
 * call again from every fact it has. The read is consistent and follows the write, so of two
 * writers the one that read more facts read all the other read: keeping the record built from
 * the most facts keeps the complete one.
 */
async function storeAndRebuild(
  ports: Ports,
  tenantId: string,
  contactId: string,
  fact: { source: "connect" | "lex"; factKey: string; raw: unknown },
): Promise<CallOutcome> {
  const expiresAt = Math.floor(ports.clock.now().getTime() / 1000) + FACT_LIFETIME_SECONDS;
  await ports.db.callFact.put({ tenantId, contactId, ...fact, expiresAt }).go();
  const { data } = await ports.db.callFact.query
    .byContact({ tenantId, contactId })
    .go({ pages: "all", consistent: true });
  const events = data.filter((item) => item.source === "connect").map((item) => ContactEvent.parse(item.raw));
  const turns = data
    .filter((item) => item.source === "lex")
    .map((item) => LexConversationTurn.parse(item.raw));
  const instanceId = events[0]?.instanceId;
  const route = instanceId ? await findConnectRoute(ports, "instance", instanceId) : undefined;
  const call = summariseCall({ events, turns }, route?.tenantId === tenantId ? route.salesQueueArns : []);
  const written = await writeRecord(ports, tenantId, contactId, call);
  if (written)
    await ports.events.publish([
      createEvent(ports.clock, "care.record_changed", tenantId, { type: "system", id: "connect" }, written),
    ]);
  return { outcome: "recorded", tenantId, contactId };
}

/** The customer the caller is, by the document he keyed in, else by the phone he calls from. */
async function identifyCaller(ports: Ports, tenantId: string, call: CallSummary) {
  const keys = [
    call.documentNumber && customerKey.document(call.documentNumber),
    call.phone && customerKey.phone(call.phone),
  ];
  for (const key of keys) {
    const customerId = key ? await findCustomerByKey(ports, tenantId, key) : undefined;
    if (!customerId) continue;
    const { data: customer } = await ports.db.customer.get({ tenantId, customerId }).go();
    return { customerId, ...(customer?.name && { customerName: customer.name }) };
  }
  return {};
}

/** A moment after `previous`, so that a conditional write on `updatedAt` can never match a later write. */
const after = (now: string, previous: string) =>
  now > previous ? now : new Date(new Date(previous).getTime() + 1).toISOString();

/**
 * Creates the call's record open, or rewrites what Connect and the bot told of it, leaving what
 * staff decided (status, who decided it) alone. Conditional on the record being as read, so a
 * racing writer (another event of the call, an agent closing it) makes this one read again.
 * Returns what changed, or nothing when a build from as many facts is already there.
 */
async function writeRecord(ports: Ports, tenantId: string, recordId: string, call: CallSummary) {
  const caller = await identifyCaller(ports, tenantId, call);
  const { tab, createdAt, ...told } = call;
  const fields = { ...told, ...caller, origin: "voice", ...searchKeys({ ...call, ...caller }) };
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const now = ports.clock.now().toISOString();
    const { data: current } = await ports.db.careRecord.get({ tenantId, recordId }).go({ consistent: true });
    if (!current) {
      const created = await unlessConditionFails(
        ports.db.careRecord
          .create({ tenantId, recordId, tab, status: "open", createdAt, updatedAt: now, ...fields })
          .go(),
      );
      if (created) return { recordId, tab, status: "open" };
      continue;
    }
    const built = CallDetail.safeParse(current.detail);
    if (built.success && built.data.revision >= call.detail.revision) return undefined;
    const { status, updatedAt } = current;
    const patched = await unlessConditionFails(
      ports.db.careRecord
        .patch({ tenantId, recordId })
        .set({ tab, status, createdAt, updatedAt: after(now, updatedAt), ...fields })
        .where((record, { eq }) => `${eq(record.updatedAt, updatedAt)} AND ${eq(record.status, status)}`)
        .go(),
    );
    if (patched) return { recordId, tab, status };
  }
  throw new CallRecordContendedError(recordId);
}
