import { randomBytes } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { confirmApproval, sendApprovalCode, whatHashOf } from "../../../shared/approval/index.js";
import { registerChannelAccount } from "../../../shared/channels/channel-accounts.js";
import { api, clientId } from "../../support/api.js";
import { postWebhook, whatsAppText } from "../../support/channels.js";
import { mailedCode } from "../../support/mail.js";
import { settled, socketPool } from "../../support/socket.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
const { db } = stack.runtime.ports;
let tenant: TestTenant;
let other: TestTenant;
let whatsappAccount: string;
/** Sockets whose `$connect` has finished, closed after every test. */
const sockets = socketPool(stack.url);
afterEach(() => sockets.closeAll());

type Outgoing = { waId: string; request: { text?: { body: string } } };

const REFUND = {
  operation: "refund",
  description: "Devolución de la compra duplicada en la tienda NBA",
  amount: { value: 59.9, currency: "EUR" },
};

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTenant(stack), createTenant(stack)]);
  whatsappAccount = `1${randomBytes(6).readUIntBE(0, 6).toString().padStart(12, "0")}`;
  await Promise.all([
    registerChannelAccount(stack.runtime.ports, {
      channel: "email",
      accountId: `soporte@${tenant.tenantId}.test`,
      tenantId: tenant.tenantId,
      label: "Soporte",
    }),
    registerChannelAccount(stack.runtime.ports, {
      channel: "whatsapp",
      accountId: whatsappAccount,
      tenantId: tenant.tenantId,
      label: "+1 555 0100",
    }),
  ]);
});

/** A customer's open chat taken by the first agent, with the profile the agent recorded. */
async function caseWith(profile: { email?: string; phone?: string }, owner = tenant) {
  const customer = await owner.customer();
  const agent = owner.agents[0]!;
  const started = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text: "Me cobraron dos veces en la tienda NBA" },
  });
  const { conversationId } = started.body.conversation;
  await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
    method: "POST",
    token: agent.token,
  });
  if (profile.email || profile.phone) {
    const patched = await api(stack.url, `/api/agent/customers/${customer.customerId}`, {
      method: "PATCH",
      token: agent.token,
      body: profile,
    });
    expect(patched.status).toBe(200);
  }
  return { customer, agent, conversationId };
}

type Case = Awaited<ReturnType<typeof caseWith>>;

const someone = () => `cliente-${randomBytes(5).toString("hex")}@example.test`;

function request(c: Case, body: Record<string, unknown> = REFUND) {
  return api(stack.url, `/api/agent/conversations/${c.conversationId}/approvals`, {
    method: "POST",
    token: c.agent.token,
    body: { clientMessageId: clientId(), ...body },
  });
}

const approvalPath = (c: Case, approvalId: string, action: "code" | "confirm") =>
  `/api/customer/conversations/${c.conversationId}/approvals/${approvalId}/${action}`;

const askCode = (c: Case, approvalId: string) =>
  api(stack.url, approvalPath(c, approvalId, "code"), { method: "POST", token: c.customer.token });

const confirm = (c: Case, approvalId: string, code: string, token = c.customer.token) =>
  api(stack.url, approvalPath(c, approvalId, "confirm"), { method: "POST", token, body: { code } });

async function trail(conversationId: string, owner = tenant) {
  const { body } = await api(stack.url, `/api/agent/conversations/${conversationId}/audit`, {
    token: owner.agents[0]!.token,
  });
  return body.entries as {
    action: string;
    actor: { type: string; id: string };
    detail?: Record<string, unknown>;
  }[];
}

const actions = async (conversationId: string) => (await trail(conversationId)).map((entry) => entry.action);

async function messages(c: Case) {
  const { body } = await api(stack.url, `/api/customer/conversations/${c.conversationId}`, {
    token: c.customer.token,
  });
  return body.messages as { author: string; text: string; content?: Record<string, unknown> }[];
}

/** A code that is not `code`. */
const wrong = (code: string, n = 1) => ((Number(code) + n) % 1_000_000).toString().padStart(6, "0");

describe("an operation the customer approves with a one-time code", () => {
  it("asks with a card, mails the code, approves once with the right code, and the trail shows exactly what", async () => {
    const address = someone();
    const c = await caseWith({ email: address });
    const requested = await request(c);
    expect(requested.status).toBe(201);
    const { approval } = requested.body;
    expect(approval).toMatchObject({
      state: "pending",
      operation: "refund",
      amount: { value: 59.9, currency: "EUR" },
      channel: "email",
      attemptsLeft: 3,
    });
    expect(approval.maskedDestination).not.toContain(address.split("@")[0]);

    const card = (await messages(c)).find((m) => m.content?.kind === "approval_request");
    expect(card).toMatchObject({ author: "agent", content: { approvalId: approval.approvalId } });
    expect(card!.text).toMatch(/59,90\s€/);

    expect((await askCode(c, approval.approvalId)).status).toBe(200);
    const code = await mailedCode(stack.url, address);
    const confirmed = await confirm(c, approval.approvalId, code);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.approval).toMatchObject({ state: "approved", decidedBy: c.customer.customerId });

    const again = await confirm(c, approval.approvalId, code);
    expect(again.status).toBe(200);
    expect(again.body.approval).toMatchObject({
      state: "approved",
      decidedAt: confirmed.body.approval.decidedAt,
    });

    const lines = await trail(c.conversationId);
    expect(lines.map((line) => line.action)).toEqual([
      "approval.requested",
      "approval.code_sent",
      "approval.approved",
    ]);
    const approved = lines.find((line) => line.action === "approval.approved")!;
    expect(approved.actor).toMatchObject({ type: "customer", id: c.customer.customerId });
    expect(approved.detail).toMatchObject({
      approvalId: approval.approvalId,
      operation: "refund",
      description: REFUND.description,
      amount: REFUND.amount,
      whatHash: whatHashOf({ operation: "refund", description: REFUND.description, amount: REFUND.amount }),
    });

    const announcements = (await messages(c)).filter((m) => m.text.startsWith("Operación aprobada"));
    expect(announcements).toHaveLength(1);
    expect(announcements[0]).toMatchObject({ author: "system" });

    const listed = await api(stack.url, `/api/agent/conversations/${c.conversationId}/approvals`, {
      token: c.agent.token,
    });
    expect(listed.body.approvals).toEqual([expect.objectContaining({ state: "approved" })]);
  });

  it("stores the code only as a salted hash: nothing of the case holds its digits", async () => {
    const address = someone();
    const c = await caseWith({ email: address });
    const { approval } = (await request(c)).body;
    await askCode(c, approval.approvalId);
    const code = await mailedCode(stack.url, address);
    const key = { tenantId: tenant.tenantId, conversationId: c.conversationId };
    const stored = await Promise.all([
      db.approval.query.byCase(key).go(),
      db.caseAudit.query.byCase(key).go(),
      db.message.query.byConversation(key).go(),
      db.conversation.get(key).go(),
    ]);
    const dump = JSON.stringify(stored);
    expect(dump).toContain(approval.approvalId);
    expect(dump).not.toContain(code);
  });

  it("sends the code by WhatsApp to the registered phone when the customer has no e-mail", async () => {
    const waId = `34${randomBytes(4).readUInt32BE(0).toString().padStart(10, "0").slice(0, 9)}`;
    const c = await caseWith({ phone: `+${waId}` });
    const requested = await request(c);
    expect(requested.body.approval).toMatchObject({ channel: "whatsapp" });
    expect((await askCode(c, requested.body.approval.approvalId)).status).toBe(200);
    const { body } = await api(stack.url, `/sim/whatsapp/api/outbox?waId=${waId}`);
    const text = (body as Outgoing[]).at(-1)?.request.text?.body ?? "";
    const code = text.match(/\b(\d{6})\b/)?.[1];
    expect(code).toBeDefined();
    expect((await confirm(c, requested.body.approval.approvalId, code!)).body.approval.state).toBe(
      "approved",
    );
  });

  it("resends a code at most once every 30 seconds", async () => {
    const c = await caseWith({ email: someone() });
    const { approval } = (await request(c)).body;
    expect((await askCode(c, approval.approvalId)).status).toBe(200);
    const again = await askCode(c, approval.approvalId);
    expect(again.status).toBe(429);
    expect(again.body.error.code).toBe("rate_limited");
    expect((await actions(c.conversationId)).filter((a) => a === "approval.code_sent")).toHaveLength(1);
  });
});

describe("approvals at the same time and on other screens", () => {
  it("approves once when the customer confirms twice at the same moment", async () => {
    const address = someone();
    const c = await caseWith({ email: address });
    const { approval } = (await request(c)).body;
    await askCode(c, approval.approvalId);
    const code = await mailedCode(stack.url, address);
    const both = await Promise.all([
      confirm(c, approval.approvalId, code),
      confirm(c, approval.approvalId, code),
    ]);
    expect(both.map((answer) => answer.status)).toEqual([200, 200]);
    expect(both.map((answer) => answer.body.approval.state)).toEqual(["approved", "approved"]);
    expect((await actions(c.conversationId)).filter((a) => a === "approval.approved")).toHaveLength(1);
    expect((await messages(c)).filter((m) => m.text.startsWith("Operación aprobada"))).toHaveLength(1);
  });

  it("tells the case's agent and its customer live, and no other agent", async () => {
    const address = someone();
    const c = await caseWith({ email: address });
    const { approval } = (await request(c)).body;
    const [agentSocket, customerSocket, otherAgentSocket] = await Promise.all([
      sockets.connect(c.agent.token),
      sockets.connect(c.customer.token),
      sockets.connect(tenant.agents[1]!.token),
    ]);
    await askCode(c, approval.approvalId);
    await confirm(c, approval.approvalId, await mailedCode(stack.url, address));
    const decided = (frame: { event?: { name: string; data: Record<string, unknown> } }) =>
      frame.event?.name === "approval.decided" && frame.event.data.approvalId === approval.approvalId;
    for (const socket of [agentSocket, customerSocket]) {
      const frame = await socket.waitFor(decided);
      expect(frame.event!.data).toMatchObject({ state: "approved", conversationId: c.conversationId });
    }
    await settled(otherAgentSocket);
    expect(otherAgentSocket.frames.some(decided)).toBe(false);
  });

  it("sends the card of a WhatsApp conversation as text to the customer's phone", async () => {
    const waId = `52${randomBytes(4).readUInt32BE(0).toString().padStart(10, "0")}`;
    const posted = await postWebhook(
      stack,
      "whatsapp",
      whatsAppText(whatsappAccount, { waId, name: "Lucía" }, "Quiero contratar el seguro de viaje"),
    );
    expect(posted.status).toBe(200);
    const agent = tenant.agents[0]!;
    let conversationId: string | undefined;
    for (let attempt = 0; attempt < 50 && !conversationId; attempt++) {
      const queue = await api(stack.url, "/api/agent/inbox?view=queue", { token: agent.token });
      conversationId = queue.body.conversations.find(
        (row: { contactAddress?: string }) => row.contactAddress === waId,
      )?.conversationId;
      if (!conversationId) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: agent.token,
    });
    const requested = await api(stack.url, `/api/agent/conversations/${conversationId}/approvals`, {
      method: "POST",
      token: agent.token,
      body: {
        clientMessageId: clientId(),
        operation: "insurance",
        description: "Seguro de viaje a Japón, 12 días",
        amount: { value: 34.5, currency: "EUR" },
      },
    });
    expect(requested.status).toBe(201);
    expect(requested.body.approval).toMatchObject({ channel: "whatsapp" });
    let text = "";
    for (let attempt = 0; attempt < 50 && !text.includes("Solicitud de aprobación"); attempt++) {
      const { body } = await api(stack.url, `/sim/whatsapp/api/outbox?waId=${waId}`);
      text = (body as Outgoing[]).map((message) => message.request.text?.body ?? "").join("\n");
      if (!text.includes("Solicitud de aprobación")) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(text).toContain("Contratación de seguro: Seguro de viaje a Japón, 12 días");
    expect(text).toMatch(/34,50\s€/);
    // A WhatsApp customer has no button to ask for the code: it came with the request.
    expect(text).toContain("Responde a este mensaje con el código de 6 dígitos que te enviamos a +52 ••• ");
    expect(text).toMatch(/Tu código para aprobar «Seguro de viaje a Japón, 12 días» \(34,50\s€\) es \d{6}\./);
  });
});

describe("approvals refused", () => {
  it("counts wrong codes, locks at the third, and then refuses even the right code", async () => {
    const address = someone();
    const c = await caseWith({ email: address });
    const { approval } = (await request(c)).body;
    await askCode(c, approval.approvalId);
    const code = await mailedCode(stack.url, address);

    const first = await confirm(c, approval.approvalId, wrong(code, 1));
    expect(first.status).toBe(400);
    expect(first.body.error).toMatchObject({ code: "approval_code_wrong", details: { attemptsLeft: 2 } });
    const second = await confirm(c, approval.approvalId, wrong(code, 2));
    expect(second.body.error).toMatchObject({ code: "approval_code_wrong", details: { attemptsLeft: 1 } });
    const third = await confirm(c, approval.approvalId, wrong(code, 3));
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe("approval_locked");

    const right = await confirm(c, approval.approvalId, code);
    expect(right.status).toBe(409);
    expect(right.body.error.code).toBe("approval_locked");
    expect((await askCode(c, approval.approvalId)).body.error.code).toBe("approval_locked");

    // The third failure and the lock are written in one transaction, at the same instant.
    expect((await actions(c.conversationId)).sort()).toEqual([
      "approval.code_failed",
      "approval.code_failed",
      "approval.code_failed",
      "approval.code_sent",
      "approval.locked",
      "approval.requested",
    ]);
    expect((await messages(c)).some((m) => m.text.startsWith("Operación aprobada"))).toBe(false);
  });

  it("refuses an expired approval, and writes its expiry down once", async () => {
    const address = someone();
    const c = await caseWith({ email: address });
    const { approval } = (await request(c, { ...REFUND, validForMinutes: 10 })).body;
    await askCode(c, approval.approvalId);
    const code = await mailedCode(stack.url, address);
    const later = { ...stack.runtime.ports, clock: { now: () => new Date(Date.now() + 11 * 60_000) } };
    const customer = {
      kind: "customer" as const,
      tenantId: tenant.tenantId,
      customerId: c.customer.customerId,
    };

    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(
        confirmApproval(later, customer, c.conversationId, approval.approvalId, { code }),
      ).rejects.toMatchObject({ code: "approval_expired", status: 409 });
    }
    await expect(
      sendApprovalCode(later, customer, c.conversationId, approval.approvalId),
    ).rejects.toMatchObject({ code: "approval_expired" });
    const refused = await confirm(c, approval.approvalId, code);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("approval_expired");

    expect((await actions(c.conversationId)).filter((a) => a === "approval.expired")).toHaveLength(1);
    expect(await actions(c.conversationId)).not.toContain("approval.approved");
  });

  it("is 404 for another customer, and for another tenant's staff", async () => {
    const address = someone();
    const c = await caseWith({ email: address });
    const { approval } = (await request(c)).body;
    const stranger = await tenant.customer();
    const path = `/api/customer/conversations/${c.conversationId}/approvals`;

    const listed = await api(stack.url, path, { token: stranger.token });
    expect(listed.status).toBe(404);
    const asked = await api(stack.url, `${path}/${approval.approvalId}/code`, {
      method: "POST",
      token: stranger.token,
    });
    expect(asked.status).toBe(404);
    const confirmed = await confirm(c, approval.approvalId, "123456", stranger.token);
    expect(confirmed.status).toBe(404);

    const foreignStaff = other.agents[0]!.token;
    const agentPath = `/api/agent/conversations/${c.conversationId}/approvals`;
    expect((await api(stack.url, agentPath, { token: foreignStaff })).status).toBe(404);
    const cancelled = await api(stack.url, `${agentPath}/${approval.approvalId}/cancel`, {
      method: "POST",
      token: foreignStaff,
    });
    expect(cancelled.status).toBe(404);

    // An approval id of another case, asked through one's own case, is not found either.
    const mine = await caseWith({ email: someone() });
    const crossed = await api(stack.url, approvalPath(mine, approval.approvalId, "code"), {
      method: "POST",
      token: mine.customer.token,
    });
    expect(crossed.status).toBe(404);
    expect(crossed.body.error.code).toBe("approval_not_found");

    expect(await actions(c.conversationId)).toEqual(["approval.requested"]);
  });

  it("does not let an agent confirm for the customer", async () => {
    const address = someone();
    const c = await caseWith({ email: address });
    const { approval } = (await request(c)).body;
    await askCode(c, approval.approvalId);
    const code = await mailedCode(stack.url, address);
    const byAgent = await confirm(c, approval.approvalId, code, c.agent.token);
    expect(byAgent.status).toBe(401);
    const listed = await api(stack.url, `/api/agent/conversations/${c.conversationId}/approvals`, {
      token: c.agent.token,
    });
    expect(listed.body.approvals[0].state).toBe("pending");
  });

  it("cannot be asked of a customer with no registered e-mail or phone, and stores nothing", async () => {
    const c = await caseWith({});
    const before = await messages(c);
    const refused = await request(c);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("no_verified_contact");
    expect(await messages(c)).toHaveLength(before.length);
    expect(await actions(c.conversationId)).toEqual([]);
  });

  it("refuses an amount in a currency that does not exist", async () => {
    const c = await caseWith({ email: someone() });
    const refused = await request(c, { ...REFUND, amount: { value: 59.9, currency: "EUX" } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("invalid_request");
    expect(await actions(c.conversationId)).toEqual([]);
  });

  it("refuses the code once the agent cancelled the approval", async () => {
    const address = someone();
    const c = await caseWith({ email: address });
    const { approval } = (await request(c)).body;
    await askCode(c, approval.approvalId);
    const code = await mailedCode(stack.url, address);
    const cancelled = await api(
      stack.url,
      `/api/agent/conversations/${c.conversationId}/approvals/${approval.approvalId}/cancel`,
      { method: "POST", token: c.agent.token },
    );
    expect(cancelled.body.approval.state).toBe("cancelled");
    const refused = await confirm(c, approval.approvalId, code);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("approval_cancelled");
    expect(await actions(c.conversationId)).toEqual([
      "approval.requested",
      "approval.code_sent",
      "approval.cancelled",
    ]);
  });
});
