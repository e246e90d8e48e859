import type { DomainEvent } from "../../../../events/catalog.js";
import type { requestUpload } from "../../../../shared/attachment/index.js";
import type { attachmentLink } from "../../../../shared/conversation/attachment-link.js";
import type { ConversationInfo, MessageInfo } from "../../../../shared/conversation/info.js";
import type { InboxView } from "../../../../shared/conversation/list-conversations.js";
import type { searchCustomerHistory } from "../../../../shared/conversation/search-history.js";
import type { StaffIdentity } from "../../../../shared/identity/index.js";
import type { Disposition } from "../../../../shared/tenant/index.js";

/** The domain's shapes as the console receives them over HTTP and the WebSocket. */
export type { ConversationInfo, Disposition, DomainEvent, InboxView, MessageInfo, StaffIdentity };

export type Me = { staff: StaffIdentity; tenant: { name: string; dispositions: Disposition[] } };
export type SearchHit = Awaited<ReturnType<typeof searchCustomerHistory>>[number];
export type Upload = Awaited<ReturnType<typeof requestUpload>>;
export type AttachmentLink = Awaited<ReturnType<typeof attachmentLink>>;
export type AttachmentClaim = { attachmentId: string; name: string };
export type MessageEvent = DomainEvent<"message.received" | "message.sent">;
