import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../../infra/local/free-port.js";
import { RATING_THANKS_TEXT } from "../../../shared/rating/rating-choice.js";
import { RATING_REQUEST_TEXT, requestRating } from "../../../shared/rating/request-rating.js";
import { api, clientId } from "../../support/api.js";
import { registerWhatsApp } from "../../support/channels.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
const { db } = stack.runtime.ports;
const sim = (path: string, body?: unknown) =>
  api(stack.url, `/sim/whatsapp${path}`, body === undefined ? {} : { method: "POST", body });

type Message = {
  seq: number;
  author: string;
  text: string;
  content?: { kind: string; conversationId?: string };
};

let tenant: TestTenant;
let phoneNumberId: string;

beforeAll(async () => {
  tenant = await createTenant(stack);
  phoneNumberId = await registerWhatsApp(stack, tenant.tenantId);
});

/** A web chat the first agent took and answered. */
async function webCase() {
  const customer = await tenant.customer();
  const agent = tenant.agents[0]!;
  const started = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text: "Me cobraron dos veces en la tienda" },
  });
  expect(started.status).toBe(201);
  const conversationId = started.body.conversation.conversationId as string;
  await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
    method: "POST",
    token: agent.token,
  });
  return { customer, agent, conversationId };
}

async function finalize(conversationId: string, token: string) {
  const { status } = await api(stack.url, `/api/agent/conversations/${conversationId}/finalize`, {
    method: "POST",
    token,
    body: { disposition: "resolved" },
  });
  expect(status).toBe(200);
}

async function messagesOf(token: string, conversationId: string): Promise<Message[]> {
  const { body } = await api(stack.url, `/api/customer/conversations/${conversationId}`, { token });
  return body.messages;
}

const rate = (token: string, conversationId: string, body: unknown) =>
  api(stack.url, `/api/customer/conversations/${conversationId}/rating`, { method: "POST", token, body });

/** The customer comes back later, with a new session of the same identity, and finds the request in the case. */
async function ratingRequestOf(token: string, conversationId: string) {
  let request: Message | undefined;
  await waitFor("the rating request in the closed case", async () => {
    request = (await messagesOf(token, conversationId)).find((m) => m.content?.kind === "rating_request");
    return Boolean(request);
  });
  return request!;
}

describe("rating a finalized web case", () => {
  it("asks the customer in the closed case, which stays closed, and records one rating", async () => {
    const { customer, agent, conversationId } = await webCase();
    await finalize(conversationId, agent.token);

    const request = await ratingRequestOf(customer.token, conversationId);
    expect(request).toMatchObject({ author: "system", content: { kind: "rating_request", conversationId } });
    const page = await api(stack.url, `/api/customer/conversations/${conversationId}`, {
      token: customer.token,
    });
    expect(page.body.conversation.status).toBe("closed");

    const rated = await rate(customer.token, conversationId, {
      score: 5,
      comment: "Muy rápida la devolución",
    });
    expect(rated.status).toBe(200);
    expect(rated.body.rating).toMatchObject({
      score: 5,
      comment: "Muy rápida la devolución",
      channel: "web",
    });

    // The agent's view of the case and of the customer's history show it.
    const seen = await api(stack.url, `/api/agent/conversations/${conversationId}`, {
      token: tenant.supervisor.token,
    });
    expect(seen.body.conversation.rating).toMatchObject({ score: 5, comment: "Muy rápida la devolución" });
    const history = await api(stack.url, `/api/agent/customers/${customer.customerId}/conversations`, {
      token: agent.token,
    });
    const listed = history.body.conversations.find(
      (c: { conversationId: string }) => c.conversationId === conversationId,
    );
    expect(listed.rating.score).toBe(5);
  });

  it("answers the same rating sent again as stored, and refuses a different one with already_rated", async () => {
    const { customer, agent, conversationId } = await webCase();
    await finalize(conversationId, agent.token);
    expect((await rate(customer.token, conversationId, { score: 3, comment: "Bien" })).status).toBe(200);
    const again = await rate(customer.token, conversationId, { score: 3, comment: "Bien" });
    expect([again.status, again.body.rating.score]).toEqual([200, 3]);
    const other = await rate(customer.token, conversationId, { score: 1 });
    expect([other.status, other.body.error.code]).toEqual([409, "already_rated"]);
    const { data } = await db.conversation.get({ tenantId: tenant.tenantId, conversationId }).go();
    expect(data?.rating).toMatchObject({ score: 3, comment: "Bien" });
  });

  it("takes scores from 1 to 5 only, and comments up to 1000 characters", async () => {
    const { customer, agent, conversationId } = await webCase();
    await finalize(conversationId, agent.token);
    for (const body of [
      { score: 0 },
      { score: 6 },
      { score: 4.5 },
      { score: "5" },
      {},
      { score: 4, comment: "x".repeat(1001) },
    ]) {
      const refused = await rate(customer.token, conversationId, body);
      expect([refused.status, refused.body.error.code]).toEqual([400, "invalid_request"]);
    }
    const { data } = await db.conversation.get({ tenantId: tenant.tenantId, conversationId }).go();
    expect(data?.rating).toBeUndefined();
    expect((await rate(customer.token, conversationId, { score: 1 })).status).toBe(200);
  });

  it("is 404 for another customer's case and 409 for a case still open", async () => {
    const { agent, conversationId } = await webCase();
    await finalize(conversationId, agent.token);
    const stranger = await tenant.customer();
    const foreign = await rate(stranger.token, conversationId, { score: 5 });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, "conversation_not_found"]);
    const otherTenant = await createTenant(stack, { agents: 0 });
    const outsider = await otherTenant.customer();
    expect((await rate(outsider.token, conversationId, { score: 5 })).status).toBe(404);

    const open = await webCase();
    const early = await rate(open.customer.token, open.conversationId, { score: 5 });
    expect([early.status, early.body.error.code]).toEqual([409, "conversation_not_closed"]);
  });
});

describe("the rating request", () => {
  it("is not posted in a case reopened before it went out, and the redelivered close posts it once", async () => {
    const { customer, agent, conversationId } = await webCase();
    const ref = { tenantId: tenant.tenantId, conversationId };
    await expect(requestRating(stack.runtime.ports, ref)).resolves.toBeUndefined();
    expect((await messagesOf(customer.token, conversationId)).map((m) => m.content?.kind)).not.toContain(
      "rating_request",
    );

    await finalize(conversationId, agent.token);
    await ratingRequestOf(customer.token, conversationId);
    await requestRating(stack.runtime.ports, ref);
    await requestRating(stack.runtime.ports, ref);
    const requests = (await messagesOf(customer.token, conversationId)).filter(
      (m) => m.content?.kind === "rating_request",
    );
    expect(requests).toHaveLength(1);
  });
});

describe("rating a finalized WhatsApp case", () => {
  it("sends a list of five scores and records the pick on the case that asked, even after the customer wrote again", async () => {
    const customer = { waId: `5255${randomInt(10 ** 7, 10 ** 8)}`, name: "Marta Díaz" };
    await sim(`/api/chats/${customer.waId}/messages`, {
      type: "text",
      name: customer.name,
      text: "Hola",
      phoneNumberId,
    });
    const agent = tenant.agents[0]!;
    let conversationId = "";
    await waitFor("the WhatsApp conversation in the queue", async () => {
      const { body } = await api(stack.url, "/api/agent/inbox?view=queue", { token: agent.token });
      conversationId = body.conversations.find(
        (c: { contactAddress?: string; messageSeq: number }) =>
          c.contactAddress === customer.waId && c.messageSeq > 0,
      )?.conversationId;
      return Boolean(conversationId);
    });
    await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: agent.token,
    });
    await finalize(conversationId, agent.token);

    type Row = { id: string; title: string };
    type Sent = {
      id: string;
      request: {
        type: string;
        interactive?: { type: string; body: { text: string }; action: { sections: { rows: Row[] }[] } };
      };
    };
    let list: Sent | undefined;
    await waitFor("the rating list on the customer's phone", async () => {
      const { body } = await sim(`/api/outbox?waId=${customer.waId}`);
      list = (body as Sent[]).find((m) => m.request.interactive?.type === "list");
      return Boolean(list);
    });
    const { body: text, action } = list!.request.interactive!;
    expect(text.text).toBe(RATING_REQUEST_TEXT);
    const rows = action.sections[0]!.rows;
    expect(rows.map((row) => row.id)).toEqual(
      [5, 4, 3, 2, 1].map((score) => `rating:${score}:${conversationId}`),
    );
    expect(rows[0]!.title).toBe("5 ★★★★★ Excelente");

    // He writes again first: that opens a new case, and his thread moves to it.
    await sim(`/api/chats/${customer.waId}/messages`, {
      type: "text",
      name: customer.name,
      text: "Otra cosa",
      phoneNumberId,
    });
    await waitFor("the new case", async () => {
      const { data } = await db.conversation.query
        .byCustomer({ tenantId: tenant.tenantId, customerId: await customerIdOf(conversationId) })
        .go();
      return data.length === 2;
    });

    const row = rows.find((r) => r.id.startsWith("rating:4:"))!;
    await sim(`/api/chats/${customer.waId}/messages`, {
      type: "list_reply",
      name: customer.name,
      messageId: list!.id,
      rowId: row.id,
      phoneNumberId,
    });
    await waitFor("the rating on the case that asked", async () => {
      const { data } = await db.conversation.get({ tenantId: tenant.tenantId, conversationId }).go();
      return data?.rating?.score === 4;
    });
    const { data: asked } = await db.conversation.get({ tenantId: tenant.tenantId, conversationId }).go();
    expect(asked).toMatchObject({ status: "closed", rating: { score: 4, channel: "whatsapp" } });
    const { data: thread } = await db.message.query
      .byConversation({ tenantId: tenant.tenantId, conversationId })
      .go();
    expect(thread.some((m) => m.content?.kind === "choice" && m.content.choice.id === row.id)).toBe(true);

    await waitFor("the thanks on the customer's phone", async () => {
      const { body } = await sim(`/api/outbox?waId=${customer.waId}`);
      return (body as { request: { text?: { body: string } } }[]).some(
        (m) => m.request.text?.body === RATING_THANKS_TEXT,
      );
    });

    // The new case got no rating and no pick.
    const { data: cases } = await db.conversation.query
      .byCustomer({ tenantId: tenant.tenantId, customerId: asked!.customerId })
      .go();
    const newer = cases.find((c) => c.conversationId !== conversationId)!;
    expect(newer.rating).toBeUndefined();
    expect(newer.messageSeq).toBe(1);
  });
});

async function customerIdOf(conversationId: string) {
  const { data } = await db.conversation.get({ tenantId: tenant.tenantId, conversationId }).go();
  return data!.customerId;
}
