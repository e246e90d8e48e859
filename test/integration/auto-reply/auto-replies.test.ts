import { beforeAll, describe, expect, it } from "vitest";
import type { DomainEvent } from "../../../events/catalog.js";
import { ensureStaffUser } from "../../../infra/local/cognito.js";
import { DEMO_AUTO_REPLIES } from "../../../infra/local/demo-auto-replies.js";
import { waitFor } from "../../../infra/local/free-port.js";
import { saveAutoReplySettings } from "../../../shared/auto-reply/auto-reply-settings.js";
import { replyAutomatically } from "../../../shared/auto-reply/reply-automatically.js";
import type { AutoReplySettings } from "../../../shared/auto-reply/settings.js";
import { postCustomerMessage, startConversation } from "../../../shared/conversation/index.js";
import type { StaffIdentity } from "../../../shared/identity/index.js";
import type { Ports } from "../../../shared/ports.js";
import { api, clientId } from "../../support/api.js";
import { createTenant, PASSWORD, type TestTenant, useStack } from "../../support/stack.js";

/** Events the domain calls of this file publish: kept here, so the test hands them to the consumer itself. */
const published: DomainEvent[] = [];
const stack = useStack({ publish: async (events) => void published.push(...events) });
const { db } = stack.runtime.ports;

const ALL_DAY = [{ from: "00:00", to: "24:00" }];
const ALWAYS_OPEN: AutoReplySettings = {
  ...DEMO_AUTO_REPLIES,
  hours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
  holidays: [],
  acknowledgement: { ...DEMO_AUTO_REPLIES.acknowledgement, responseMinutes: 5, minutesPerQueuedCase: 7 },
};

/** The tenant's admin, signed in: test tenants come without one. */
async function signInAdmin(tenantId: string) {
  const email = `admin@${tenantId}.test`;
  const staffId = await ensureStaffUser(stack.runtime.clients.cognito, stack.config.userPoolId, {
    email,
    name: "Admin",
    role: "admin",
    tenantId,
    password: PASSWORD,
  });
  await db.staff.put({ tenantId, staffId, email, name: "Admin", role: "admin" }).go();
  const { body } = await api(stack.url, "/api/auth/login", {
    method: "POST",
    body: { email, password: PASSWORD },
  });
  const identity: StaffIdentity = { kind: "staff", tenantId, staffId, email, name: "Admin", role: "admin" };
  return { token: body.idToken as string, identity };
}

const put = (token: string, body: unknown) =>
  api(stack.url, "/api/admin/auto-replies", { method: "PUT", token, body });

async function systemMessages(tenantId: string, conversationId: string) {
  const { data } = await db.message.query.byConversation({ tenantId, conversationId }).go();
  return data.filter((m) => m.author === "system").map((m) => m.text);
}

describe("the admin's automatic replies settings", () => {
  let tenant: TestTenant;
  let admin: string;
  beforeAll(async () => {
    tenant = await createTenant(stack);
    admin = (await signInAdmin(tenant.tenantId)).token;
  });

  it("start off at revision 0, save over the revision loaded, and refuse a stale save", async () => {
    const initial = await api(stack.url, "/api/admin/auto-replies", { token: admin });
    expect([initial.status, initial.body.revision, initial.body.settings.acknowledgement.enabled]).toEqual([
      200,
      0,
      false,
    ]);
    const saved = await put(admin, { settings: DEMO_AUTO_REPLIES, revision: 0 });
    expect([saved.status, saved.body.revision]).toEqual([200, 1]);
    const stale = await put(admin, { settings: ALWAYS_OPEN, revision: 0 });
    expect([stale.status, stale.body.error.code]).toEqual([409, "stale_settings"]);
    const read = await api(stack.url, "/api/admin/auto-replies", { token: admin });
    expect(read.body).toMatchObject({ revision: 1, settings: { timezone: "America/Mexico_City" } });
    expect(read.body.settings.keywordRules[0].keywords).toContain("cajero");
  });

  const refusals: [string, AutoReplySettings][] = [
    ["an unknown time zone", { ...DEMO_AUTO_REPLIES, timezone: "America/Atlantida" }],
    [
      "overlapping ranges in a day",
      {
        ...DEMO_AUTO_REPLIES,
        hours: {
          ...DEMO_AUTO_REPLIES.hours,
          mon: [
            { from: "08:00", to: "14:00" },
            { from: "13:30", to: "20:00" },
          ],
        },
      },
    ],
    [
      "an empty keyword",
      { ...DEMO_AUTO_REPLIES, keywordRules: [{ keywords: ["cajero", "  "], reply: "Hola" }] },
    ],
  ];
  for (const [what, settings] of refusals) {
    it(`refuse ${what} with 400, changing nothing`, async () => {
      const { body: before } = await api(stack.url, "/api/admin/auto-replies", { token: admin });
      const refused = await put(admin, { settings, revision: before.revision });
      expect([refused.status, refused.body.error.code]).toEqual([400, "invalid_request"]);
      const { body: after } = await api(stack.url, "/api/admin/auto-replies", { token: admin });
      expect(after).toEqual(before);
    });
  }

  it("are for admins only", async () => {
    for (const staff of [tenant.agents[0]!, tenant.supervisor]) {
      expect((await api(stack.url, "/api/admin/auto-replies", { token: staff.token })).status).toBe(403);
      expect((await put(staff.token, { settings: ALWAYS_OPEN, revision: 1 })).status).toBe(403);
    }
    const customer = await tenant.customer();
    expect((await api(stack.url, "/api/admin/auto-replies", { token: customer.token })).status).toBe(401);
  });
});

describe("automatic replies on the bus", () => {
  it("acknowledge a web chat's first message once, with the time the queue ahead would take", async () => {
    const tenant = await createTenant(stack);
    const { identity } = await signInAdmin(tenant.tenantId);
    await saveAutoReplySettings(stack.runtime.ports, identity, { settings: ALWAYS_OPEN, revision: 0 });
    const start = async (text: string) => {
      const customer = await tenant.customer();
      const { body } = await api(stack.url, "/api/customer/conversations", {
        method: "POST",
        token: customer.token,
        body: { clientMessageId: clientId(), text },
      });
      const conversationId = body.conversation.conversationId as string;
      await waitFor(
        "the acknowledgement",
        async () => (await systemMessages(tenant.tenantId, conversationId)).length > 0,
      );
      return { customer, conversationId, replies: await systemMessages(tenant.tenantId, conversationId) };
    };
    // At least the 5 minutes configured; more once the cases waiting ahead, at 7 minutes each, take longer.
    expect((await start("Primero")).replies).toEqual([expect.stringContaining("unos 5 minutos")]);
    expect((await start("Segundo")).replies).toEqual([expect.stringContaining("unos 7 minutos")]);
    const { customer, conversationId, replies } = await start("Hola, tengo una duda");
    expect(replies).toEqual([
      "Recibimos tu mensaje. Te responderemos en unos 14 minutos; puedes cerrar el chat, te avisaremos aquí.",
    ]);

    await api(stack.url, `/api/customer/conversations/${conversationId}/messages`, {
      method: "POST",
      token: customer.token,
      body: { clientMessageId: clientId(), text: "¿Hay un CAJÉRO en el aeropuerto?" },
    });
    await waitFor(
      "the keyword reply",
      async () => (await systemMessages(tenant.tenantId, conversationId)).length > 1,
    );
    expect((await systemMessages(tenant.tenantId, conversationId))[1]).toBe(
      DEMO_AUTO_REPLIES.keywordRules[0]!.reply,
    );
  });
});

describe("automatic replies, judged at the time the customer wrote", () => {
  let tenant: TestTenant;
  beforeAll(async () => {
    tenant = await createTenant(stack);
    const { identity } = await signInAdmin(tenant.tenantId);
    await saveAutoReplySettings(stack.runtime.ports, identity, { settings: DEMO_AUTO_REPLIES, revision: 0 });
  });

  /** The ports with the clock at `at`, for a customer writing then. */
  const at = (iso: string): Ports => ({ ...stack.runtime.ports, clock: { now: () => new Date(iso) } });

  function receivedEvent(conversationId: string, seq: number) {
    const event = published.find(
      (e): e is DomainEvent<"message.received"> =>
        e.name === "message.received" &&
        e.data.conversationId === conversationId &&
        e.data.message.seq === seq,
    );
    if (!event) throw new Error(`no message.received for ${conversationId}#${seq}`);
    return event;
  }

  async function write(when: string, text: string, conversationId?: string) {
    const ports = at(when);
    const customer = {
      kind: "customer" as const,
      tenantId: tenant.tenantId,
      customerId: (await tenant.customer()).customerId,
    };
    const input = { clientMessageId: clientId(), text };
    const { message } = conversationId
      ? await postCustomerMessage(
          ports,
          { ...customer, customerId: await ownerOf(conversationId) },
          conversationId,
          input,
        )
      : await startConversation(ports, customer, input);
    const event = receivedEvent(message.conversationId, message.seq);
    await replyAutomatically(ports, event);
    return { conversationId: message.conversationId, event };
  }

  async function ownerOf(conversationId: string) {
    const { data } = await db.conversation.get({ tenantId: tenant.tenantId, conversationId }).go();
    return data!.customerId;
  }

  it("tell a customer writing at night when the team is back, once per closed period", async () => {
    // Monday 23 Nov 2026, 22:00 in Mexico City.
    const { conversationId } = await write("2026-11-24T04:00:00Z", "Hola");
    const [closed] = await systemMessages(tenant.tenantId, conversationId);
    expect(closed).toMatch(
      /^Ahora estamos fuera de horario\. Te responderemos martes, 24 de noviembre, 08:00/,
    );
    await write("2026-11-24T04:20:00Z", "¿Sigue cerrado?", conversationId);
    expect(await systemMessages(tenant.tenantId, conversationId)).toHaveLength(1);
    // The next night is another closed period.
    await write("2026-11-25T05:00:00Z", "¿Hola?", conversationId);
    const replies = await systemMessages(tenant.tenantId, conversationId);
    expect(replies).toHaveLength(2);
    expect(replies[1]).toContain("miércoles, 25 de noviembre, 08:00");
  });

  it("tell a customer writing on a holiday that the team is back the next working day", async () => {
    // Independence Day, Wednesday 16 Sep 2026, 11:00 in Mexico City.
    const { conversationId } = await write("2026-09-16T17:00:00Z", "Buenos días");
    expect(await systemMessages(tenant.tenantId, conversationId)).toEqual([
      expect.stringContaining("jueves, 17 de septiembre, 08:00"),
    ]);
  });

  it("acknowledge in hours and answer a keyword once per case, however often the event comes", async () => {
    // Tuesday 24 Nov 2026, 10:00 in Mexico City.
    const first = await write("2026-11-24T16:00:00Z", "Necesito un cajero sin comisión");
    const { conversationId } = first;
    const expected = [
      expect.stringMatching(/^Recibimos tu mensaje\. Te responderemos en unos \d+ minutos/),
      DEMO_AUTO_REPLIES.keywordRules[0]!.reply,
    ];
    expect(await systemMessages(tenant.tenantId, conversationId)).toEqual(expected);

    await replyAutomatically(at("2026-11-24T16:00:00Z"), first.event);
    await replyAutomatically(at("2026-11-24T18:00:00Z"), first.event);
    await write("2026-11-24T16:05:00Z", "Otro cajero, por favor", conversationId);
    expect(await systemMessages(tenant.tenantId, conversationId)).toEqual(expected);
  });

  it("say nothing while the chatbot attends the chat", async () => {
    const customer = {
      kind: "customer" as const,
      tenantId: tenant.tenantId,
      customerId: (await tenant.customer()).customerId,
    };
    const ports = at("2026-11-24T04:00:00Z");
    const { message } = await startConversation(ports, customer, {
      clientMessageId: clientId(),
      text: "cajero",
    });
    await db.conversation
      .patch({ tenantId: tenant.tenantId, conversationId: message.conversationId })
      .set({ status: "bot", inboxKey: "bot" })
      .go();
    await replyAutomatically(ports, receivedEvent(message.conversationId, message.seq));
    expect(await systemMessages(tenant.tenantId, message.conversationId)).toEqual([]);
  });
});
