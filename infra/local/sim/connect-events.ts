import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { CloudWatchLogsDecodedData, CloudWatchLogsEvent } from "aws-lambda";
import type { ExternalEvent } from "../../../functions/events/consumers.js";
import { CONNECT_SOURCE, CONTACT_EVENT_TYPE } from "../../../shared/calls/connect-contact-event.js";

/** Our Amazon Connect instance as the simulator plays it: an account, a region and ids of AWS's shapes. */
export type ConnectInstance = { account: string; region: string; instanceId: string; botId: string };

export const instanceArn = (instance: ConnectInstance) =>
  `arn:aws:connect:${instance.region}:${instance.account}:instance/${instance.instanceId}`;

/** A queue of the instance, by a name of ours standing for its id. */
export const queueArn = (instance: ConnectInstance, queue: string) =>
  `${instanceArn(instance)}/queue/${queue}`;

/** EventBridge writes an event's time in whole seconds. */
const eventTime = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, "Z");

/** What a contact knows at the moment of an event; each timestamp once it happened. */
export type ContactSnapshot = {
  contactId: string;
  initiatedAt: Date;
  connectedToSystemAt?: Date;
  queue?: { arn: string; enqueuedAt: Date };
  disconnectedAt?: Date;
  /** The flow's user-defined tags so far. */
  tags: Record<string, string>;
  /** The number called, as Connect tags every contact. */
  systemEndpoint: string;
};

/**
 * An "Amazon Connect Contact Event" of an inbound call, as EventBridge delivers it: the envelope,
 * then the detail camelCased as AWS's samples write it, with only the fields the moment has.
 */
export function contactEvent(
  instance: ConnectInstance,
  eventType: string,
  contact: ContactSnapshot,
  at: Date,
) {
  const arn = instanceArn(instance);
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": CONTACT_EVENT_TYPE,
    source: CONNECT_SOURCE,
    account: instance.account,
    time: eventTime(at),
    region: instance.region,
    resources: [`${arn}/contact/${contact.contactId}`, arn],
    detail: {
      eventType,
      contactId: contact.contactId,
      channel: "VOICE",
      instanceArn: arn,
      initiationMethod: "INBOUND",
      initiationTimestamp: contact.initiatedAt.toISOString(),
      ...(contact.connectedToSystemAt && {
        connectedToSystemTimestamp: contact.connectedToSystemAt.toISOString(),
      }),
      ...(contact.queue && {
        queueInfo: {
          queueArn: contact.queue.arn,
          queueType: "STANDARD",
          enqueueTimestamp: contact.queue.enqueuedAt.toISOString(),
        },
      }),
      ...(contact.disconnectedAt && { disconnectTimestamp: contact.disconnectedAt.toISOString() }),
      tags: {
        "aws:connect:instanceId": instance.instanceId,
        "aws:connect:systemEndpoint": contact.systemEndpoint,
        ...contact.tags,
      },
    },
  } satisfies ExternalEvent & { version: string; resources: string[] };
}

export type LexTurnInput = {
  contactId: string;
  at: Date;
  /** What the caller keyed in. */
  keys: string;
  /** The slot it filled and what it means there ("2" → "Soporte técnico"). */
  slot: string;
  meaning?: string;
  /** What the bot says back: the next question, or its goodbye. */
  reply: string;
  /** The question the caller answered, as the contact flow hands it to the bot. */
  prompt: string;
  /** The slot the bot asks for next; none once the caller is handed to a queue. */
  nextSlot?: string;
};

const INTENT = "AtencionTelefonica";

/** One Lex V2 conversation-log entry (`message-version` 2.0) for a turn the caller keyed in. */
export function lexConversationLogEntry(instance: ConnectInstance, turn: LexTurnInput) {
  const value = {
    originalValue: turn.keys,
    interpretedValue: turn.meaning ?? turn.keys,
    resolvedValues: [turn.meaning ?? turn.keys],
  };
  const intent = {
    name: INTENT,
    slots: { [turn.slot]: { shape: "Scalar", value } },
    state: turn.nextSlot ? "InProgress" : "ReadyForFulfillment",
    confirmationState: "None",
  };
  const requestId = randomUUID();
  return {
    "message-version": "2.0",
    bot: {
      id: instance.botId,
      name: "AtiendeIvr",
      aliasId: "TSTALIASID",
      aliasName: "TestBotAlias",
      localeId: "es_419",
      version: "DRAFT",
    },
    messages: [{ contentType: "PlainText", content: turn.reply }],
    sessionState: {
      dialogAction: turn.nextSlot ? { type: "ElicitSlot", slotToElicit: turn.nextSlot } : { type: "Close" },
      intent,
      originatingRequestId: requestId,
      sessionAttributes: { prompt: turn.prompt },
    },
    interpretations: [{ nluConfidence: "1.00", intent }],
    sessionId: turn.contactId,
    inputTranscript: turn.keys,
    missedUtterance: false,
    requestId,
    timestamp: turn.at.toISOString(),
    developerOverride: false,
    inputMode: "DTMF",
    requestAttributes: { "x-amz-lex:channels:platform": "Connect" },
  };
}
export type LexConversationLogEntry = ReturnType<typeof lexConversationLogEntry>;

/** Log entries as a CloudWatch Logs subscription hands them to its Lambda: one gzipped, base64 batch. */
export function logsSubscriptionEvent(
  logGroup: string,
  entries: readonly LexConversationLogEntry[],
): CloudWatchLogsEvent {
  const batch: CloudWatchLogsDecodedData = {
    messageType: "DATA_MESSAGE",
    owner: "111122223333",
    logGroup,
    logStream: "lex-conversation-logs",
    subscriptionFilters: ["LexConversationLogsToCalls"],
    logEvents: entries.map((entry) => ({
      id: randomUUID(),
      timestamp: Date.parse(entry.timestamp),
      message: JSON.stringify(entry),
    })),
  };
  return { awslogs: { data: gzipSync(JSON.stringify(batch)).toString("base64") } };
}
