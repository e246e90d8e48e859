import {
  ALLOWED_TYPES,
  type AllowedType,
  MAX_ATTACHMENT_BYTES,
  startsWithSignature,
} from "../attachment/index.js";
import type { MessageItem } from "../conversation/info.js";
import type { Ports } from "../ports.js";
import { receiveDocument } from "./receive-document.js";

/**
 * A photo or PDF the customer sends on WhatsApp or Messenger while his case waits for a
 * document answers the oldest open request, as the widget's button would. Only a file whose
 * first bytes are an accepted type within the size limit answers; anything else stays an
 * ordinary message. Running it again for the same message changes nothing.
 */
export async function answerFromChannel(ports: Ports, message: MessageItem) {
  const file = message.attachments[0];
  if (message.author !== "customer" || !file || file.size > MAX_ATTACHMENT_BYTES) return;
  if (!(file.contentType in ALLOWED_TYPES)) return;
  const { tenantId, conversationId, customerId, clientMessageId } = message;
  const { data } = await ports.db.caseDocument.query
    .byCase({ tenantId, conversationId })
    .go({ pages: "all" });
  if (data.some((document) => document.receivedClientId === clientMessageId)) return;
  const [open] = data
    .filter((document) => document.state === "requested")
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  if (!open) return;
  const head = await ports.files.readStart(file.key, 16);
  if (!startsWithSignature(head, file.contentType as AllowedType)) return;
  await receiveDocument(ports, { kind: "customer", tenantId, customerId }, open, file, clientMessageId);
}
