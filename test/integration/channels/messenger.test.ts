import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../../../infra/local/free-port.js";
import { api, clientId } from "../../support/api.js";
import { postWebhook, registerMessenger } from "../../support/channels.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
const { db } = stack.runtime.ports;
const sim = (path: string, body?: unknown) =>
  api(stack.url, `/sim/messenger${path}`, body === undefined ? {} : { method: "POST", body });

let tenant: TestTenant;
let pageId: string;

beforeAll(async () => {
  tenant = await createTenant(stack);
  pageId = await registerMessenger(stack, tenant.tenantId);
});

const person = () => ({ psid: String(randomInt(10 ** 14, 2 ** 47)), name: "Rosa Quispe" });

/** The conversation with the person, once his first message is in it. */
async function conversationOf(psid: string) {
  let conversationId = "";
  await waitFor(`a conversation with ${psid}`, async () => {
    const { data: thread } = await db.channelThread
      .get({ tenantId: tenant.tenantId, channel: "messenger", accountId: pageId, address: psid })
      .go();
    if (!thread) return false;
    conversationId = thread.conversationId;
    const { data } = await db.conversation.get({ tenantId: tenant.tenantId, conversationId }).go();
    return (data?.messageSeq ?? 0) >= 1;
  });
  return conversationId;
}

/** The person writes from the simulated Messenger to the tenant's page; his conversation, once his message is in. */
async function customerWrites(customer: { psid: string; name: string }, text: string) {
  await sim(`/api/chats/${customer.psid}/messages`, { type: "text", name: customer.name, text, pageId });
  return conversationOf(customer.psid);
}

async function messagesOf(conversationId: string) {
  const { data } = await db.message.query
    .byConversation({ tenantId: tenant.tenantId, conversationId })
    .go({ pages: "all" });
  return data;
}

describe("Messenger", () => {
  it("lands the customer's messages, named, in a Messenger conversation and the agent's reply reaches him, delivered and read", async () => {
    const customer = person();
    const conversationId = await customerWrites(customer, "Hola");
    // Messenger's webhook names nobody: the name comes from its User Profile API.
    const { data: opened } = await db.conversation.get({ tenantId: tenant.tenantId, conversationId }).go();
    expect(opened?.customerName).toBe(customer.name);
    const agent = tenant.agents[0]!;
    await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: agent.token,
    });

    const { status, body } = await api(stack.url, `/api/agent/conversations/${conversationId}/messages`, {
      method: "POST",
      token: agent.token,
      body: {
        clientMessageId: clientId(),
        text: "¿Cómo prefiere que le contactemos?",
        content: {
          kind: "buttons",
          buttons: [
            { id: "phone", title: "Teléfono" },
            { id: "mail", title: "Correo" },
          ],
        },
      },
    });
    expect(status).toBe(201);
    const seq = body.message.seq;
    const state = async () =>
      (await db.message.get({ tenantId: tenant.tenantId, conversationId, seq }).go()).data?.delivery?.state;
    await waitFor("delivered", async () => (await state()) === "delivered", 20_000);
    await sim(`/api/chats/${customer.psid}/read`, {});
    await waitFor("read", async () => (await state()) === "read", 20_000);

    // The page's own echo of our reply is ours, never the customer's words.
    const messages = await messagesOf(conversationId);
    expect(messages.map(({ author, text }) => [author, text])).toEqual([
      ["customer", "Hola"],
      ["agent", "¿Cómo prefiere que le contactemos?"],
    ]);
    const { body: outbox } = await sim(`/api/outbox?psid=${customer.psid}`);
    expect(outbox[0].message.attachment.payload).toMatchObject({ template_type: "button" });
  });

  it("answers with the HUMAN_AGENT tag after 24 h, and refuses after 7 days", async () => {
    const customer = person();
    const conversationId = await customerWrites(customer, "¿Siguen ahí?");
    const agent = tenant.agents[0]!;
    await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: agent.token,
    });
    const age = async (hours: number) => {
      await db.conversation
        .patch({ tenantId: tenant.tenantId, conversationId })
        .set({ lastCustomerMessageAt: new Date(Date.now() - hours * 3_600_000).toISOString() })
        .go();
      await sim(`/api/chats/${customer.psid}/age`, { hours });
    };
    const reply = (text: string) =>
      api(stack.url, `/api/agent/conversations/${conversationId}/messages`, {
        method: "POST",
        token: agent.token,
        body: { clientMessageId: clientId(), text },
      });

    await age(30);
    const { body: info } = await api(stack.url, `/api/agent/conversations/${conversationId}`, {
      token: agent.token,
    });
    expect(info.conversation.window.state).toBe("human_agent");
    const tagged = await reply("Le respondo por aquí");
    await waitFor(
      "sent with the tag",
      async () =>
        (
          await db.message
            .get({ tenantId: tenant.tenantId, conversationId, seq: tagged.body.message.seq })
            .go()
        ).data?.delivery?.state === "delivered",
      20_000,
    );
    const { body: outbox } = await sim(`/api/outbox?psid=${customer.psid}`);
    expect(outbox.at(-1)).toMatchObject({ messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" });

    await age(24 * 7 + 1);
    const refused = await reply("¿Hola?");
    expect([refused.status, refused.body.error.code]).toEqual([409, "window_closed"]);
  });

  it("refuses an attachment URL that points inside our network, keeping the message", async () => {
    const customer = person();
    const mid = `m_${randomInt(10 ** 9, 10 ** 10)}`;
    const event = (url: string, n: number) => ({
      sender: { id: customer.psid },
      recipient: { id: pageId },
      timestamp: Date.now(),
      message: { mid: `${mid}${n}`, attachments: [{ type: "image", payload: { url } }] },
    });
    await postWebhook(stack, "messenger", {
      object: "page",
      entry: [
        {
          id: pageId,
          time: Date.now(),
          messaging: [
            event("http://169.254.169.254/latest/meta-data/iam/security-credentials/", 1),
            event("https://127.0.0.1:9/secret.png", 2),
            event("https://10.0.0.5/internal.png", 3),
            event("https://metadata.google.internal/computeMetadata/v1/", 4),
          ],
        },
      ],
    });
    const conversationId = await conversationOf(customer.psid);
    await waitFor("four messages", async () => (await messagesOf(conversationId)).length === 4);
    for (const message of await messagesOf(conversationId)) {
      expect(message.attachments).toEqual([]);
      expect(message.missingMedia).toEqual([{ name: expect.any(String), reason: "address_refused" }]);
    }
  });

  it("takes a postback and a quick reply as the customer's choice", async () => {
    const customer = person();
    const base = { sender: { id: customer.psid }, recipient: { id: pageId }, timestamp: Date.now() };
    await postWebhook(stack, "messenger", {
      object: "page",
      entry: [
        {
          id: pageId,
          time: Date.now(),
          messaging: [
            { ...base, postback: { title: "Ver saldo", payload: "BALANCE", mid: `m_pb_${customer.psid}` } },
            {
              ...base,
              message: { mid: `m_qr_${customer.psid}`, text: "Correo", quick_reply: { payload: "mail" } },
            },
          ],
        },
      ],
    });
    const conversationId = await conversationOf(customer.psid);
    await waitFor("two messages", async () => (await messagesOf(conversationId)).length === 2);
    const choices = (await messagesOf(conversationId)).map((message) => message.content).sort();
    expect(choices).toEqual(
      expect.arrayContaining([
        { kind: "choice", choice: { id: "BALANCE", title: "Ver saldo" } },
        { kind: "choice", choice: { id: "mail", title: "Correo" } },
      ]),
    );
  });
});
