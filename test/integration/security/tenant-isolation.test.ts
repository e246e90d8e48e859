import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../../shared/ids.js";
import { api, clientId } from "../../support/api.js";
import { PNG, uploadFile } from "../../support/files.js";
import { openSocket } from "../../support/socket.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();

let a: TestTenant;
let b: TestTenant;
/** Tenant A's customer with a conversation: her photo (seq 1), the agent's answer (seq 2). */
let victim: { token: string; customerId: string };
let conversationId: string;
let attachmentId: string;

type Call = { method: string; path: string; body?: unknown };

/** Every agent route that names a conversation (and a message and attachment in it). */
const agentCalls = (id: string, seq: number, attachment: string): Call[] => [
  { method: "GET", path: `/api/agent/conversations/${id}` },
  { method: "GET", path: `/api/agent/conversations/${id}?after=0` },
  { method: "POST", path: `/api/agent/conversations/${id}/take` },
  { method: "POST", path: `/api/agent/conversations/${id}/release` },
  { method: "POST", path: `/api/agent/conversations/${id}/finalize`, body: { disposition: "resolved" } },
  {
    method: "POST",
    path: `/api/agent/conversations/${id}/messages`,
    body: { clientMessageId: clientId(), text: "hola, soy de otra empresa" },
  },
  { method: "POST", path: `/api/agent/conversations/${id}/read`, body: { seq: 2 } },
  { method: "GET", path: `/api/agent/conversations/${id}/messages/${seq}/attachments/${attachment}` },
  // Approvals (issue 6)
  { method: "GET", path: `/api/agent/conversations/${id}/approvals` },
  {
    method: "POST",
    path: `/api/agent/conversations/${id}/approvals`,
    body: { clientMessageId: clientId(), operation: "refund", description: "Devolución ajena" },
  },
  { method: "POST", path: `/api/agent/conversations/${id}/approvals/${newId("approval")}/cancel` },
];

/** Every customer route that names a conversation. */
const customerCalls = (id: string, seq: number, attachment: string): Call[] => [
  { method: "GET", path: `/api/customer/conversations/${id}` },
  {
    method: "POST",
    path: `/api/customer/conversations/${id}/messages`,
    body: { clientMessageId: clientId(), text: "¿me pasan la foto?" },
  },
  { method: "POST", path: `/api/customer/conversations/${id}/read`, body: { seq: 2 } },
  { method: "GET", path: `/api/customer/conversations/${id}/messages/${seq}/attachments/${attachment}` },
  // Approvals (issue 6)
  { method: "GET", path: `/api/customer/conversations/${id}/approvals` },
  { method: "POST", path: `/api/customer/conversations/${id}/approvals/${newId("approval")}/code` },
  {
    method: "POST",
    path: `/api/customer/conversations/${id}/approvals/${newId("approval")}/confirm`,
    body: { code: "123456" },
  },
];

const call = (token: string, { method, path, body }: Call) => api(stack.url, path, { method, token, body });

/** What A's own people see of the conversation; nothing another tenant does may change it. */
async function snapshot() {
  const [agentView, customerView, links, history] = await Promise.all([
    api(stack.url, `/api/agent/conversations/${conversationId}`, { token: a.supervisor.token }),
    api(stack.url, `/api/customer/conversations/${conversationId}`, { token: victim.token }),
    api(stack.url, `/api/customer/conversations`, { token: victim.token }),
    api(stack.url, `/api/agent/customers/${victim.customerId}/conversations`, { token: a.supervisor.token }),
  ]);
  return {
    agentView: agentView.body,
    customerView: customerView.body,
    links: links.body,
    history: history.body,
  };
}

/** A refusal must be exactly what the same call gets for an id that never existed. */
async function expectSameAsUnknown(token: string, calls: Call[], unknown: Call[]) {
  const answers = await Promise.all(
    calls.map(async (attempt, i) => {
      const [real, never] = await Promise.all([call(token, attempt), call(token, unknown[i]!)]);
      return { what: `${attempt.method} ${attempt.path}`, real, never };
    }),
  );
  for (const { what, real, never } of answers) {
    expect([what, real.status, real.body]).toEqual([what, 404, never.body]);
    expect(real.body.error.code, what).toBe("conversation_not_found");
  }
}

const uploadPng = (customer: { token: string }) =>
  uploadFile(stack.url, customer.token, { name: "recibo.png", contentType: "image/png", bytes: PNG });

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant(stack), createTenant(stack, { agents: 1 })]);
  victim = await a.customer();
  attachmentId = await uploadPng(victim);
  const started = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: victim.token,
    body: {
      clientMessageId: clientId(),
      text: "mi tarjeta secreta, adjunto el recibo",
      attachments: [{ attachmentId, name: "recibo.png" }],
    },
  });
  conversationId = started.body.conversation.conversationId;
  await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
    method: "POST",
    token: a.agents[0]!.token,
  });
  const reply = await api(stack.url, `/api/agent/conversations/${conversationId}/messages`, {
    method: "POST",
    token: a.agents[0]!.token,
    body: { clientMessageId: clientId(), text: "recibido, lo revisamos" },
  });
  expect(reply.status).toBe(201);
});

describe("another tenant guessing ids", () => {
  it("gets not-found from every agent route, as an agent and as a supervisor, and changes nothing", async () => {
    const before = await snapshot();
    const unknown = agentCalls(newId("conversation"), 1, newId("attachment"));

    await Promise.all(
      [b.agents[0]!, b.supervisor].map((outsider) =>
        expectSameAsUnknown(outsider.token, agentCalls(conversationId, 1, attachmentId), unknown),
      ),
    );

    expect(await snapshot()).toEqual(before);
    expect(before.agentView.conversation).toMatchObject({ status: "assigned", messageSeq: 2 });
  });

  it("gets not-found from every customer route, and changes nothing", async () => {
    const outsider = await b.customer();
    const before = await snapshot();

    await expectSameAsUnknown(
      outsider.token,
      customerCalls(conversationId, 1, attachmentId),
      customerCalls(newId("conversation"), 1, newId("attachment")),
    );

    expect(await snapshot()).toEqual(before);
    expect(before.customerView.messages).toHaveLength(2);
  });

  it("sees nothing of another tenant's customer: the answer is that of a customer who never existed", async () => {
    const outsider = b.supervisor;
    const nobody = newId("customer");

    const [history, nobodysHistory] = await Promise.all([
      api(stack.url, `/api/agent/customers/${victim.customerId}/conversations`, { token: outsider.token }),
      api(stack.url, `/api/agent/customers/${nobody}/conversations`, { token: outsider.token }),
    ]);
    const [search, nobodysSearch] = await Promise.all([
      api(stack.url, `/api/agent/customers/${victim.customerId}/search?q=tarjeta`, { token: outsider.token }),
      api(stack.url, `/api/agent/customers/${nobody}/search?q=tarjeta`, { token: outsider.token }),
    ]);

    expect([history.status, history.body]).toEqual([nobodysHistory.status, nobodysHistory.body]);
    expect([search.status, search.body]).toEqual([nobodysSearch.status, nobodysSearch.body]);
    expect(JSON.stringify([history.body, search.body])).not.toContain(conversationId);
    // A's own supervisor finds the very same things, so the emptiness above is the tenant wall.
    const own = await api(stack.url, `/api/agent/customers/${victim.customerId}/search?q=tarjeta`, {
      token: a.supervisor.token,
    });
    expect(own.body.results.map((r: { conversationId: string }) => r.conversationId)).toEqual([
      conversationId,
    ]);
  });

  it("cannot attach another tenant's uploaded file by its id", async () => {
    const outsider = await b.customer();

    const claimed = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: outsider.token,
      body: { clientMessageId: clientId(), text: "mire", attachments: [{ attachmentId, name: "x.png" }] },
    });

    expect(claimed.status).toBe(400);
    const mine = await api(stack.url, "/api/customer/conversations", { token: outsider.token });
    expect(mine.body.conversations).toEqual([]);
    const stillThere = await stack.runtime.clients.s3.send(
      new HeadObjectCommand({
        Bucket: stack.config.bucketName,
        Key: `tenants/${a.tenantId}/uploads/${victim.customerId}/${attachmentId}`,
      }),
    );
    expect(stillThere.ContentLength).toBe(PNG.length);
  });
});

describe("inside one tenant", () => {
  it("does not let a customer see or write in another customer's conversation", async () => {
    const neighbour = await a.customer();
    const before = await snapshot();

    await expectSameAsUnknown(
      neighbour.token,
      customerCalls(conversationId, 1, attachmentId),
      customerCalls(newId("conversation"), 1, newId("attachment")),
    );
    const search = await api(stack.url, "/api/customer/search?q=tarjeta", { token: neighbour.token });

    expect(search.body.results).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it("treats search words as plain text, never as operators that widen the search", async () => {
    const operators = ["*", ".*", "%", "' OR '1'='1", '{"$ne":null}', "tarjeta OR recibido", "[a-z]"];

    const answers = await Promise.all(
      operators.flatMap((q) => [
        api(stack.url, `/api/customer/search?q=${encodeURIComponent(q)}`, { token: victim.token }),
        api(stack.url, `/api/agent/customers/${victim.customerId}/search?q=${encodeURIComponent(q)}`, {
          token: a.supervisor.token,
        }),
      ]),
    );
    const plain = await api(stack.url, "/api/customer/search?q=tarjeta", { token: victim.token });

    expect(answers.map((answer) => [answer.status, answer.body.results])).toEqual(
      answers.map(() => [200, []]),
    );
    expect(plain.body.results.map((r: { text: string }) => r.text)).toEqual([
      "mi tarjeta secreta, adjunto el recibo",
    ]);
  });

  it("does not let an agent take, release, close or write in a conversation another agent has", async () => {
    const [holder, other] = a.agents;
    const before = await snapshot();

    const attempts = await Promise.all(
      agentCalls(conversationId, 1, attachmentId)
        .filter(({ method, path }) => method === "POST" && !path.endsWith("/read"))
        .map(async (attempt) => [attempt.path.split("/").pop(), await call(other!.token, attempt)] as const),
    );

    expect(attempts.map(([what]) => what)).toEqual([
      "take",
      "release",
      "finalize",
      "messages",
      "approvals",
      "cancel",
    ]);
    for (const [what, refused] of attempts) {
      expect([what, refused.status]).toEqual([what, 409]);
      expect(refused.body.error, what).toMatchObject({
        code: "conversation_taken",
        details: { assigneeId: holder!.staffId, assigneeName: holder!.name },
      });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("WebSocket resume", () => {
  const resume = async (token: string) => {
    const socket = await openSocket(stack.url, token);
    try {
      socket.send({ action: "resume", conversations: [{ conversationId, afterSeq: 0 }] });
      const done = await socket.waitFor((frame) => frame.type === "resumed");
      return { done, replayed: socket.frames.filter((frame) => frame.type === "event") };
    } finally {
      await socket.close();
    }
  };

  it("replays the conversation to its own customer and nothing to anyone who may not see it", async () => {
    const [, otherAgent] = a.agents;
    const outsiders = {
      "another tenant's agent": b.agents[0]!.token,
      "another tenant's supervisor": b.supervisor.token,
      "another tenant's customer": (await b.customer()).token,
      "another customer of the same tenant": (await a.customer()).token,
      "an agent who does not have the conversation": otherAgent!.token,
    };

    const own = await resume(victim.token);
    const others = await Promise.all(
      Object.entries(outsiders).map(async ([who, token]) => {
        const { done, replayed } = await resume(token);
        return [who, done, replayed.length];
      }),
    );

    expect(own.replayed.map((frame) => frame.event?.data.message?.seq)).toEqual([1, 2]);
    expect(others).toEqual(
      Object.keys(outsiders).map((who) => [who, expect.objectContaining({ type: "resumed", count: 0 }), 0]),
    );
  });
});
