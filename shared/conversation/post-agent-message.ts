import { z } from "zod";
import {
  type Attachment,
  AttachmentClaim,
  MAX_ATTACHMENTS_PER_MESSAGE,
  verifyAttachments,
} from "../attachment/index.js";
import { ButtonsContent, ListContent, type MessageContent, TemplateContent } from "../channels/inbound.js";
import { messagingWindow } from "../channels/messaging-window.js";
import { ConflictError, NotFoundError, ValidationError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import { newId } from "../ids.js";
import type { Ports } from "../ports.js";
import { getTenant } from "../tenant/index.js";
import { appendMessage, type ChannelDetails } from "./append-message.js";
import { ClientMessageId, type ConversationItem, MAX_TEXT_LENGTH } from "./info.js";
import { assertMayWrite, loadConversation } from "./load-conversation.js";

export const AgentContent = z.discriminatedUnion("kind", [ButtonsContent, ListContent, TemplateContent]);

export const EmailFields = z.object({
  to: z.array(z.email().max(254)).min(1).max(20),
  cc: z.array(z.email().max(254)).max(20).default([]),
  subject: z.string().trim().min(1).max(200),
});

export const AgentMessageInput = z
  .object({
    clientMessageId: ClientMessageId,
    text: z.string().trim().max(MAX_TEXT_LENGTH).default(""),
    attachments: z.array(AttachmentClaim).max(MAX_ATTACHMENTS_PER_MESSAGE).default([]),
    /** Reply buttons, a list or (WhatsApp) an approved template. */
    content: AgentContent.optional(),
    /** The message this one answers, by its number in the conversation. */
    replyToSeq: z.number().int().positive().optional(),
    /** E-mail conversations: by default the reply goes to the customer with "Re:" and the thread's subject. */
    email: EmailFields.partial().optional(),
  })
  .refine((input) => input.text.length > 0 || input.attachments.length > 0 || input.content, {
    message: "A message needs text, an attachment or content",
    path: ["text"],
  });
export type AgentMessageInput = z.input<typeof AgentMessageInput>;

/** The agent who has the conversation replies in it, on the conversation's own channel. */
export async function postAgentMessage(
  ports: Ports,
  staff: StaffIdentity,
  conversationId: string,
  input: AgentMessageInput,
) {
  const parsed = AgentMessageInput.parse(input);
  const conversation = await loadConversation(ports, staff, conversationId);
  const { text, details } = await channelMessage(ports, conversation, parsed);
  const attachments = await verifyAttachments(
    ports,
    { tenantId: staff.tenantId, ownerId: staff.staffId },
    parsed.attachments,
  );
  return appendAsAgent(ports, staff, conversationId, {
    clientMessageId: parsed.clientMessageId,
    text,
    attachments,
    details,
  });
}

/**
 * Appends a message by the staff member on the conditions every agent's message has, checked
 * at the moment of the write: the case is his (or he oversees it) and its channel's window
 * takes the content. What the console sends, and the cards, requests and approvals it posts.
 */
export function appendAsAgent(
  ports: Ports,
  staff: StaffIdentity,
  conversationId: string,
  message: {
    clientMessageId: string;
    text: string;
    attachments: readonly Attachment[];
    details: ChannelDetails;
  },
) {
  return appendMessage(ports, {
    author: {
      tenantId: staff.tenantId,
      kind: "agent",
      authorId: staff.staffId,
      authorName: staff.name,
      actor: { type: "staff", id: staff.staffId },
    },
    viewer: staff,
    conversationId,
    check: (current) => {
      assertMayWrite(staff, current);
      assertWindowAllows(ports, current, message.details.content);
    },
    ...message,
  });
}

/**
 * Posts a card the customer answers (a document request, an approval) and returns the card as
 * stored: on a retry with the same client id, the one the first try posted, whose ids the
 * caller's own records must use. A client id that already posted something else is refused.
 */
export async function postRequestCard<S extends z.ZodType<MessageContent>>(
  ports: Ports,
  staff: StaffIdentity,
  conversationId: string,
  schema: S,
  request: { clientMessageId: string; text: string; card: z.infer<S> },
) {
  const { message } = await appendAsAgent(ports, staff, conversationId, {
    clientMessageId: request.clientMessageId,
    text: request.text,
    attachments: [],
    details: { content: request.card },
  });
  const sent = schema.safeParse(message.content);
  if (!sent.success) {
    throw new ConflictError(
      "client_message_id_reused",
      "This client message id already sent another message",
    );
  }
  return { message, card: sent.data as z.infer<S> };
}

/**
 * WhatsApp takes only approved templates more than 24 h after the customer last wrote;
 * Messenger takes nothing after 7 days. Checked against the conversation as stored, at the
 * moment of the write, so a window that closes meanwhile is still respected.
 */
export function assertWindowAllows(
  ports: Pick<Ports, "clock">,
  conversation: ConversationItem,
  content: MessageContent | undefined,
) {
  const { channel } = conversation;
  if (channel !== "whatsapp" && channel !== "messenger") return;
  const window = messagingWindow(channel, conversation.lastCustomerMessageAt, ports.clock.now());
  if (window.state !== "closed" || (channel === "whatsapp" && content?.kind === "template")) return;
  throw new ConflictError(
    "window_closed",
    channel === "whatsapp"
      ? "More than 24 h since the customer last wrote: WhatsApp only takes an approved template"
      : "More than 7 days since the customer last wrote: Messenger takes no more messages",
    { channel },
  );
}

type ParsedInput = z.infer<typeof AgentMessageInput>;

/** The text and channel details of an agent's message, checked against what its channel can carry. */
async function channelMessage(
  ports: Ports,
  conversation: ConversationItem,
  input: ParsedInput,
): Promise<{ text: string; details: ChannelDetails }> {
  const { channel } = conversation;
  const replyTo = input.replyToSeq ? { replyToSeq: input.replyToSeq } : {};
  if (input.email && channel !== "email") {
    throw new ValidationError("Only e-mail conversations take e-mail fields", { code: "not_email" });
  }
  if (channel !== "email" && channel !== "web" && input.attachments.length > 1) {
    throw new ValidationError(`${channel} takes one file per message`, { code: "one_file_per_message" });
  }
  if (channel === "web" || channel === "email") {
    if (input.content) {
      throw new ValidationError(`A ${channel} message cannot carry ${input.content.kind}`, {
        code: "content_not_supported",
      });
    }
    if (channel === "web") return { text: input.text, details: replyTo };
    return { text: input.text, details: { ...replyTo, ...(await emailDetails(ports, conversation, input)) } };
  }
  if (input.content?.kind === "template") {
    if (channel !== "whatsapp") {
      throw new ValidationError("Templates are WhatsApp's", { code: "content_not_supported" });
    }
    const text = await renderTemplate(ports, conversation.tenantId, input.content);
    return { text, details: { ...replyTo, content: input.content } };
  }
  return { text: input.text, details: { ...replyTo, ...(input.content && { content: input.content }) } };
}

/** The template's body with its parameters filled in: what the customer will read, stored as the message's text. */
async function renderTemplate(ports: Ports, tenantId: string, content: z.infer<typeof TemplateContent>) {
  const tenant = await getTenant(ports, tenantId);
  const template = tenant.templates?.find(
    (candidate) => candidate.name === content.name && candidate.language === content.language,
  );
  if (!template) throw new NotFoundError("template");
  const needed = new Set(template.body.match(/\{\{\d+\}\}/g) ?? []).size;
  if (content.parameters.length !== needed) {
    throw new ValidationError(`The template takes ${needed} parameters`, {
      code: "template_parameters",
      expected: needed,
    });
  }
  return template.body.replace(/\{\{(\d+)\}\}/g, (_, n: string) => content.parameters[Number(n) - 1] ?? "");
}

/**
 * Who the e-mail goes to and how it threads: by default to the customer, "Re:" the thread's
 * subject, in reply to the customer's latest e-mail, so his mail program shows one thread.
 */
export async function emailDetails(
  ports: Pick<Ports, "db">,
  conversation: ConversationItem,
  input: Pick<ParsedInput, "email">,
): Promise<ChannelDetails> {
  const from = conversation.channelAccountId;
  if (!from) throw new ConflictError("channel_account_missing", "The conversation has no sending address");
  const threadSubject = conversation.emailSubject ?? conversation.subject;
  const subject =
    input.email?.subject ?? (/^re:/i.test(threadSubject) ? threadSubject : `Re: ${threadSubject}`);
  const to = input.email?.to ?? (conversation.contactAddress ? [conversation.contactAddress] : []);
  if (to.length === 0) throw new ValidationError("Say whom to write to", { code: "email_recipient_missing" });
  const latest = await latestEmail(ports, conversation);
  const domain = from.split("@")[1] ?? "atiende.local";
  return {
    content: { kind: "email", subject, from, to, cc: input.email?.cc ?? [] },
    email: {
      subject,
      from,
      to,
      cc: input.email?.cc ?? [],
      messageId: `<${newId("message").toLowerCase()}@${domain}>`,
      ...(latest && { inReplyTo: latest.messageId }),
      references: latest ? [...(latest.references ?? []), latest.messageId].slice(-20) : [],
    },
  };
}

/** The newest e-mail of the conversation, either side's. */
async function latestEmail(ports: Pick<Ports, "db">, conversation: ConversationItem) {
  const { data } = await ports.db.message.query
    .byConversation({ tenantId: conversation.tenantId, conversationId: conversation.conversationId })
    .go({ order: "desc", limit: 25 });
  return data.find((message) => message.email)?.email;
}
