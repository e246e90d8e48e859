import { z } from "zod";

/** Where Connect's contact events come from on EventBridge's default bus. */
export const CONNECT_SOURCE = "aws.connect";
export const CONTACT_EVENT_TYPE = "Amazon Connect Contact Event";

/**
 * Connect writes the same fields camelCase in most samples and PascalCase in others, even mixed
 * in one event (`AgentInfo` beside `queueInfo`): keys are read lower-cased. Tag names are the
 * contact flow's own words and keep their case.
 */
function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      const lower = key.toLowerCase();
      return [lower, lower === "tags" ? inner : lowerKeys(inner)];
    }),
  );
}

/** A step of the contact's way, ranked: a call only ever moves forward along them. */
export const CONTACT_STATES = [
  "INITIATED",
  "CONNECTED_TO_SYSTEM",
  "QUEUED",
  "CONNECTED_TO_AGENT",
  "DISCONNECTED",
  "COMPLETED",
] as const;
export type ContactState = (typeof CONTACT_STATES)[number];

/** The rank of an event type among the states; 0 for one that moves nothing (CONTACT_DATA_UPDATED, a new type). */
export const stateRank = (eventType: string) => CONTACT_STATES.indexOf(eventType as ContactState) + 1;

const Timestamp = z.iso.datetime({ offset: true });

const RawDetail = z.object({
  contactid: z.string().min(1),
  eventtype: z.string().min(1),
  channel: z.string().min(1),
  instancearn: z.string().min(1),
  initiationmethod: z.string().optional(),
  initiationtimestamp: Timestamp.optional(),
  connectedtosystemtimestamp: Timestamp.optional(),
  disconnecttimestamp: Timestamp.optional(),
  queueinfo: z.object({ queuearn: z.string().optional(), enqueuetimestamp: Timestamp.optional() }).optional(),
  agentinfo: z.object({ connectedtoagenttimestamp: Timestamp.optional() }).optional(),
  tags: z.record(z.string(), z.string()).optional(),
});

/** Connect's instance id: the tag it adds to every contact, or the last part of the instance ARN. */
const instanceIdOf = (detail: z.infer<typeof RawDetail>) =>
  detail.tags?.["aws:connect:instanceId"] ?? detail.instancearn.split("/").at(-1) ?? detail.instancearn;

/** The `detail` of an "Amazon Connect Contact Event", however its keys are cased, as the facts we keep. */
export const ContactEventDetail = z.preprocess(
  lowerKeys,
  RawDetail.transform((detail) => ({
    contactId: detail.contactid,
    eventType: detail.eventtype.toUpperCase(),
    /** `VOICE`; samples also write `Voice`. */
    channel: detail.channel.toUpperCase(),
    instanceId: instanceIdOf(detail),
    initiationMethod: detail.initiationmethod?.toUpperCase(),
    initiatedAt: detail.initiationtimestamp,
    connectedToSystemAt: detail.connectedtosystemtimestamp,
    enqueuedAt: detail.queueinfo?.enqueuetimestamp,
    queueArn: detail.queueinfo?.queuearn,
    connectedToAgentAt: detail.agentinfo?.connectedtoagenttimestamp,
    disconnectedAt: detail.disconnecttimestamp,
    tags: detail.tags ?? {},
  })),
);
export type ContactEventDetail = z.output<typeof ContactEventDetail>;

/**
 * One contact event as EventBridge delivers it: the envelope's id (the same on every redelivery)
 * and time (seconds; what orders events whose detail has no timestamp of its own) with the detail.
 */
export const ContactEvent = z
  .object({
    id: z.string().min(1),
    source: z.literal(CONNECT_SOURCE),
    "detail-type": z.literal(CONTACT_EVENT_TYPE),
    time: Timestamp,
    detail: ContactEventDetail,
  })
  .transform(({ id, time, detail }) => ({ eventId: id, time, ...detail }));
export type ContactEvent = z.output<typeof ContactEvent>;
