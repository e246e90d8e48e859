import { randomInt } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureStaffUser } from "../../../infra/local/cognito.js";
import { seedDemoCatalog } from "../../../infra/local/demo-catalog.js";
import { waitFor } from "../../../infra/local/free-port.js";
import { registerChannelAccount } from "../../../shared/channels/channel-accounts.js";
import { api, clientId } from "../../support/api.js";
import { registerWhatsApp } from "../../support/channels.js";
import { PNG } from "../../support/files.js";
import { createTenant, PASSWORD, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
const { db } = stack.runtime.ports;

let tenant: TestTenant;
let other: TestTenant;
let admin: string;
let otherAdmin: string;
let phoneNumberId: string;

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
  return body.idToken as string;
}

/** The admin's upload of a card's image: a presigned PUT, then the bytes. */
async function uploadImage(token: string, bytes: Uint8Array<ArrayBuffer> = PNG, contentType = "image/png") {
  const { status, body } = await api(stack.url, "/api/admin/catalog/uploads", {
    method: "POST",
    token,
    body: { name: "cajeros.png", contentType, size: bytes.length },
  });
  expect(status).toBe(201);
  const put = await fetch(body.url, { method: "PUT", headers: body.headers, body: bytes });
  expect(put.status).toBe(200);
  return body.attachmentId as string;
}

const ATM_CARD = {
  topic: "Viajes",
  title: "Cajeros sin comisión en el aeropuerto",
  body: "En la terminal 4 puede sacar sin comisión en los cajeros marcados en el mapa.",
  buttons: [{ title: "Lo encontré" }, { title: "No lo encuentro" }],
  links: [{ title: "Mapa completo", url: "https://banco.example/cajeros" }],
  tags: ["atm", "aeropuerto"],
};

async function createCard(token: string, fields: Record<string, unknown>) {
  return api(stack.url, "/api/admin/catalog", {
    method: "POST",
    token,
    body: { clientRequestId: clientId(), ...fields },
  });
}

async function atmCard() {
  const attachmentId = await uploadImage(admin);
  const { status, body } = await createCard(admin, {
    ...ATM_CARD,
    image: { attachmentId, name: "cajeros-t4.png" },
  });
  expect(status).toBe(201);
  return body.card;
}

/** A web chat the first agent took. */
async function webCase() {
  const customer = await tenant.customer();
  const started = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text: "¿Dónde saco dinero sin comisión en el aeropuerto?" },
  });
  const { conversationId } = started.body.conversation;
  const agent = tenant.agents[0]!;
  await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
    method: "POST",
    token: agent.token,
  });
  return { customer, agent, conversationId };
}

const insert = (token: string, conversationId: string, cardId: string) =>
  api(stack.url, `/api/agent/conversations/${conversationId}/cards`, {
    method: "POST",
    token,
    body: { cardId, clientMessageId: clientId() },
  });

const answer = (token: string, conversationId: string, seq: number, body: Record<string, unknown>) =>
  api(stack.url, `/api/customer/conversations/${conversationId}/messages/${seq}/answer`, {
    method: "POST",
    token,
    body: { clientMessageId: clientId(), ...body },
  });

beforeAll(async () => {
  [tenant, other] = await Promise.all([
    createTenant(stack, { agents: 1 }),
    createTenant(stack, { agents: 1 }),
  ]);
  [admin, otherAdmin] = await Promise.all([signInAdmin(tenant.tenantId), signInAdmin(other.tenantId)]);
  phoneNumberId = await registerWhatsApp(stack, tenant.tenantId);
});

describe("the admin's catalog", () => {
  it("creates, lists, updates and archives a card; a retried create stores one", async () => {
    const clientRequestId = clientId();
    const fields = { topic: "Seguros", title: "Seguro de viaje", buttons: [{ title: "Contratar" }] };
    const created = await api(stack.url, "/api/admin/catalog", {
      method: "POST",
      token: admin,
      body: { clientRequestId, ...fields },
    });
    expect(created.status).toBe(201);
    expect(created.body.card).toMatchObject({
      state: "active",
      revision: 1,
      title: "Seguro de viaje",
      buttons: [{ id: "b1", title: "Contratar" }],
      language: "es",
    });
    const retried = await api(stack.url, "/api/admin/catalog", {
      method: "POST",
      token: admin,
      body: { clientRequestId, ...fields },
    });
    expect([retried.status, retried.body.card.cardId]).toEqual([200, created.body.card.cardId]);

    const { cardId } = created.body.card;
    const updated = await api(stack.url, `/api/admin/catalog/${cardId}`, {
      method: "PUT",
      token: admin,
      body: { ...fields, body: "Cubre gastos médicos en el extranjero.", revision: 1 },
    });
    expect([updated.status, updated.body.card.revision, updated.body.card.body]).toEqual([
      200,
      2,
      "Cubre gastos médicos en el extranjero.",
    ]);

    const archived = await api(stack.url, `/api/admin/catalog/${cardId}`, { method: "DELETE", token: admin });
    expect([archived.status, archived.body.card.state]).toEqual([200, "archived"]);
    const list = await api(stack.url, "/api/admin/catalog", { token: admin });
    expect(list.body.cards.filter((card: { cardId: string }) => card.cardId === cardId)).toEqual([
      expect.objectContaining({ state: "archived", revision: 3 }),
    ]);
    const search = await api(stack.url, "/api/agent/catalog?q=seguro", { token: tenant.agents[0]!.token });
    expect(search.body.cards.map((card: { cardId: string }) => card.cardId)).not.toContain(cardId);
  });

  it("refuses a save over a revision someone else saved since with 409 stale_card, changing nothing", async () => {
    const { body } = await createCard(admin, { topic: "Tarjetas", title: "Bloqueo de tarjeta" });
    const { cardId } = body.card;
    const first = await api(stack.url, `/api/admin/catalog/${cardId}`, {
      method: "PUT",
      token: admin,
      body: { topic: "Tarjetas", title: "Bloquear la tarjeta", revision: 1 },
    });
    expect(first.status).toBe(200);
    const stale = await api(stack.url, `/api/admin/catalog/${cardId}`, {
      method: "PUT",
      token: admin,
      body: { topic: "Tarjetas", title: "Otra cosa", revision: 1 },
    });
    expect([stale.status, stale.body.error.code, stale.body.error.details]).toEqual([
      409,
      "stale_card",
      { currentRevision: 2 },
    ]);
    const { data } = await db.catalogCard.get({ tenantId: tenant.tenantId, cardId }).go();
    expect([data?.title, data?.revision]).toEqual(["Bloquear la tarjeta", 2]);
  });

  it("is the admins' only: an agent gets 403 and no card is stored", async () => {
    const agent = tenant.agents[0]!;
    const title = `Intento ${clientId()}`;
    const created = await createCard(agent.token, { topic: "Viajes", title });
    expect([created.status, created.body.error.code]).toEqual([403, "role_forbidden"]);
    const listed = await api(stack.url, "/api/admin/catalog", { token: tenant.supervisor.token });
    expect(listed.status).toBe(403);
    const { body } = await api(stack.url, "/api/admin/catalog", { token: admin });
    expect(body.cards.map((card: { title: string }) => card.title)).not.toContain(title);
  });

  it("refuses bad cards: an http link, a fourth button, a long button title, a select without options", async () => {
    const bad = [
      { links: [{ title: "Mapa", url: "http://banco.example/mapa" }] },
      { buttons: [{ title: "a" }, { title: "b" }, { title: "c" }, { title: "d" }] },
      { buttons: [{ title: "Un botón con un título demasiado largo" }] },
      { form: [{ name: "destino", label: "Destino", type: "select" }] },
    ];
    for (const fields of bad) {
      const { status, body } = await createCard(admin, { topic: "Viajes", title: "Mala", ...fields });
      expect([status, body.error.code]).toEqual([400, "invalid_request"]);
    }
  });

  it("refuses an image whose bytes are not a PNG, and deletes the upload", async () => {
    const fake = new Uint8Array(Buffer.from("<html>no soy un png</html>"));
    const attachmentId = await uploadImage(admin, fake);
    const { status, body } = await createCard(admin, {
      topic: "Viajes",
      title: "Imagen falsa",
      image: { attachmentId, name: "mapa.png" },
    });
    expect([status, body.error.code]).toEqual([415, "unsupported_media_type"]);
    const pdf = await api(stack.url, "/api/admin/catalog/uploads", {
      method: "POST",
      token: admin,
      body: { name: "mapa.pdf", contentType: "application/pdf", size: 100 },
    });
    expect(pdf.status).toBe(415);
  });
});

describe("an agent with the catalog", () => {
  it("finds cards ignoring accents and case, and by topic", async () => {
    const card = await atmCard();
    const agent = tenant.agents[0]!;
    const ids = async (query: string) =>
      (await api(stack.url, `/api/agent/catalog?${query}`, { token: agent.token })).body.cards.map(
        (found: { cardId: string }) => found.cardId,
      );
    expect(await ids("q=CAJEROS%20comision")).toContain(card.cardId);
    expect(await ids("q=aeropuerto&topic=viajes")).toContain(card.cardId);
    expect(await ids("q=cajeros&topic=Seguros")).not.toContain(card.cardId);
    expect(await ids("q=hipoteca")).not.toContain(card.cardId);
  });

  it("cannot send another tenant's card: 404, nothing posted", async () => {
    const { body } = await createCard(otherAdmin, { topic: "Viajes", title: "Del otro banco" });
    const { agent, conversationId } = await webCase();
    const sent = await insert(agent.token, conversationId, body.card.cardId);
    expect([sent.status, sent.body.error.code]).toEqual([404, "card_not_found"]);
    const mine = await createCard(admin, { topic: "Viajes", title: "Retirada" });
    await api(stack.url, `/api/admin/catalog/${mine.body.card.cardId}`, { method: "DELETE", token: admin });
    const archived = await insert(agent.token, conversationId, mine.body.card.cardId);
    expect([archived.status, archived.body.error.code]).toEqual([404, "card_not_found"]);
    const page = await api(stack.url, `/api/agent/conversations/${conversationId}`, { token: agent.token });
    expect(page.body.messages).toHaveLength(1);
  });

  it("sends a card into a web case: the customer reads it whole and opens its image", async () => {
    const card = await atmCard();
    const { customer, agent, conversationId } = await webCase();
    const sent = await insert(agent.token, conversationId, card.cardId);
    expect(sent.status).toBe(201);
    const { seq } = sent.body.message;

    const page = await api(stack.url, `/api/customer/conversations/${conversationId}`, {
      token: customer.token,
    });
    const message = page.body.messages.find((m: { seq: number }) => m.seq === seq);
    expect(message.content).toEqual({
      kind: "card",
      cardId: card.cardId,
      title: ATM_CARD.title,
      body: ATM_CARD.body,
      image: { attachmentId: card.image.attachmentId, name: "cajeros-t4.png", contentType: "image/png" },
      buttons: [
        { id: "b1", title: "Lo encontré" },
        { id: "b2", title: "No lo encuentro" },
      ],
      links: ATM_CARD.links,
    });
    expect(message.text).toContain("Mapa completo: https://banco.example/cajeros");
    const link = await api(
      stack.url,
      `/api/customer/conversations/${conversationId}/messages/${seq}/attachments/${card.image.attachmentId}`,
      { token: customer.token },
    );
    expect(link.status).toBe(200);
    const image = await fetch(link.body.url);
    expect(Buffer.from(await image.arrayBuffer())).toEqual(Buffer.from(PNG));
  });

  it("records a button press as the customer's choice, in reply to the card", async () => {
    const card = await atmCard();
    const { customer, agent, conversationId } = await webCase();
    const { seq } = (await insert(agent.token, conversationId, card.cardId)).body.message;
    const pressed = await answer(customer.token, conversationId, seq, { choice: "b1" });
    expect(pressed.status).toBe(201);
    expect(pressed.body.message).toMatchObject({
      author: "customer",
      text: "Lo encontré",
      content: { kind: "choice", choice: { id: "b1", title: "Lo encontré" } },
      replyToSeq: seq,
    });
    const page = await api(stack.url, `/api/agent/conversations/${conversationId}`, { token: agent.token });
    expect(page.body.messages.at(-1).content).toEqual({
      kind: "choice",
      choice: { id: "b1", title: "Lo encontré" },
    });
  });

  it("refuses a button that is not on the card with 400 invalid_choice, storing nothing", async () => {
    const card = await atmCard();
    const { customer, agent, conversationId } = await webCase();
    const { seq } = (await insert(agent.token, conversationId, card.cardId)).body.message;
    const refused = await answer(customer.token, conversationId, seq, { choice: "b9" });
    expect([refused.status, refused.body.error.code]).toEqual([400, "invalid_choice"]);
    const notACard = await answer(customer.token, conversationId, 1, { choice: "b1" });
    expect(notACard.status).toBe(404);
    const page = await api(stack.url, `/api/customer/conversations/${conversationId}`, {
      token: customer.token,
    });
    expect(page.body.messages.at(-1).seq).toBe(seq);
  });

  it("takes a form's answers checked against its fields, and refuses ones that do not fit", async () => {
    const { body } = await createCard(admin, {
      topic: "Seguros",
      title: "Cotizar seguro de viaje",
      form: [
        { name: "destino", label: "Destino", type: "text" },
        { name: "salida", label: "Fecha de salida", type: "date" },
        { name: "viajeros", label: "Viajeros", type: "number" },
        { name: "zona", label: "Zona", type: "select", options: ["Europa", "América"] },
      ],
    });
    const { customer, agent, conversationId } = await webCase();
    const { seq } = (await insert(agent.token, conversationId, body.card.cardId)).body.message;
    const wrong = await answer(customer.token, conversationId, seq, {
      fields: [
        { name: "destino", value: "Lisboa" },
        { name: "salida", value: "mañana" },
        { name: "viajeros", value: "dos" },
        { name: "zona", value: "Asia" },
      ],
    });
    expect([wrong.status, wrong.body.error.code, wrong.body.error.details.problems]).toEqual([
      400,
      "invalid_form",
      { salida: "not_a_date", viajeros: "not_a_number", zona: "not_an_option" },
    ]);
    const sent = await answer(customer.token, conversationId, seq, {
      fields: [
        { name: "destino", value: "Lisboa" },
        { name: "salida", value: "2026-12-20" },
        { name: "viajeros", value: "2" },
        { name: "zona", value: "Europa" },
      ],
    });
    expect(sent.status).toBe(201);
    expect(sent.body.message.content).toEqual({
      kind: "form",
      fields: [
        { name: "destino", value: "Lisboa" },
        { name: "salida", value: "2026-12-20" },
        { name: "viajeros", value: "2" },
        { name: "zona", value: "Europa" },
      ],
    });
    expect(sent.body.message.text).toBe(
      "Destino: Lisboa\nFecha de salida: 2026-12-20\nViajeros: 2\nZona: Europa",
    );
  });
});

describe("the demo catalog", () => {
  it("seeds once the ATM card with a real PNG map, the travel insurance's buttons and a form", async () => {
    const demo = await createTenant(stack, { agents: 1 });
    const seeder = {
      kind: "staff",
      tenantId: demo.tenantId,
      staffId: "seed",
      email: "",
      name: "Alex Admin",
      role: "admin",
    } as const;
    await seedDemoCatalog(stack.runtime.ports, seeder);
    await seedDemoCatalog(stack.runtime.ports, seeder);
    const agent = demo.agents[0]!;
    const { body } = await api(stack.url, "/api/agent/catalog?q=cajeros", { token: agent.token });
    expect(body.cards.map((card: { title: string }) => card.title)).toEqual([
      "Cajeros sin comisión en el aeropuerto",
    ]);
    const all = await api(stack.url, "/api/agent/catalog", { token: agent.token });
    expect(all.body.cards.map((card: { title: string }) => card.title).sort()).toEqual([
      "Cajeros sin comisión en el aeropuerto",
      "Cotice su seguro de viaje",
      "Seguro de viaje",
    ]);
    expect(
      all.body.cards.find((card: { title: string }) => card.title === "Seguro de viaje").buttons,
    ).toEqual([
      { id: "b1", title: "Contratar" },
      { id: "b2", title: "Más información" },
    ]);

    const customer = await demo.customer();
    const started = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: customer.token,
      body: { clientMessageId: clientId(), text: "Cajeros en el aeropuerto" },
    });
    const { conversationId } = started.body.conversation;
    await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: agent.token,
    });
    const [atm] = body.cards;
    const sent = await insert(agent.token, conversationId, atm.cardId);
    const link = await api(
      stack.url,
      `/api/customer/conversations/${conversationId}/messages/${sent.body.message.seq}/attachments/${atm.image.attachmentId}`,
      { token: customer.token },
    );
    const bytes = Buffer.from(await (await fetch(link.body.url)).arrayBuffer());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeLessThan(50_000);
  });
});

describe("a card by e-mail", () => {
  it("goes as a reply with the card's words and links, and its image attached", async () => {
    const support = `soporte@${tenant.tenantId}.test`;
    await registerChannelAccount(stack.runtime.ports, {
      channel: "email",
      accountId: support,
      tenantId: tenant.tenantId,
      label: support,
    });
    const address = `viajero-${randomInt(10 ** 6)}@example.com`;
    await api(stack.url, "/sim/mail/api/send", {
      method: "POST",
      body: {
        to: [support],
        from: address,
        subject: "Cajeros",
        text: "¿Dónde saco dinero en el aeropuerto?",
      },
    });
    const agent = tenant.agents[0]!;
    let conversationId = "";
    await waitFor("the mail's conversation queued", async () => {
      const { body } = await api(stack.url, "/api/agent/inbox?view=queue", { token: agent.token });
      conversationId = body.conversations.find(
        (c: { contactAddress?: string; messageSeq: number }) =>
          c.contactAddress === address && c.messageSeq > 0,
      )?.conversationId;
      return Boolean(conversationId);
    });
    await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: agent.token,
    });
    const card = await atmCard();
    expect((await insert(agent.token, conversationId, card.cardId)).status).toBe(201);

    type Mail = {
      to: string[];
      subject: string;
      text: string;
      attachments: { fileName: string; contentType: string }[];
    };
    let mail: Mail | undefined;
    await waitFor("the card in the customer's mailbox", async () => {
      const { body } = await api(stack.url, "/sim/mail/api/messages");
      mail = body.messages.find((m: Mail) => m.to.includes(address));
      return Boolean(mail);
    });
    expect(mail).toMatchObject({
      subject: "Re: Cajeros",
      text: expect.stringContaining("Mapa completo: https://banco.example/cajeros"),
      attachments: [{ fileName: "cajeros-t4.png", contentType: "image/png" }],
    });
    expect(mail!.text).toContain(ATM_CARD.title);
  });
});

describe("a card on WhatsApp", () => {
  const sim = (path: string, body?: unknown) =>
    api(stack.url, `/sim/whatsapp${path}`, body === undefined ? {} : { method: "POST", body });

  async function whatsAppCase() {
    const waId = `5255${randomInt(10 ** 7, 10 ** 8)}`;
    await sim(`/api/chats/${waId}/messages`, {
      type: "text",
      name: "Marta",
      text: "Me subo al avión",
      phoneNumberId,
    });
    const agent = tenant.agents[0]!;
    let conversationId = "";
    await waitFor("the WhatsApp conversation queued", async () => {
      const { body } = await api(stack.url, "/api/agent/inbox?view=queue", { token: agent.token });
      conversationId = body.conversations.find(
        (c: { contactAddress?: string; messageSeq: number }) => c.contactAddress === waId && c.messageSeq > 0,
      )?.conversationId;
      return Boolean(conversationId);
    });
    await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: agent.token,
    });
    return { waId, agent, conversationId };
  }

  async function sentTo(waId: string, count: number) {
    let outbox: { request: Record<string, unknown> }[] = [];
    await waitFor(`${count} message(s) at the simulated phone`, async () => {
      outbox = (await sim(`/api/outbox?waId=${waId}`)).body;
      return outbox.length >= count;
    });
    return outbox.map((entry) => entry.request);
  }

  it("goes out as reply buttons under the card's image, with its words and links as the body", async () => {
    const card = await atmCard();
    const { waId, agent, conversationId } = await whatsAppCase();
    expect((await insert(agent.token, conversationId, card.cardId)).status).toBe(201);
    const [request] = await sentTo(waId, 1);
    expect(request).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: waId,
      type: "interactive",
      interactive: {
        type: "button",
        header: { type: "image", image: { link: expect.stringMatching(/^http/) } },
        body: {
          text: `${ATM_CARD.title}\n\n${ATM_CARD.body}\n\nMapa completo: https://banco.example/cajeros`,
        },
        action: {
          buttons: [
            { type: "reply", reply: { id: "b1", title: "Lo encontré" } },
            { type: "reply", reply: { id: "b2", title: "No lo encuentro" } },
          ],
        },
      },
    });
  });

  it("goes out as an image with the card's words as caption when it has no buttons", async () => {
    const attachmentId = await uploadImage(admin);
    const { body } = await createCard(admin, {
      topic: "Viajes",
      title: "Cajeros T1",
      body: "Planta de llegadas, junto a la salida B.",
      image: { attachmentId, name: "t1.png" },
    });
    const { waId, agent, conversationId } = await whatsAppCase();
    await insert(agent.token, conversationId, body.card.cardId);
    const [request] = await sentTo(waId, 1);
    expect(request).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: waId,
      type: "image",
      image: {
        link: expect.stringMatching(/^http/),
        caption: "Cajeros T1\n\nPlanta de llegadas, junto a la salida B.",
      },
    });
  });
});
