import { BotState } from "../chatbot/flow.js";
import { isConditionFailure } from "../data/condition-failed.js";
import type { Ports } from "../ports.js";
import { type CareRecordItem, recordChanged, searchKeys } from "./record.js";

/** Two writers at once (a conversation event, an agent closing the record) cost a retry each. */
const MAX_ATTEMPTS = 5;

/** The chats the Chats tab lists (seed 002): those the web chatbot attended, and WhatsApp's. */
const CHAT_ORIGINS = new Set(["web", "whatsapp"]);

/**
 * Brings the Chats tab's record of a web or WhatsApp conversation in step with the
 * conversation as it is now: who has it, what the bot collected (or the customer's profile
 * says), and CERRADA once the conversation closed. Built from the stored conversation rather
 * than from the event, so events arriving late, twice or out of order all leave the same
 * record. Its status only moves forward: a record an agent closed or that generated a
 * technical service stays so. Each write is conditional on the record as read.
 */
export async function recordChat(ports: Ports, tenantId: string, conversationId: string) {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const [{ data: conversation }, { data: existing }] = await Promise.all([
      ports.db.conversation.get({ tenantId, conversationId }).go(),
      ports.db.careRecord.get({ tenantId, recordId: conversationId }).go(),
    ]);
    if (!conversation || !CHAT_ORIGINS.has(conversation.channel)) return;
    if (existing && existing.tab !== "chats") return;
    const { data: profile } = await ports.db.customer
      .get({ tenantId, customerId: conversation.customerId })
      .go();

    const bot = conversation.bot ? BotState.parse(conversation.bot) : undefined;
    const collected = bot?.collected ?? {};
    const contact = {
      customerName: collected.name ?? conversation.customerName ?? profile?.name,
      documentNumber: collected.documentNumber ?? profile?.documentNumber,
      phone:
        collected.phone ??
        profile?.phone ??
        (conversation.channel === "whatsapp" ? conversation.contactAddress : undefined),
      email: collected.email ?? profile?.email,
      city: collected.city,
      motivo: collected.motivo ?? bot?.choices.at(-1),
    };
    const assigned = conversation.status === "assigned" && conversation.assigneeId;
    const closes = conversation.status === "closed" && (!existing || existing.status === "open");
    const { assigneeId: _id, assigneeName: _name, ...kept } = existing ?? ({} as Partial<CareRecordItem>);
    const next: CareRecordItem = {
      ...kept,
      tenantId,
      recordId: conversationId,
      tab: "chats",
      status: closes ? "closed" : (existing?.status ?? "open"),
      createdAt: conversation.createdAt,
      updatedAt: existing?.updatedAt ?? conversation.createdAt,
      customerId: conversation.customerId,
      ...defined(contact),
      ...searchKeys(contact),
      origin: conversation.channel,
      subject: conversation.subject,
      ...(assigned && { assigneeId: conversation.assigneeId, assigneeName: conversation.assigneeName }),
      ...(bot && {
        detail: {
          botOutcome: bot.outcome ?? "attending",
          collected,
          choices: bot.choices,
          flowVersion: bot.flowVersion,
        },
      }),
    };
    if (existing && sameRecord(existing, next)) return;
    next.updatedAt = ports.clock.now().toISOString();

    try {
      if (existing) {
        await ports.db.careRecord
          .put(next)
          .where(({ updatedAt }, { eq }) => eq(updatedAt, existing.updatedAt))
          .go();
      } else {
        await ports.db.careRecord.create(next).go();
      }
    } catch (error) {
      if (isConditionFailure(error)) continue;
      throw error;
    }
    await ports.events.publish([
      recordChanged(ports.clock, tenantId, { type: "system", id: "record-chats" }, next),
    ]);
    return;
  }
  throw new Error(`The chat record of ${conversationId} kept changing under its writes`);
}

function defined<T extends Record<string, unknown>>(values: T) {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

/** A value as JSON with its keys sorted at every level, so equal records compare equal. */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(",")}]`
    : value && typeof value === "object"
      ? `{${Object.entries(value)
          .filter(([, inner]) => inner !== undefined)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`)
          .join(",")}}`
      : JSON.stringify(value);

/** Whether a write would change anything but its time: a repeated event then writes nothing. */
const sameRecord = (existing: CareRecordItem, next: CareRecordItem) =>
  canonical({ ...existing, updatedAt: "" }) === canonical({ ...next, updatedAt: "" });
