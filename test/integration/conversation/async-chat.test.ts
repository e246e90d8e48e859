import { beforeAll, describe, expect, it } from "vitest";
import { api, clientId } from "../../support/api.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;

beforeAll(async () => {
  tenant = await createTenant(stack);
});

describe("async web chat over the HTTP API", () => {
  it("carries a customer's question to the queue, an agent's reply back, and closes with a disposition", async () => {
    const customer = await tenant.customer();
    const [ana] = tenant.agents;
    const question = "me voy de viaje, ¿qué tengo que hacer con la tarjeta?";

    const started = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: customer.token,
      body: { clientMessageId: clientId(), text: question },
    });
    expect(started.status).toBe(201);
    const { conversationId } = started.body.conversation;

    const queue = await api(stack.url, "/api/agent/inbox?view=queue", { token: ana!.token });
    expect(queue.body.conversations.map((c: { conversationId: string }) => c.conversationId)).toContain(
      conversationId,
    );

    const taken = await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: ana!.token,
    });
    expect(taken.body.conversation).toMatchObject({ status: "assigned", assigneeName: "Agente 1" });

    const reply = await api(stack.url, `/api/agent/conversations/${conversationId}/messages`, {
      method: "POST",
      token: ana!.token,
      body: { clientMessageId: clientId(), text: "Avísenos las fechas y países desde la app" },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.message.seq).toBe(2);

    const seen = await api(stack.url, `/api/customer/conversations/${conversationId}`, {
      token: customer.token,
    });
    expect(seen.body.conversation.unread).toBe(1);
    expect(seen.body.messages.map((m: { text: string }) => m.text)).toEqual([
      question,
      "Avísenos las fechas y países desde la app",
    ]);

    await api(stack.url, `/api/customer/conversations/${conversationId}/read`, {
      method: "POST",
      token: customer.token,
      body: { seq: 2 },
    });
    const read = await api(stack.url, "/api/customer/conversations", { token: customer.token });
    expect(read.body.conversations[0].unread).toBe(0);

    const closed = await api(stack.url, `/api/agent/conversations/${conversationId}/finalize`, {
      method: "POST",
      token: ana!.token,
      body: { disposition: "information_given" },
    });
    expect(closed.body.conversation).toMatchObject({ status: "closed", disposition: "information_given" });

    const late = await api(stack.url, `/api/customer/conversations/${conversationId}/messages`, {
      method: "POST",
      token: customer.token,
      body: { clientMessageId: clientId(), text: "¿sigue ahí?" },
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("conversation_closed");
  });

  it("stores a message sent twice with the same client id once", async () => {
    const customer = await tenant.customer();
    const first = { clientMessageId: clientId(), text: "hola" };
    const [a, b] = await Promise.all([
      api(stack.url, "/api/customer/conversations", { method: "POST", token: customer.token, body: first }),
      api(stack.url, "/api/customer/conversations", { method: "POST", token: customer.token, body: first }),
    ]);
    expect(a.body.conversation.conversationId).toBe(b.body.conversation.conversationId);
    const { conversationId } = a.body.conversation;

    const again = { clientMessageId: clientId(), text: "¿me leen?" };
    const sends = await Promise.all(
      [1, 2, 3].map(() =>
        api(stack.url, `/api/customer/conversations/${conversationId}/messages`, {
          method: "POST",
          token: customer.token,
          body: again,
        }),
      ),
    );
    expect(new Set(sends.map((s) => s.body.message.messageId)).size).toBe(1);
    const page = await api(stack.url, `/api/customer/conversations/${conversationId}`, {
      token: customer.token,
    });
    expect(page.body.messages.map((m: { text: string }) => m.text)).toEqual(["hola", "¿me leen?"]);
  });

  it("gives an agent who releases a conversation's place back to the queue, where another can take it", async () => {
    const customer = await tenant.customer();
    const [ana, bruno] = tenant.agents;
    const { body } = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: customer.token,
      body: { clientMessageId: clientId(), text: "necesito ayuda" },
    });
    const id = body.conversation.conversationId;
    await api(stack.url, `/api/agent/conversations/${id}/take`, { method: "POST", token: ana!.token });

    const blocked = await api(stack.url, `/api/agent/conversations/${id}/messages`, {
      method: "POST",
      token: bruno!.token,
      body: { clientMessageId: clientId(), text: "yo también" },
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error).toMatchObject({
      code: "conversation_taken",
      details: { assigneeName: "Agente 1" },
    });

    const released = await api(stack.url, `/api/agent/conversations/${id}/release`, {
      method: "POST",
      token: ana!.token,
    });
    expect(released.body.conversation.status).toBe("queued");
    const retaken = await api(stack.url, `/api/agent/conversations/${id}/take`, {
      method: "POST",
      token: bruno!.token,
    });
    expect(retaken.body.conversation.assigneeName).toBe("Agente 2");
  });

  it("shows an agent the customer's earlier conversations and finds words across them", async () => {
    const customer = await tenant.customer();
    const [ana] = tenant.agents;
    for (const text of ["Perdí la tarjeta de crédito", "Quiero cambiar mi dirección"]) {
      await api(stack.url, "/api/customer/conversations", {
        method: "POST",
        token: customer.token,
        body: { clientMessageId: clientId(), text },
      });
    }
    const history = await api(stack.url, `/api/agent/customers/${customer.customerId}/conversations`, {
      token: ana!.token,
    });
    expect(history.body.conversations.map((c: { subject: string }) => c.subject)).toEqual([
      "Quiero cambiar mi dirección",
      "Perdí la tarjeta de crédito",
    ]);
    const found = await api(stack.url, `/api/customer/search?q=${encodeURIComponent("CREDITO tarjeta")}`, {
      token: customer.token,
    });
    expect(found.body.results.map((r: { text: string }) => r.text)).toEqual(["Perdí la tarjeta de crédito"]);
  });
});
