import { afterEach, describe, expect, it, vi } from "vitest";
import { consume as recordConversationMetrics } from "../../../functions/events/conversation-metrics.js";
import { consume as recordMessageMetrics } from "../../../functions/events/message-metrics.js";
import { metrics } from "../../../functions/observability.js";
import { createEvent } from "../../../shared/event.js";
import { useStack } from "../../support/stack.js";

const stack = useStack();

afterEach(() => {
  vi.restoreAllMocks();
});

const started = (tenantId: string) =>
  createEvent(
    stack.runtime.ports.clock,
    "conversation.started",
    tenantId,
    { type: "customer", id: "cus-metrics" },
    {
      conversationId: `cnv-${crypto.randomUUID()}`,
      customerId: "cus-metrics",
      channel: "web",
      subject: "Hola",
    },
  );

const reply = (tenantId: string) =>
  createEvent(
    stack.runtime.ports.clock,
    "message.sent",
    tenantId,
    { type: "staff", id: "stf-metrics" },
    {
      conversationId: "cnv-metrics",
      customerId: "cus-metrics",
      message: {
        messageId: "msg-metrics",
        clientMessageId: crypto.randomUUID(),
        seq: 2,
        author: "agent",
        authorId: "stf-metrics",
        text: "Hola, ¿en qué le ayudo?",
        attachments: [],
        createdAt: new Date().toISOString(),
      },
    },
  );

describe("conversation metrics", () => {
  it("counts a conversation once though the bus hands it over twice, and the next one again", async () => {
    const added = vi.spyOn(metrics, "addMetric");
    const tenantId = `t-${crypto.randomUUID()}`;
    const first = started(tenantId);

    await recordConversationMetrics(stack.runtime.ports, first);
    await recordConversationMetrics(stack.runtime.ports, first);
    await recordConversationMetrics(stack.runtime.ports, started(tenantId));

    expect(added.mock.calls.filter(([name]) => name === "ConversationsStarted")).toHaveLength(2);
  });

  it("counts an agent's reply as a message sent, under the tenant", async () => {
    const single = metrics.singleMetric();
    vi.spyOn(metrics, "singleMetric").mockReturnValue(single);
    const dimensions = vi.spyOn(single, "addDimension");
    const added = vi.spyOn(single, "addMetric");

    await recordMessageMetrics(stack.runtime.ports, reply("t-replies"));

    expect(dimensions).toHaveBeenCalledWith("tenant", "t-replies");
    expect(added).toHaveBeenCalledWith("MessagesSent", "Count", 1);
  });
});
