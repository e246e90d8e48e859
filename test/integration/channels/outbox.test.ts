import { beforeAll, describe, expect, it } from "vitest";
import { applyStatus } from "../../../shared/channels/apply-status.js";
import { deliverOutgoing, RETRY_SECONDS } from "../../../shared/channels/deliver-outgoing.js";
import { ChannelSendError, type OutgoingMessage } from "../../../shared/channels/outbound.js";
import { openChannelConversation, postAgentMessage } from "../../../shared/conversation/index.js";
import type { StaffIdentity } from "../../../shared/identity/index.js";
import type { Ports } from "../../../shared/ports.js";
import { registerWhatsApp } from "../../support/channels.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();

/**
 * The stack's own drainer takes every entry due by the real clock; these tests run their own
 * clock a century ahead, so what they queue is due only for them.
 */
let now = new Date("2126-01-01T00:00:00.000Z");
const advance = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
};

let tenant: TestTenant;
let accountId: string;
let staff: StaffIdentity;

beforeAll(async () => {
  tenant = await createTenant(stack);
  accountId = await registerWhatsApp(stack, tenant.tenantId);
  const agent = tenant.agents[0]!;
  staff = {
    kind: "staff",
    tenantId: tenant.tenantId,
    staffId: agent.staffId,
    email: agent.email,
    name: agent.name,
    role: "agent",
  };
});

/** Ports whose WhatsApp sender is `send`, on the test's clock, with events kept to themselves. */
function portsSending(send: (message: OutgoingMessage) => Promise<{ externalId: string }>): Ports {
  const base = stack.runtime.ports;
  return {
    ...base,
    clock: { now: () => now },
    events: { publish: async () => {} },
    channels: { ...base.channels, senders: { whatsapp: { send } } },
  };
}

/** An agent's conversation with a customer who wrote a minute ago, and the agent's reply queued in it. */
async function queuedReply(ports: Ports, text = "Hola") {
  const conversation = await openChannelConversation(ports, {
    tenantId: tenant.tenantId,
    channel: "whatsapp",
    accountId,
    address: `52155${Math.floor(Math.random() * 1e8)}`,
    customerId: `cus_${crypto.randomUUID()}`,
    subject: "Consulta",
    assignee: { staffId: staff.staffId, name: staff.name },
    threadByAddress: true,
  });
  await ports.db.conversation
    .patch({ tenantId: tenant.tenantId, conversationId: conversation.conversationId })
    .set({ lastCustomerMessageAt: new Date(now.getTime() - 60_000).toISOString() })
    .go();
  const { message } = await postAgentMessage(ports, staff, conversation.conversationId, {
    clientMessageId: crypto.randomUUID(),
    text,
  });
  return { tenantId: tenant.tenantId, conversationId: conversation.conversationId, seq: message.seq };
}

const stateOf = async (ports: Ports, ref: { tenantId: string; conversationId: string; seq: number }) =>
  (await ports.db.message.get(ref).go()).data?.delivery;

describe("the outbox", () => {
  it("retries a channel that is down on the backoff schedule, then fails the message with the reason", async () => {
    let attempts = 0;
    const ports = portsSending(async () => {
      attempts++;
      throw new ChannelSendError(true, "channel_unreachable", "connect ECONNREFUSED");
    });
    const ref = await queuedReply(ports);

    expect(await deliverOutgoing(ports, ref)).toBe("retrying");
    for (const wait of RETRY_SECONDS.slice(0, -1)) {
      advance(wait - 1);
      expect(await deliverOutgoing(ports, ref)).toBe("not_due");
      advance(1);
      expect(await deliverOutgoing(ports, ref)).toBe("retrying");
      expect(await stateOf(ports, ref)).toMatchObject({
        state: "queued",
        reason: "channel_unreachable: connect ECONNREFUSED",
      });
    }
    advance(RETRY_SECONDS.at(-1)!);
    expect(await deliverOutgoing(ports, ref)).toBe("failed");
    expect(attempts).toBe(RETRY_SECONDS.length + 1);
    expect(await stateOf(ports, ref)).toMatchObject({
      state: "failed",
      reason: "channel_unreachable: connect ECONNREFUSED",
    });
    expect((await ports.db.outbox.get(ref).go()).data).toBeNull();
  });

  it("fails a message the channel refuses for good at once, with the channel's reason", async () => {
    const ports = portsSending(async () => {
      throw new ChannelSendError(false, "undeliverable", "(#131026) Message undeliverable");
    });
    const ref = await queuedReply(ports);
    expect(await deliverOutgoing(ports, ref)).toBe("failed");
    expect(await stateOf(ports, ref)).toMatchObject({
      state: "failed",
      reason: "undeliverable: (#131026) Message undeliverable",
    });
  });

  it("sends once when two attempts start together", async () => {
    let sends = 0;
    const ports = portsSending(async () => {
      sends++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { externalId: `wamid.${crypto.randomUUID()}` };
    });
    const ref = await queuedReply(ports);
    const outcomes = await Promise.all([
      deliverOutgoing(ports, ref),
      deliverOutgoing(ports, ref),
      deliverOutgoing(ports, ref),
    ]);
    expect(outcomes.filter((outcome) => outcome === "sent")).toHaveLength(1);
    expect(sends).toBe(1);
  });

  it("applies a receipt that arrived before the send was recorded", async () => {
    const externalId = `wamid.${crypto.randomUUID()}`;
    const ports = portsSending(async (message) => {
      // Meta is quick: its "delivered" reaches us before the send's answer is recorded.
      await applyStatus(ports, {
        channel: "whatsapp",
        accountId: message.accountId,
        recipient: message.to,
        state: "delivered",
        at: now.toISOString(),
        externalId,
      });
      return { externalId };
    });
    const ref = await queuedReply(ports);
    expect(await deliverOutgoing(ports, ref)).toBe("sent");
    expect(await stateOf(ports, ref)).toMatchObject({ state: "delivered" });
  });

  it("keeps the Message-ID the mail service gave, which the customer's reply will name", async () => {
    const base = stack.runtime.ports;
    const ports: Ports = {
      ...portsSending(async () => ({ externalId: "" })),
      channels: {
        ...base.channels,
        senders: { email: { send: async () => ({ externalId: "<0100018c-ses-id@email.amazonses.com>" }) } },
      },
    };
    const conversation = await openChannelConversation(ports, {
      tenantId: tenant.tenantId,
      channel: "email",
      accountId: `soporte@${tenant.tenantId}.test`,
      address: "cliente@example.com",
      customerId: `cus_${crypto.randomUUID()}`,
      subject: "Acuerdo",
      assignee: { staffId: staff.staffId, name: staff.name },
      threadByAddress: false,
    });
    const { message } = await postAgentMessage(ports, staff, conversation.conversationId, {
      clientMessageId: crypto.randomUUID(),
      text: "Le confirmo lo acordado.",
      email: { to: ["cliente@example.com"], subject: "Acuerdo" },
    });
    const ref = { tenantId: tenant.tenantId, conversationId: conversation.conversationId, seq: message.seq };

    expect(await deliverOutgoing(ports, ref)).toBe("sent");
    const { data: sent } = await ports.db.message.get(ref).go();
    expect(sent?.email?.messageId).toBe("<0100018c-ses-id@email.amazonses.com>");
    const { data: record } = await ports.db.externalMessage
      .get({
        tenantId: tenant.tenantId,
        channel: "email",
        externalId: "<0100018c-ses-id@email.amazonses.com>",
      })
      .go();
    expect(record?.conversationId).toBe(conversation.conversationId);
  });
});
