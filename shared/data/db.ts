import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, Service } from "electrodb";
import { TABLE } from "./table.js";

const [GSI1, GSI2, GSI3, GSI4] = TABLE.indexes;
const SERVICE = "atiende";

/**
 * The ElectroDB entities over the single table. Built per client and table (not as module
 * singletons) so that tests and two local stacks in one process never share a table by accident.
 * Every partition key starts with the tenant: nothing can be read across tenants by key.
 */
export function createDb(client: DynamoDBDocumentClient, table: string) {
  const config = { client, table };

  const tenant = new Entity(
    {
      model: { entity: "tenant", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        name: { type: "string", required: true },
        identitySecret: { type: "string", required: true },
        dispositions: {
          type: "list",
          required: true,
          items: {
            type: "map",
            properties: {
              code: { type: "string", required: true },
              es: { type: "string", required: true },
              en: { type: "string", required: true },
            },
          },
        },
        /** WhatsApp message templates Meta has approved for the tenant: all it may send outside the 24 h window. */
        templates: {
          type: "list",
          items: {
            type: "map",
            properties: {
              name: { type: "string", required: true },
              language: { type: "string", required: true },
              category: { type: "string", required: true },
              body: { type: "string", required: true },
            },
          },
        },
        /** Departments a case can be sent to (transfer, issue 6); absent: only `general`. */
        queues: {
          type: "list",
          items: {
            type: "map",
            properties: {
              queueId: { type: "string", required: true },
              es: { type: "string", required: true },
              en: { type: "string", required: true },
            },
          },
        },
        createdAt: { type: "string", required: true },
      },
      indexes: {
        byId: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
      },
    },
    config,
  );

  /**
   * Our account on a channel (a WhatsApp phone number id, a Facebook page, a support address)
   * and the tenant it belongs to: how a webhook finds its tenant. Keyed by the account, not
   * the tenant, because the webhook knows only the account.
   */
  const channelAccount = new Entity(
    {
      model: { entity: "channel_account", version: "1", service: SERVICE },
      attributes: {
        channel: { type: ["whatsapp", "messenger", "email"] as const, required: true },
        accountId: { type: "string", required: true },
        tenantId: { type: "string", required: true },
        /** What a person would call it: the display phone number, the page name, the address. */
        label: { type: "string", required: true },
      },
      indexes: {
        byAccount: {
          pk: { field: TABLE.partitionKey, composite: ["channel", "accountId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
        byTenant: {
          index: GSI1.name,
          pk: { field: GSI1.partitionKey, composite: ["tenantId"], casing: "none" },
          sk: { field: GSI1.sortKey, composite: ["channel", "accountId"], casing: "none" },
        },
      },
    },
    config,
  );

  const staff = new Entity(
    {
      model: { entity: "staff", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        staffId: { type: "string", required: true },
        email: { type: "string", required: true },
        name: { type: "string", required: true },
        role: { type: ["agent", "supervisor", "admin", "central_office"] as const, required: true },
      },
      indexes: {
        byId: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: ["staffId"], casing: "none" },
        },
      },
    },
    config,
  );

  const customer = new Entity(
    {
      model: { entity: "customer", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        customerId: { type: "string", required: true },
        externalId: { type: "string" },
        name: { type: "string" },
        email: { type: "string" },
        phone: { type: "string" },
        documentNumber: { type: "string" },
        createdAt: { type: "string", required: true },
      },
      indexes: {
        byId: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId", "customerId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
      },
    },
    config,
  );

  /**
   * One way to recognise a customer (`phone:+52…`, `email:ana@…`, `document:…`, `messenger:<psid>`):
   * whoever writes from that phone, address or account is that customer, on every channel.
   */
  const customerKey = new Entity(
    {
      model: { entity: "customer_key", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        key: { type: "string", required: true },
        customerId: { type: "string", required: true },
      },
      indexes: {
        byKey: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId", "key"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
      },
    },
    config,
  );

  const conversation = new Entity(
    {
      model: { entity: "conversation", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        conversationId: { type: "string", required: true },
        customerId: { type: "string", required: true },
        customerName: { type: "string" },
        channel: { type: ["web", "whatsapp", "messenger", "email"] as const, required: true },
        /** Our account on the channel and the customer's address on it: where replies go. */
        channelAccountId: { type: "string" },
        contactAddress: { type: "string" },
        /** When the customer last wrote: WhatsApp's and Messenger's reply windows count from it. */
        lastCustomerMessageAt: { type: "string" },
        emailSubject: { type: "string" },
        status: { type: ["bot", "queued", "assigned", "closed"] as const, required: true },
        /** `bot`, `queued`, `agent#<staffId>` or `closed`: which inbox list the conversation sits in. */
        inboxKey: { type: "string", required: true },
        assigneeId: { type: "string" },
        assigneeName: { type: "string" },
        subject: { type: "string", required: true },
        lastMessagePreview: { type: "string", required: true },
        lastMessageAuthor: { type: ["customer", "agent", "system"] as const, required: true },
        messageSeq: { type: "number", required: true },
        /**
         * The client ids of the latest messages with their sequence numbers: a retried send is
         * recognised from the conversation it already reads, without a marker item per message.
         */
        recentClientMessageIds: {
          type: "list",
          required: true,
          items: {
            type: "map",
            properties: {
              clientMessageId: { type: "string", required: true },
              seq: { type: "number", required: true },
            },
          },
        },
        customerUnread: { type: "number", required: true },
        agentUnread: { type: "number", required: true },
        disposition: { type: "string" },
        createdAt: { type: "string", required: true },
        lastActivityAt: { type: "string", required: true },
        assignedAt: { type: "string" },
        firstResponseAt: { type: "string" },
        closedAt: { type: "string" },
        /** When a closed case was last opened again from the history. */
        reopenedAt: { type: "string" },
        /** Where the web chatbot is in its flow (`BotState`), for a conversation it attends or attended. */
        bot: {
          type: "map",
          properties: {
            flowVersion: { type: "number", required: true },
            nodeId: { type: "string", required: true },
            attempts: { type: "number", required: true },
            collected: {
              type: "map",
              properties: {
                name: { type: "string" },
                documentNumber: { type: "string" },
                phone: { type: "string" },
                email: { type: "string" },
                city: { type: "string" },
                motivo: { type: "string" },
              },
            },
            choices: { type: "list", items: { type: "string" } },
            answeredSeq: { type: "number", required: true },
            outcome: { type: ["handoff", "end"] as const },
          },
        },
        /** The department it waits in or is worked by (transfer, issue 6); absent: `general`. */
        queueId: { type: "string" },
        /** The script tree's tipo it is about (issue 7): agents whose Kardex profile lacks it do not attend it. */
        tipo: { type: "string" },
        /** Every transfer of the case with its handover note, oldest first: what the next agent reads. */
        handovers: {
          type: "list",
          items: {
            type: "map",
            properties: {
              handoverId: { type: "string", required: true },
              note: { type: "string", required: true },
              fromStaffId: { type: "string", required: true },
              fromStaffName: { type: "string", required: true },
              fromQueueId: { type: "string", required: true },
              toQueueId: { type: "string", required: true },
              at: { type: "string", required: true },
            },
          },
        },
        /** The customer's rating of the closed case (issue 6, `shared/rating/`): set once, never changed. */
        rating: {
          type: "map",
          properties: {
            score: { type: "number", required: true },
            comment: { type: "string" },
            channel: { type: ["web", "whatsapp"] as const, required: true },
            ratedAt: { type: "string", required: true },
          },
        },
      },
      indexes: {
        byId: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId", "conversationId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
        byCustomer: {
          index: GSI1.name,
          pk: { field: GSI1.partitionKey, composite: ["tenantId", "customerId"], casing: "none" },
          sk: { field: GSI1.sortKey, composite: ["createdAt", "conversationId"], casing: "none" },
        },
        inbox: {
          index: GSI2.name,
          pk: { field: GSI2.partitionKey, composite: ["tenantId", "inboxKey"], casing: "none" },
          sk: { field: GSI2.sortKey, composite: ["lastActivityAt", "conversationId"], casing: "none" },
        },
      },
    },
    config,
  );

  const attachment = {
    type: "map",
    properties: {
      attachmentId: { type: "string", required: true },
      key: { type: "string", required: true },
      name: { type: "string", required: true },
      contentType: { type: "string", required: true },
      size: { type: "number", required: true },
    },
  } as const;

  const message = new Entity(
    {
      model: { entity: "message", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        conversationId: { type: "string", required: true },
        seq: { type: "number", required: true, padding: { length: 10, char: "0" } },
        messageId: { type: "string", required: true },
        clientMessageId: { type: "string", required: true },
        customerId: { type: "string", required: true },
        author: { type: ["customer", "agent", "system"] as const, required: true },
        authorId: { type: "string", required: true },
        authorName: { type: "string" },
        text: { type: "string", required: true },
        attachments: { type: "list", required: true, items: attachment },
        /** What the message is beyond text and files (`MessageContent`); absent means plain text. */
        content: { type: "any" },
        /** The channel provider's id of the message (wamid, mid, Message-ID). */
        externalId: { type: "string" },
        replyToSeq: { type: "number" },
        forwarded: { type: "boolean" },
        /** Files the channel announced that could not be fetched, with why. */
        missingMedia: {
          type: "list",
          items: {
            type: "map",
            properties: {
              name: { type: "string", required: true },
              reason: { type: "string", required: true },
            },
          },
        },
        /** Our message's way to the customer on an outside channel; `rank` orders states that arrive out of order. */
        delivery: {
          type: "map",
          properties: {
            state: { type: ["queued", "sent", "delivered", "read", "failed"] as const, required: true },
            rank: { type: "number", required: true },
            reason: { type: "string" },
            updatedAt: { type: "string", required: true },
          },
        },
        /** E-mail only: who it went to, as written. */
        email: {
          type: "map",
          properties: {
            subject: { type: "string", required: true },
            from: { type: "string", required: true },
            to: { type: "list", required: true, items: { type: "string" } },
            cc: { type: "list", required: true, items: { type: "string" } },
            messageId: { type: "string", required: true },
            inReplyTo: { type: "string" },
            references: { type: "list", items: { type: "string" } },
          },
        },
        createdAt: { type: "string", required: true },
      },
      indexes: {
        byConversation: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId", "conversationId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: ["seq"], casing: "none" },
        },
        byCustomer: {
          index: GSI1.name,
          pk: { field: GSI1.partitionKey, composite: ["tenantId", "customerId"], casing: "none" },
          sk: { field: GSI1.sortKey, composite: ["createdAt", "messageId"], casing: "none" },
        },
      },
    },
    config,
  );

  /** Remembers the client id of each conversation's first message, so a retried start opens one conversation. */
  const clientMessage = new Entity(
    {
      model: { entity: "client_message", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        authorId: { type: "string", required: true },
        clientMessageId: { type: "string", required: true },
        conversationId: { type: "string", required: true },
        seq: { type: "number", required: true },
        createdAt: { type: "string", required: true },
      },
      indexes: {
        byId: {
          pk: {
            field: TABLE.partitionKey,
            composite: ["tenantId", "authorId", "clientMessageId"],
            casing: "none",
          },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
      },
    },
    config,
  );

  /**
   * The conversation a customer's address on a channel writes into while it is open, so that
   * messages from the same phone, PSID or address join one conversation and concurrent first
   * messages open only one.
   */
  const channelThread = new Entity(
    {
      model: { entity: "channel_thread", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        channel: { type: ["whatsapp", "messenger", "email"] as const, required: true },
        accountId: { type: "string", required: true },
        address: { type: "string", required: true },
        conversationId: { type: "string", required: true },
      },
      indexes: {
        byAddress: {
          pk: {
            field: TABLE.partitionKey,
            composite: ["tenantId", "channel", "accountId", "address"],
            casing: "none",
          },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
      },
    },
    config,
  );

  /**
   * A message as a channel provider knows it, by the provider's id. Inbound: stored before the
   * webhook is answered (so a redelivery is recognised) and processed after. Outbound: where
   * receipts find our message, even a receipt that arrives before we learned the id was ours.
   * E-mail Message-IDs here thread replies into their conversation.
   */
  const externalMessage = new Entity(
    {
      model: { entity: "external_message", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        channel: { type: ["whatsapp", "messenger", "email"] as const, required: true },
        externalId: { type: "string", required: true },
        direction: { type: ["in", "out"] as const, required: true },
        /** Inbound: `received` until it is a message of a conversation, then `stored`. */
        state: { type: ["received", "stored"] as const },
        /** Inbound: the normalised message (`InboundMessage`) as JSON. */
        payload: { type: "string" },
        conversationId: { type: "string" },
        seq: { type: "number" },
        /** Outbound: the furthest receipt seen, and its rank. */
        deliveryState: { type: ["sent", "delivered", "read", "failed"] as const },
        deliveryRank: { type: "number" },
        deliveryReason: { type: "string" },
        receivedAt: { type: "string", required: true },
      },
      indexes: {
        byId: {
          pk: {
            field: TABLE.partitionKey,
            composite: ["tenantId", "channel", "externalId"],
            casing: "none",
          },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
      },
    },
    config,
  );

  /**
   * An outgoing message not yet handed to its channel. Written with the message, deleted once
   * the provider took it; the drainer finds the due ones through the sparse index ordered by
   * the next attempt's time.
   */
  const outbox = new Entity(
    {
      model: { entity: "outbox", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        conversationId: { type: "string", required: true },
        seq: { type: "number", required: true, padding: { length: 10, char: "0" } },
        queue: { type: "string", required: true, default: "due" },
        nextAttemptAt: { type: "string", required: true },
        attempts: { type: "number", required: true },
        lastError: { type: "string" },
        createdAt: { type: "string", required: true },
      },
      indexes: {
        byMessage: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId", "conversationId", "seq"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
        due: {
          index: GSI2.name,
          pk: { field: GSI2.partitionKey, composite: ["queue"], casing: "none" },
          sk: {
            field: GSI2.sortKey,
            composite: ["nextAttemptAt", "tenantId", "conversationId", "seq"],
            casing: "none",
          },
        },
      },
    },
    config,
  );

  /** One WebSocket connection, found by its id when API Gateway reports it closed. */
  const connection = new Entity(
    {
      model: { entity: "connection", version: "2", service: SERVICE },
      attributes: {
        connectionId: { type: "string", required: true },
        tenantId: { type: "string", required: true },
        audience: { type: "string", required: true },
        /** The connection's entry in its audience's presence, to take it out again. */
        entry: { type: "string", required: true },
        connectedAt: { type: "string", required: true },
        expiresAt: { type: "number", required: true },
      },
      indexes: {
        byId: {
          pk: { field: TABLE.partitionKey, composite: ["connectionId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
      },
    },
    config,
  );

  /**
   * Who is connected, per audience (`staff`, or `customer#<customerId>`): a string set of
   * connection entries that connects add to and disconnects remove from atomically, so the
   * notifier finds the staff's and the customer's connections with one BatchGetItem.
   */
  const presence = new Entity(
    {
      model: { entity: "presence", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        audience: { type: "string", required: true },
        connections: { type: "set", items: "string" },
      },
      indexes: {
        byAudience: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId", "audience"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
      },
    },
    config,
  );

  /** That a bus consumer was handed an event, so that a redelivery does nothing twice. */
  const eventReceipt = new Entity(
    {
      model: { entity: "event_receipt", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        consumer: { type: "string", required: true },
        eventId: { type: "string", required: true },
        expiresAt: { type: "number", required: true },
      },
      indexes: {
        byId: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId", "consumer", "eventId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
      },
    },
    config,
  );

  /** A fixed-window counter; expired windows vanish through the table's TTL. */
  const rateLimit = new Entity(
    {
      model: { entity: "rate_limit", version: "1", service: SERVICE },
      attributes: {
        bucket: { type: "string", required: true },
        window: { type: "number", required: true },
        count: { type: "number", required: true },
        expiresAt: { type: "number", required: true },
      },
      indexes: {
        byId: {
          pk: { field: TABLE.partitionKey, composite: ["bucket", "window"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
      },
    },
    config,
  );

  /**
   * One row of "Atención al cliente" (seed 002): a call, a sales call, a chat, a query from the
   * portal or a technical service, keyed by the id of the thing itself (Connect's contact id, the
   * conversation id, `qry_…`, `svc_…`) so that building it again from a redelivered event
   * rewrites the same item. Four indexes serve the tab's filters: by status and date, by date
   * alone, by the start of the customer's name, by the start of his document number.
   */
  const careRecord = new Entity(
    {
      model: { entity: "care_record", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        recordId: { type: "string", required: true },
        tab: { type: ["sales_calls", "calls", "chats", "queries", "services"] as const, required: true },
        status: {
          type: ["open", "closed", "service_generated", "confirmed", "rejected", "cancelled"] as const,
          required: true,
        },
        createdAt: { type: "string", required: true },
        updatedAt: { type: "string", required: true },
        customerId: { type: "string" },
        customerName: { type: "string" },
        documentNumber: { type: "string" },
        /**
         * The name and document as searched: lower case, no accents, single spaces; empty when
         * unknown, which no search (never empty) can match.
         */
        nameKey: { type: "string", required: true, default: "" },
        documentKey: { type: "string", required: true, default: "" },
        phone: { type: "string" },
        email: { type: "string" },
        city: { type: "string" },
        motivo: { type: "string" },
        /** Where it came from: `web`, `whatsapp`, `voice`, `portal`, or the tab of a service's source. */
        origin: { type: "string" },
        subject: { type: "string" },
        assigneeId: { type: "string" },
        assigneeName: { type: "string" },
        /** A service's source record (the call, chat or query that generated it), and a source's service. */
        sourceRecordId: { type: "string" },
        sourceTab: { type: "string" },
        serviceId: { type: "string" },
        /** What only this tab shows: a call's IVR path, a chat's bot answers, a query's form, a service's type. */
        detail: { type: "any" },
        /** Who changed the status last, and when. */
        decidedBy: { type: "string" },
        decidedAt: { type: "string" },
      },
      indexes: {
        byId: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId", "recordId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
        byStatus: {
          index: GSI1.name,
          pk: { field: GSI1.partitionKey, composite: ["tenantId", "tab", "status"], casing: "none" },
          sk: { field: GSI1.sortKey, composite: ["createdAt", "recordId"], casing: "none" },
        },
        byDate: {
          index: GSI2.name,
          pk: { field: GSI2.partitionKey, composite: ["tenantId", "tab"], casing: "none" },
          sk: { field: GSI2.sortKey, composite: ["createdAt", "recordId"], casing: "none" },
        },
        byName: {
          index: GSI3.name,
          pk: { field: GSI3.partitionKey, composite: ["tenantId", "tab"], casing: "none" },
          sk: { field: GSI3.sortKey, composite: ["nameKey", "createdAt", "recordId"], casing: "none" },
        },
        byDocument: {
          index: GSI4.name,
          pk: { field: GSI4.partitionKey, composite: ["tenantId", "tab"], casing: "none" },
          sk: { field: GSI4.sortKey, composite: ["documentKey", "createdAt", "recordId"], casing: "none" },
        },
      },
    },
    config,
  );

  /**
   * A query or complaint a customer sent from "Mi cuenta", by the client id of its submit (so a
   * retried submit finds the one it stored) and, in `gsi1` beside his conversations and
   * messages, by date (so he lists his own queries without reading the tenant's).
   * The care record it points at holds the query and its status.
   */
  const customerQuery = new Entity(
    {
      model: { entity: "customer_query", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        customerId: { type: "string", required: true },
        clientRequestId: { type: "string", required: true },
        recordId: { type: "string", required: true },
        createdAt: { type: "string", required: true },
      },
      indexes: {
        byRequest: {
          pk: {
            field: TABLE.partitionKey,
            composite: ["tenantId", "customerId", "clientRequestId"],
            casing: "none",
          },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
        byCustomer: {
          index: GSI1.name,
          pk: { field: GSI1.partitionKey, composite: ["tenantId", "customerId"], casing: "none" },
          sk: { field: GSI1.sortKey, composite: ["createdAt", "recordId"], casing: "none" },
        },
      },
    },
    config,
  );

  /**
   * One version of a tenant's web chatbot flow (`BotFlow`): the draft being edited, whose
   * `revision` counts its saves (a save over an older revision is refused), or a published
   * version, which never changes again: conversations keep the version they started with.
   */
  const botFlow = new Entity(
    {
      model: { entity: "bot_flow", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        version: { type: "number", required: true, padding: { length: 6, char: "0" } },
        state: { type: ["draft", "published"] as const, required: true },
        revision: { type: "number", required: true },
        flow: { type: "any", required: true },
        savedBy: { type: "string", required: true },
        createdAt: { type: "string", required: true },
        updatedAt: { type: "string", required: true },
        publishedAt: { type: "string" },
      },
      indexes: {
        byVersion: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: ["version"], casing: "none" },
        },
      },
    },
    config,
  );

  /** A tenant's newest flow version and the published one, which new web chats run. */
  const botFlowHead = new Entity(
    {
      model: { entity: "bot_flow_head", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        latestVersion: { type: "number", required: true },
        publishedVersion: { type: "number" },
      },
      indexes: {
        byTenant: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
      },
    },
    config,
  );

  /**
   * Which tenant owns an Amazon Connect instance or a Lex bot: how a contact event (which names
   * only its instance) and a bot's conversation-log turn (which names only its bot) find their
   * tenant. An instance also lists the queues of its sales line.
   */
  const connectRoute = new Entity(
    {
      model: { entity: "connect_route", version: "1", service: SERVICE },
      attributes: {
        kind: { type: ["instance", "lex_bot"] as const, required: true },
        resourceId: { type: "string", required: true },
        tenantId: { type: "string", required: true },
        salesQueueArns: { type: "list", items: { type: "string" } },
      },
      indexes: {
        byResource: {
          pk: { field: TABLE.partitionKey, composite: ["kind", "resourceId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
      },
    },
    config,
  );

  /**
   * What Connect and the IVR bot told of one call, as received: one item per contact event (by
   * EventBridge's event id) or bot turn (by its time and request id), so a redelivery rewrites its
   * own item. The call's care record is rebuilt from all of them, whatever order they came in.
   */
  const callFact = new Entity(
    {
      model: { entity: "call_fact", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        contactId: { type: "string", required: true },
        factKey: { type: "string", required: true },
        source: { type: ["connect", "lex"] as const, required: true },
        raw: { type: "any", required: true },
        expiresAt: { type: "number", required: true },
      },
      indexes: {
        byContact: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId", "contactId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: ["factKey"], casing: "none" },
        },
      },
    },
    config,
  );

  /**
   * The audit trail of a case (a conversation): who saw or did what with its documents and
   * approvals, and when. Written beside the change it records and never rewritten, so it can
   * be shown to a supervisor or an auditor as it happened.
   */
  const caseAudit = new Entity(
    {
      model: { entity: "case_audit", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        conversationId: { type: "string", required: true },
        auditId: { type: "string", required: true },
        action: { type: "string", required: true },
        actorType: { type: ["customer", "staff", "system"] as const, required: true },
        actorId: { type: "string", required: true },
        actorName: { type: "string" },
        /** What the action was about: a document's name and size, an approval's operation and amount. */
        detail: { type: "any" },
        at: { type: "string", required: true },
      },
      indexes: {
        byCase: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId", "conversationId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: ["at", "auditId"], casing: "none" },
        },
      },
    },
    config,
  );

  /**
   * Approvals (issue 6): an operation an agent asked the customer to approve with a one-time
   * code, under the case's partition beside its messages and audit trail. The code is kept only
   * as a salted HMAC; `whatHash` fingerprints exactly what is approved (operation, description,
   * amount). `validUntil` is an ISO time, not the table's numeric TTL: the approval stays.
   */
  const approval = new Entity(
    {
      model: { entity: "approval", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        conversationId: { type: "string", required: true },
        approvalId: { type: "string", required: true },
        customerId: { type: "string", required: true },
        operation: { type: ["refund", "insurance", "payment", "other"] as const, required: true },
        description: { type: "string", required: true },
        amount: {
          type: "map",
          properties: {
            value: { type: "number", required: true },
            currency: { type: "string", required: true },
          },
        },
        whatHash: { type: "string", required: true },
        channel: { type: ["email", "whatsapp"] as const, required: true },
        destination: { type: "string", required: true },
        maskedDestination: { type: "string", required: true },
        state: { type: ["pending", "approved", "locked", "expired", "cancelled"] as const, required: true },
        validUntil: { type: "string", required: true },
        attempts: { type: "number", required: true },
        codesSent: { type: "number", required: true },
        codeSentAt: { type: "string" },
        codeSalt: { type: "string" },
        codeHash: { type: "string" },
        /** The channel message that made the last wrong attempt: its redelivery costs no second one. */
        lastAttemptId: { type: "string" },
        requestedById: { type: "string", required: true },
        requestedByName: { type: "string", required: true },
        requestedAt: { type: "string", required: true },
        /** The agent's message carrying the card, and the system message announcing the approval. */
        requestSeq: { type: "number", required: true },
        decisionSeq: { type: "number" },
        decidedAt: { type: "string" },
        decidedBy: { type: "string" },
      },
      indexes: {
        byCase: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId", "conversationId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: ["approvalId"], casing: "none" },
        },
      },
    },
    config,
  );

  // Handle time (issue 6): active seconds an agent spent on a case, per UTC day.
  /**
   * One agent's active time on one case on one day, summed from the console's activity slices.
   * Per day so an export over dates adds whole days; gsi1 lists a tenant's days for the export.
   */
  const handleTime = new Entity(
    {
      model: { entity: "handle_time", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        conversationId: { type: "string", required: true },
        staffId: { type: "string", required: true },
        staffName: { type: "string", required: true },
        day: { type: "string", required: true },
        seconds: { type: "number", required: true },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        byCase: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId", "conversationId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: ["staffId", "day"], casing: "none" },
        },
        byDay: {
          index: GSI1.name,
          pk: { field: GSI1.partitionKey, composite: ["tenantId"], casing: "none" },
          sk: { field: GSI1.sortKey, composite: ["day", "conversationId", "staffId"], casing: "none" },
        },
      },
    },
    config,
  );

  /** That an activity slice was counted, so a retried report adds nothing; gone after two days. */
  const handleSlice = new Entity(
    {
      model: { entity: "handle_slice", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        staffId: { type: "string", required: true },
        sliceId: { type: "string", required: true },
        expiresAt: { type: "number", required: true },
      },
      indexes: {
        byId: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId", "staffId", "sliceId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
      },
    },
    config,
  );

  /**
   * A document of a case (issue 6): what the agent asked for, and once the customer sent it, the
   * file, stored encrypted under the case's own key prefix. `state` moves only from requested to
   * received, conditionally, so a second file never replaces the first.
   */
  const caseDocument = new Entity(
    {
      model: { entity: "case_document", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        conversationId: { type: "string", required: true },
        documentId: { type: "string", required: true },
        title: { type: "string", required: true },
        note: { type: "string" },
        state: { type: ["requested", "received"] as const, required: true },
        requestedById: { type: "string", required: true },
        requestedByName: { type: "string", required: true },
        requestedAt: { type: "string", required: true },
        file: {
          type: "map",
          properties: {
            key: { type: "string", required: true },
            name: { type: "string", required: true },
            contentType: { type: "string", required: true },
            size: { type: "number", required: true },
          },
        },
        /** The customer's client message id for the submit that answered it: a retry of it is the same submit. */
        receivedClientId: { type: "string" },
        receivedAt: { type: "string" },
      },
      indexes: {
        byCase: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId", "conversationId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: ["documentId"], casing: "none" },
        },
      },
    },
    config,
  );

  // ---- The agent's team on a case (issue 6): private notes and the consult to a supervisor ----

  /**
   * A private note or an entry of the case's consult thread (the agent's question, a supervisor's
   * answer, "resolved"), staff only, under the case's partition in time order. Also indexed by
   * customer, so his 360 view reads the notes of all his cases with one query.
   */
  const caseNote = new Entity(
    {
      model: { entity: "case_note", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        conversationId: { type: "string", required: true },
        noteId: { type: "string", required: true },
        customerId: { type: "string", required: true },
        kind: { type: ["note", "consult"] as const, required: true },
        step: { type: ["question", "answer", "resolved"] as const },
        text: { type: "string", required: true },
        clientId: { type: "string", required: true },
        authorId: { type: "string", required: true },
        authorName: { type: "string", required: true },
        authorRole: { type: "string", required: true },
        createdAt: { type: "string", required: true },
      },
      indexes: {
        byCase: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId", "conversationId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: ["createdAt", "noteId"], casing: "none" },
        },
        byCustomer: {
          index: GSI3.name,
          pk: { field: GSI3.partitionKey, composite: ["tenantId", "customerId"], casing: "none" },
          sk: { field: GSI3.sortKey, composite: ["createdAt", "noteId"], casing: "none" },
        },
      },
    },
    config,
  );

  /**
   * One per case that has notes: the client ids already stored (a retried write stores nothing
   * twice) and the state of its consult thread. Indexed by that state, so supervisors list the
   * tenant's pending consults (`open`) with one query, oldest question first.
   */
  const caseThread = new Entity(
    {
      model: { entity: "case_thread", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        conversationId: { type: "string", required: true },
        customerId: { type: "string", required: true },
        clientIds: { type: "set", items: "string" },
        consultState: { type: ["open", "answered", "resolved"] as const },
        askedAt: { type: "string" },
        askedById: { type: "string" },
        askedByName: { type: "string" },
        question: { type: "string" },
        subject: { type: "string" },
        answeredAt: { type: "string" },
        answeredByName: { type: "string" },
      },
      indexes: {
        byCase: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId", "conversationId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
        consults: {
          index: GSI2.name,
          pk: { field: GSI2.partitionKey, composite: ["tenantId", "consultState"], casing: "none" },
          sk: { field: GSI2.sortKey, composite: ["askedAt", "conversationId"], casing: "none" },
        },
      },
    },
    config,
  );

  /**
   * A tenant's automatic replies (issue 6, `shared/auto-reply/`): business hours, holidays, the
   * acknowledgement, the out-of-hours text and keyword rules. One item per tenant; `settings` is
   * the validated `AutoReplySettings` JSON, and `revision` makes a save over a stale copy fail.
   */
  const autoReplySettings = new Entity(
    {
      model: { entity: "auto_reply_settings", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        revision: { type: "number", required: true },
        settings: { type: "string", required: true },
        updatedBy: { type: "string", required: true },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        byTenant: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
      },
    },
    config,
  );

  /**
   * A card of the material catalog (issue 6), which admins curate and agents send into a case.
   * A tenant has a few hundred at most: one query lists them all, and search filters in memory.
   */
  const catalogCard = new Entity(
    {
      model: { entity: "catalog_card", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        cardId: { type: "string", required: true },
        state: { type: ["active", "archived"] as const, required: true },
        revision: { type: "number", required: true },
        topic: { type: "string", required: true },
        title: { type: "string", required: true },
        body: { type: "string", required: true },
        language: { type: ["es", "en"] as const, required: true },
        tags: { type: "list", items: { type: "string" }, required: true },
        /** The stored file (key, name, type, size) and the card's parts, validated by `shared/catalog/card.ts`. */
        image: { type: "any" },
        buttons: { type: "any" },
        links: { type: "any" },
        form: { type: "any" },
        updatedBy: { type: "string", required: true },
        createdAt: { type: "string", required: true },
        updatedAt: { type: "string", required: true },
      },
      indexes: {
        byTenant: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: ["cardId"], casing: "none" },
        },
      },
    },
    config,
  );

  /**
   * An agent's guided contact (seed 001): one call or chat followed through the script tree's
   * version it started with, from the reason to the exit tag. `path` is the steps taken, each
   * with the time spent on it; `detours` the time spent on steps the agent went back from.
   * `byStarted` lists them by when they started, which the reports on why customers call read by period.
   */
  const guidedContact = new Entity(
    {
      model: { entity: "guided_contact", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        contactId: { type: "string", required: true },
        channel: { type: ["call", "chat"] as const, required: true },
        recordId: { type: "string" },
        conversationId: { type: "string" },
        customerId: { type: "string" },
        agentId: { type: "string", required: true },
        agentName: { type: "string", required: true },
        version: { type: "number", required: true },
        phase: {
          type: ["validation", "escenario", "solution", "closing", "closed"] as const,
          required: true,
        },
        tipo: { type: "string", required: true },
        tipoName: { type: "string", required: true },
        motivo: { type: "string", required: true },
        motivoName: { type: "string", required: true },
        prefilledBy: { type: ["ivr", "chatbot"] as const },
        escenario: { type: "string" },
        escenarioName: { type: "string" },
        validation: { type: "any" },
        path: { type: "any", required: true },
        detours: { type: "any", required: true },
        serviceId: { type: "string" },
        solution: { type: "string" },
        exitTag: { type: "string" },
        leftAt: { type: "string" },
        revision: { type: "number", required: true },
        startedAt: { type: "string", required: true },
        updatedAt: { type: "string", required: true },
        closedAt: { type: "string" },
      },
      indexes: {
        byContact: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId", "contactId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
        byStarted: {
          index: GSI1.name,
          pk: { field: GSI1.partitionKey, composite: ["tenantId"], casing: "none" },
          sk: { field: GSI1.sortKey, composite: ["startedAt", "contactId"], casing: "none" },
        },
      },
    },
    config,
  );

  /**
   * An agent's Kardex profile (seed 001, issue 7): the tipos of the script tree he attends, which
   * routing reads. No item: he attends every tipo.
   */
  const agentProfile = new Entity(
    {
      model: { entity: "agent_profile", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        staffId: { type: "string", required: true },
        tipos: { type: "list", items: { type: "string" }, required: true },
        updatedAt: { type: "string", required: true },
        updatedBy: { type: "string", required: true },
      },
      indexes: {
        byStaff: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: ["staffId"], casing: "none" },
        },
      },
    },
    config,
  );

  // ---- Guided scripts' tree (issue 7): versioned like the chatbot's flow, drafts then published ----
  /** One version of a tenant's script tree (seed 001): a draft the admins edit, or a published one, which never changes. */
  const scriptTree = new Entity(
    {
      model: { entity: "script_tree", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        version: { type: "number", required: true, padding: { length: 6, char: "0" } },
        state: { type: ["draft", "published"] as const, required: true },
        revision: { type: "number", required: true },
        tree: { type: "any", required: true },
        savedBy: { type: "string", required: true },
        createdAt: { type: "string", required: true },
        updatedAt: { type: "string", required: true },
        publishedAt: { type: "string" },
      },
      indexes: {
        byVersion: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: ["version"], casing: "none" },
        },
      },
    },
    config,
  );

  /** A tenant's newest script tree version and the published one, which new contacts follow. */
  const scriptTreeHead = new Entity(
    {
      model: { entity: "script_tree_head", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        latestVersion: { type: "number", required: true },
        publishedVersion: { type: "number" },
      },
      indexes: {
        byTenant: {
          pk: { field: TABLE.partitionKey, composite: ["tenantId"], casing: "none" },
          sk: { field: TABLE.sortKey, composite: [], casing: "none" },
        },
      },
    },
    config,
  );

  const service = new Service(
    {
      tenant,
      channelAccount,
      staff,
      customer,
      customerKey,
      conversation,
      message,
      clientMessage,
      channelThread,
      externalMessage,
      outbox,
      connection,
      presence,
      eventReceipt,
      rateLimit,
      careRecord,
      connectRoute,
      callFact,
      botFlow,
      botFlowHead,
      scriptTree,
      scriptTreeHead,
      guidedContact,
      agentProfile,
      customerQuery,
      caseAudit,
      handleTime,
      handleSlice,
      approval,
      caseDocument,
      caseNote,
      caseThread,
      autoReplySettings,
      catalogCard,
    },
    config,
  );
  return { ...service.entities, transaction: service.transaction };
}

export type Db = ReturnType<typeof createDb>;
