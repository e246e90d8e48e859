import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Entity, Service } from "electrodb";
import { TABLE } from "./table.js";

const [GSI1, GSI2] = TABLE.indexes;
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

  const staff = new Entity(
    {
      model: { entity: "staff", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        staffId: { type: "string", required: true },
        email: { type: "string", required: true },
        name: { type: "string", required: true },
        role: { type: ["agent", "supervisor", "admin"] as const, required: true },
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

  const conversation = new Entity(
    {
      model: { entity: "conversation", version: "1", service: SERVICE },
      attributes: {
        tenantId: { type: "string", required: true },
        conversationId: { type: "string", required: true },
        customerId: { type: "string", required: true },
        customerName: { type: "string" },
        channel: { type: ["web"] as const, required: true },
        status: { type: ["queued", "assigned", "closed"] as const, required: true },
        /** `queued`, `agent#<staffId>` or `closed`: which inbox list the conversation sits in. */
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

  const service = new Service(
    {
      tenant,
      staff,
      customer,
      conversation,
      message,
      clientMessage,
      connection,
      presence,
      eventReceipt,
      rateLimit,
    },
    config,
  );
  return { ...service.entities, transaction: service.transaction };
}

export type Db = ReturnType<typeof createDb>;
