import { beforeAll, describe, expect, it } from "vitest";
import { api, clientId } from "../../support/api.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;

beforeAll(async () => {
  tenant = await createTenant(stack, { agents: 50 });
});

/** A conversation waiting in the queue, as a customer's first message leaves it. */
async function queuedConversation() {
  const customer = await tenant.customer();
  const { status, body } = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text: "¿alguien me atiende?" },
  });
  expect(status).toBe(201);
  return body.conversation.conversationId as string;
}

const take = (conversationId: string, token: string) =>
  api(stack.url, `/api/agent/conversations/${conversationId}/take`, { method: "POST", token });

describe("taking a conversation from the queue", () => {
  it("gives it to exactly one of 50 agents who click at once, and tells the others who won", async () => {
    const conversationId = await queuedConversation();
    expect(tenant.agents).toHaveLength(50);

    const answers = await Promise.all(tenant.agents.map((agent) => take(conversationId, agent.token)));

    const winners = answers.flatMap((answer, i) => (answer.status === 200 ? [tenant.agents[i]!] : []));
    expect(winners).toHaveLength(1);
    const [winner] = winners;
    const losers = answers.filter((answer) => answer.status !== 200);
    expect(losers).toHaveLength(49);
    for (const lost of losers) {
      expect(lost.status).toBe(409);
      expect(lost.body.error).toMatchObject({
        code: "conversation_taken",
        details: { assigneeId: winner!.staffId, assigneeName: winner!.name },
      });
    }

    const stored = await api(stack.url, `/api/agent/conversations/${conversationId}`, {
      token: tenant.supervisor.token,
    });
    expect(stored.body.conversation).toMatchObject({
      status: "assigned",
      assigneeId: winner!.staffId,
      assigneeName: winner!.name,
    });
    const mine = await api(stack.url, "/api/agent/inbox?view=mine", { token: winner!.token });
    expect(mine.body.conversations.map((c: { conversationId: string }) => c.conversationId)).toEqual([
      conversationId,
    ]);
    const queue = await api(stack.url, "/api/agent/inbox?view=queue", { token: winner!.token });
    expect(queue.body.conversations.map((c: { conversationId: string }) => c.conversationId)).not.toContain(
      conversationId,
    );
  });

  it("lets an agent take his own conversation again without changing it", async () => {
    const conversationId = await queuedConversation();
    const agent = tenant.agents[0]!;
    const first = await take(conversationId, agent.token);
    expect(first.status).toBe(200);

    const again = await take(conversationId, agent.token);

    expect(again.status).toBe(200);
    expect(again.body.conversation).toEqual(first.body.conversation);
  });

  it("refuses to take a closed conversation", async () => {
    const conversationId = await queuedConversation();
    const [agent, other] = tenant.agents;
    await take(conversationId, agent!.token);
    const closed = await api(stack.url, `/api/agent/conversations/${conversationId}/finalize`, {
      method: "POST",
      token: agent!.token,
      body: { disposition: "resolved" },
    });
    expect(closed.body.conversation.status).toBe("closed");

    const [byOther, byHolder] = await Promise.all([
      take(conversationId, other!.token),
      take(conversationId, agent!.token),
    ]);

    expect(byOther.status).toBe(409);
    expect(byOther.body.error.code).toBe("conversation_closed");
    expect(byHolder.status).toBe(409);
    expect(byHolder.body.error.code).toBe("conversation_closed");
    const stored = await api(stack.url, `/api/agent/conversations/${conversationId}`, {
      token: tenant.supervisor.token,
    });
    expect(stored.body.conversation).toMatchObject({ status: "closed", disposition: "resolved" });
  });
});
