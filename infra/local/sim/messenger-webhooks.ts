/** A page's webhook body: one entry for the page, one messaging event in it. */
export function pageWebhook(pageId: string, event: Record<string, unknown>) {
  return { object: "page", entry: [{ id: pageId, time: Date.now(), messaging: [event] }] };
}

/** From the customer (PSID) to the page. */
const fromCustomer = (psid: string, pageId: string) => ({ sender: { id: psid }, recipient: { id: pageId } });

/** What the customer wrote or attached (`message`), or tapped (`postback`). */
export function customerEvent(
  psid: string,
  pageId: string,
  timestamp: number,
  content: { message: Record<string, unknown> } | { postback: Record<string, unknown> },
) {
  return { ...fromCustomer(psid, pageId), timestamp, ...content };
}

/** The copy of a page's own message that Messenger posts back, telling which app sent it. */
export function echoEvent(
  pageId: string,
  psid: string,
  timestamp: number,
  message: { appId: number; mid: string; metadata?: string; content: Record<string, unknown> },
) {
  return {
    sender: { id: pageId },
    recipient: { id: psid },
    timestamp,
    message: {
      is_echo: true,
      app_id: message.appId,
      ...(message.metadata && { metadata: message.metadata }),
      mid: message.mid,
      ...message.content,
    },
  };
}

/** Everything sent before `watermark` was delivered; `mids` names the messages. */
export function deliveryEvent(psid: string, pageId: string, mids: string[], watermark: number) {
  return { ...fromCustomer(psid, pageId), timestamp: Date.now(), delivery: { mids, watermark } };
}

/** Everything sent up to `watermark` was read. */
export function readEvent(psid: string, pageId: string, watermark: number) {
  return { ...fromCustomer(psid, pageId), timestamp: Date.now(), read: { watermark } };
}
