import type { ConversationEvent, PushedEvent } from "../../../../events/catalog.js";
import type { requestUpload } from "../../../../shared/attachment/index.js";
import type { ServiceDecision } from "../../../../shared/care/decide-service.js";
import type { GenerateServiceInput } from "../../../../shared/care/generate-service.js";
import type { RecordQuery } from "../../../../shared/care/list-records.js";
import type {
  CareRecordInfo,
  CareStatus,
  CareTab,
  IvrStep,
  ServiceType,
} from "../../../../shared/care/record.js";
import type { ExternalChannel, MessageContent } from "../../../../shared/channels/inbound.js";
import type { attachmentLink } from "../../../../shared/conversation/attachment-link.js";
import type { ConversationInfo, MessageInfo } from "../../../../shared/conversation/info.js";
import type { InboxView } from "../../../../shared/conversation/list-conversations.js";
import type { AgentMessageInput } from "../../../../shared/conversation/post-agent-message.js";
import type { searchCustomerHistory } from "../../../../shared/conversation/search-history.js";
import type { StartAgentConversationInput } from "../../../../shared/conversation/start-agent-conversation.js";
import type { CustomerProfile, UpdateCustomerInput } from "../../../../shared/customer/customer-profile.js";
import type { StaffIdentity } from "../../../../shared/identity/index.js";
import type { Disposition, MessageTemplate } from "../../../../shared/tenant/index.js";

/** The domain's shapes as the console receives them over HTTP and the WebSocket. */
export type {
  AgentMessageInput,
  CareRecordInfo,
  CareStatus,
  CareTab,
  ConversationEvent,
  ConversationInfo,
  CustomerProfile,
  Disposition,
  ExternalChannel,
  GenerateServiceInput,
  InboxView,
  MessageContent,
  MessageInfo,
  MessageTemplate,
  PushedEvent,
  ServiceDecision,
  ServiceType,
  StaffIdentity,
  StartAgentConversationInput,
  UpdateCustomerInput,
};

export type Channel = ConversationInfo["channel"];
export type Delivery = NonNullable<MessageInfo["delivery"]>;
export type DeliveryState = Delivery["state"];
export type MessagingWindow = NonNullable<ConversationInfo["window"]>;
/** Content the agent himself may send: reply buttons, a list, a WhatsApp template. */
export type AgentContent = NonNullable<AgentMessageInput["content"]>;

export type Me = {
  staff: StaffIdentity;
  tenant: {
    name: string;
    dispositions: Disposition[];
    /** WhatsApp's approved templates, for outside the 24 h window. */
    templates: MessageTemplate[];
    /** The tenant's accounts on the outside channels: what an agent may start a conversation on. */
    channels: { channel: ExternalChannel; label: string }[];
  };
};
export type SearchHit = Awaited<ReturnType<typeof searchCustomerHistory>>[number];
export type Upload = Awaited<ReturnType<typeof requestUpload>>;
export type AttachmentLink = Awaited<ReturnType<typeof attachmentLink>>;
export type AttachmentClaim = { attachmentId: string; name: string };
export type MessageEvent = ConversationEvent<"message.received" | "message.sent">;
/**
 * A message as the console keeps it. Pushed messages also carry the provider's id, which is
 * how a customer's reaction names the message it is about.
 */
export type LoggedMessage = MessageInfo & { externalId?: string };

/** A tab's filters as the console sends them (`RecordQuery` on the server). */
export type CareQuery = Pick<RecordQuery, "q" | "from" | "to" | "cursor"> & {
  tab: CareTab;
  status: CareStatus | "all";
  limit?: number;
};
export type CallStep = import("zod").infer<typeof IvrStep>;

/** The console's two sections: the conversations, and "Atención al cliente" (seed 002). */
/** `auto_replies`: the admin's automatic replies (issue 6), shown to admins only. */
/** `profiles`: the admin's Kardex profiles, which tipos each agent attends (issue 7). */
/** `reasons`: the supervisors' reports on why customers call (issue 7). */
/** `scripts`: the admin's script tree editor, drafts and published versions (issue 7). */
export type Section =
  | "conversations"
  | "care"
  | "auto_replies"
  | "catalog"
  | "departments"
  | "handle_time"
  | "reasons"
  | "profiles"
  | "scripts";
