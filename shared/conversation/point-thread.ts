import { unlessConditionFails } from "../data/condition-failed.js";
import type { Ports } from "../ports.js";
import type { ConversationItem } from "./info.js";

/**
 * A customer may have two cases open on one WhatsApp number (or Messenger account), and his
 * messages carry no case. When an agent writes in one of them, the address's thread moves to it,
 * so the customer's answer joins the case that asked; a reply to a particular message still
 * goes to that message's case (`store-inbound-message.ts`). Read first: most agent messages
 * leave the thread where it is, and a read costs less than a write.
 */
export async function pointThreadAt(ports: Pick<Ports, "db">, conversation: ConversationItem) {
  const { tenantId, channel, channelAccountId, contactAddress, conversationId } = conversation;
  if ((channel !== "whatsapp" && channel !== "messenger") || !channelAccountId || !contactAddress) return;
  const key = { tenantId, channel, accountId: channelAccountId, address: contactAddress };
  const { data: thread } = await ports.db.channelThread.get(key).go();
  if (!thread || thread.conversationId === conversationId) return;
  // Conditional on where it pointed: a case opened meanwhile by the customer's own message keeps it.
  await unlessConditionFails(
    ports.db.channelThread
      .patch(key)
      .set({ conversationId })
      .where((attributes, { eq }) => eq(attributes.conversationId, thread.conversationId))
      .go(),
  );
}
