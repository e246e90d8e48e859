import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { api, clientId } from "../../support/api.js";
import { type SocketClient, socketPool } from "../../support/socket.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;

beforeAll(async () => {
  tenant = await createTenant(stack);
});

/** Sockets whose `$connect` has finished, closed after every test, passed or failed. */
const sockets = socketPool(stack.url);
afterEach(() => sockets.closeAll());

async function agentSays(conversationId: string, text: string) {
  const { status, body } = await api(stack.url, `/api/agent/conversations/${conversationId}/messages`, {
    method: "POST",
    token: tenant.agents[0]!.token,
    body: { clientMessageId: clientId(), text },
  });
  expect(status).toBe(201);
  return body.message as { seq: number; messageId: string };
}

/** A customer's conversation, taken by the first agent. */
async function takenConversation() {
  const customer = await tenant.customer();
  const { body } = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text: "Necesito un certificado de deuda" },
  });
  const conversationId: string = body.conversation.conversationId;
  const taken = await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
    method: "POST",
    token: tenant.agents[0]!.token,
  });
  expect(taken.status).toBe(200);
  return { customer, conversationId };
}

/** Asks for what came after `afterSeq`, and returns what was replayed once the gateway says it is done. */
async function resume(client: SocketClient, conversationId: string, afterSeq: number) {
  const from = client.frames.length;
  client.send({ action: "resume", conversations: [{ conversationId, afterSeq }] });
  await client.waitFor((f) => f.type === "resumed" && client.frames.indexOf(f) >= from);
  return client.frames.slice(from);
}

const seqs = (frames: SocketClient["frames"]) =>
  frames.filter((f) => f.type === "event").map((f) => f.event!.data.message!.seq);

describe("catching up after the WebSocket drops", () => {
  it("replays to a customer exactly the messages he missed while offline, in order, once", async () => {
    const { customer, conversationId } = await takenConversation();
    const online = await sockets.connect(customer.token);
    await agentSays(conversationId, "Hola, ¿a nombre de quién?");
    await agentSays(conversationId, "Lo preparo enseguida");
    await online.waitFor((f) => f.event?.name === "message.sent" && f.event.data.message?.seq === 3);
    expect(online.events("message.sent").map((f) => f.event!.data.message!.seq)).toEqual([2, 3]);
    await online.close();

    const missed = [];
    for (const text of ["Ya está listo", "Se lo envío por correo", "¿Algo más?"]) {
      missed.push(await agentSays(conversationId, text));
    }
    const back = await sockets.connect(customer.token);
    const frames = await resume(back, conversationId, 3);

    expect(frames.map((f) => f.type)).toEqual(["event", "event", "event", "resumed"]);
    expect(frames.at(-1)).toEqual({ type: "resumed", count: 3 });
    const replayed = frames.slice(0, 3);
    expect(replayed.every((f) => f.replay === true && f.event!.name === "message.sent")).toBe(true);
    expect(replayed.map((f) => f.event!.data.message)).toMatchObject([
      { seq: 4, messageId: missed[0]!.messageId, text: "Ya está listo" },
      { seq: 5, messageId: missed[1]!.messageId, text: "Se lo envío por correo" },
      { seq: 6, messageId: missed[2]!.messageId, text: "¿Algo más?" },
    ]);
    expect(replayed.every((f) => f.event!.data.conversationId === conversationId)).toBe(true);
  });

  it("replays the whole conversation from 0, and nothing from its last sequence number", async () => {
    const { customer, conversationId } = await takenConversation();
    await agentSays(conversationId, "uno");
    await agentSays(conversationId, "dos");
    const socket = await sockets.connect(customer.token);

    const everything = await resume(socket, conversationId, 0);
    expect(seqs(everything)).toEqual([1, 2, 3]);
    expect(everything.filter((f) => f.event).map((f) => f.event!.name)).toEqual([
      "message.received",
      "message.sent",
      "message.sent",
    ]);
    expect(everything.at(-1)).toEqual({ type: "resumed", count: 3 });

    const nothing = await resume(socket, conversationId, 3);
    expect(nothing).toEqual([{ type: "resumed", count: 0 }]);
  });

  it("replays nothing of a conversation the caller may not see", async () => {
    const { conversationId } = await takenConversation();
    await agentSays(conversationId, "Su certificado");
    const stranger = await tenant.customer();
    const [, bruno] = tenant.agents;

    for (const token of [stranger.token, bruno!.token]) {
      const socket = await sockets.connect(token);
      expect(await resume(socket, conversationId, 0)).toEqual([{ type: "resumed", count: 0 }]);
    }
    const supervisor = await sockets.connect(tenant.supervisor.token);
    expect(seqs(await resume(supervisor, conversationId, 0))).toEqual([1, 2]);
  });

  it("numbers 20 messages sent at once 2 to 21 with no gaps or doubles, and an agent sees each once", async () => {
    const customer = await tenant.customer();
    const agent = await sockets.connect(tenant.agents[0]!.token);
    const { body } = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: customer.token,
      body: { clientMessageId: clientId(), text: "mensaje 0" },
    });
    const { conversationId } = body.conversation;

    const sends = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api(stack.url, `/api/customer/conversations/${conversationId}/messages`, {
          method: "POST",
          token: customer.token,
          body: { clientMessageId: clientId(), text: `mensaje ${i + 1}` },
        }),
      ),
    );

    expect(sends.map((s) => s.status)).toEqual(Array(20).fill(201));
    const numbered = sends.map((s) => s.body.message.seq as number).sort((a, b) => a - b);
    expect(numbered).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    const page = await api(stack.url, `/api/customer/conversations/${conversationId}?limit=50`, {
      token: customer.token,
    });
    expect(page.body.messages.map((m: { seq: number }) => m.seq)).toEqual(
      Array.from({ length: 21 }, (_, i) => i + 1),
    );
    expect(new Set(page.body.messages.map((m: { text: string }) => m.text)).size).toBe(21);

    const live = () =>
      agent.frames.filter(
        (f) =>
          !f.replay && f.event?.name === "message.received" && f.event.data.conversationId === conversationId,
      );
    await agent.waitFor(() => live().length >= 21);
    await resume(agent, conversationId, 21);
    expect(
      live()
        .map((f) => f.event!.data.message!.seq)
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));

    const replayed = await resume(agent, conversationId, 0);
    expect(seqs(replayed)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
  });
});
