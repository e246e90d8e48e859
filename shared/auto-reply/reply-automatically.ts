import type { DomainEvent } from "../../events/catalog.js";
import type { ConversationItem } from "../conversation/info.js";
import { AttendedByBotError, ConversationClosedError } from "../conversation/load-conversation.js";
import { postSystemMessage } from "../conversation/post-system-message.js";
import type { Ports } from "../ports.js";
import { getAutoReplySettings } from "./auto-reply-settings.js";
import { type BusinessStatus, businessStatus, describeOpening } from "./business-hours.js";
import { matchingRules, ruleKey } from "./match-keywords.js";
import { type AutoReplySettings, WEEKDAYS } from "./settings.js";

/** How many waiting cases are counted for the expected time; a longer queue promises no more. */
const QUEUE_COUNT_LIMIT = 200;

/**
 * The tenant's automatic replies to a customer's message, as system messages in the case:
 *
 * - out of hours, once per case and closed period: when the team is back (`{opensAt}`);
 * - in hours, on the case's first message: the acknowledgement with the expected time (`{minutes}`);
 * - for each keyword rule the text matches, its reply, once per rule and case.
 *
 * Hours are judged at the time the message was written (stamped by `ports.clock`), so a late
 * redelivery decides as the first delivery did. Each reply's client id derives from the case and
 * what triggered it, so a redelivered event posts nothing twice. Nothing is sent while the
 * chatbot attends the chat, in a closed case, or by e-mail (a reply there is a new e-mail).
 */
export async function replyAutomatically(ports: Ports, event: DomainEvent<"message.received">) {
  const { conversationId, message } = event.data;
  const { tenantId } = event;
  if (message.author !== "customer") return;
  const { data: conversation } = await ports.db.conversation.get({ tenantId, conversationId }).go();
  if (!conversation || !answerable(conversation)) return;
  const { settings, revision } = await getAutoReplySettings(ports, tenantId);
  if (revision === 0) return;

  const writtenAt = new Date(message.createdAt);
  const status: BusinessStatus = hasHours(settings) ? businessStatus(settings, writtenAt) : { open: true };
  const post = (clientMessageId: string, text: string) =>
    postSystemMessage(ports, {
      tenantId,
      conversationId,
      clientMessageId,
      text,
      check: (current) => {
        if (current.status === "closed") throw new ConversationClosedError();
        if (current.status === "bot") throw new AttendedByBotError();
      },
    }).catch(unlessLeft);

  if (!status.open && settings.outOfHours.enabled) {
    const period = status.opensAt?.getTime() ?? "later";
    await post(
      `auto-closed_${conversationId}_${period}`,
      settings.outOfHours.text.replaceAll("{opensAt}", describeOpening(settings.timezone, status.opensAt)),
    );
  } else if (status.open && settings.acknowledgement.enabled && message.seq === 1) {
    const minutes = await expectedMinutes(ports, conversation, settings.acknowledgement);
    await post(
      `auto-ack_${conversationId}`,
      settings.acknowledgement.text.replaceAll("{minutes}", `${minutes}`),
    );
  }
  for (const rule of matchingRules(settings.keywordRules, message.text)) {
    await post(`auto-keyword_${conversationId}_${ruleKey(rule)}`, rule.reply);
  }
}

const answerable = (conversation: ConversationItem) =>
  conversation.status !== "bot" && conversation.status !== "closed" && conversation.channel !== "email";

/** A tenant that set no hours at all is taken as always open: no hours is not "always closed". */
const hasHours = (settings: AutoReplySettings) => WEEKDAYS.some((day) => settings.hours[day].length > 0);

/** A case closed or taken by the bot since: the reply is no longer due. */
function unlessLeft(error: unknown) {
  if (error instanceof ConversationClosedError || error instanceof AttendedByBotError) return undefined;
  throw error;
}

/**
 * The time promised: the configured least time, or longer when the cases waiting ahead in the
 * queue, each at the average handle time, would take longer than that.
 */
export async function expectedMinutes(
  ports: Pick<Ports, "db">,
  conversation: ConversationItem,
  acknowledgement: AutoReplySettings["acknowledgement"],
) {
  const { data: queued } = await ports.db.conversation.query
    .inbox({ tenantId: conversation.tenantId, inboxKey: "queued" })
    .go({ limit: QUEUE_COUNT_LIMIT });
  const ahead = queued.filter((other) => other.conversationId !== conversation.conversationId).length;
  return Math.max(acknowledgement.responseMinutes, ahead * acknowledgement.minutesPerQueuedCase);
}
