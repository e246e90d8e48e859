import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { documentKey } from "../../../shared/documents/index.js";
import { newId } from "../../../shared/ids.js";
import { api, clientId } from "../../support/api.js";
import { PNG, uploadFile } from "../../support/files.js";
import { createTenant, type TestStaff, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;
let otherTenant: TestTenant;

const PDF = new Uint8Array(
  Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"),
);
/** A Windows executable's first bytes and an HTML page, each named and declared as a PNG. */
const EXE = new Uint8Array(Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00this program", "latin1"));
const HTML = new Uint8Array(Buffer.from("<html><script>alert(1)</script></html>"));

type Customer = { token: string; customerId: string };

beforeAll(async () => {
  [tenant, otherTenant] = await Promise.all([
    createTenant(stack, { agents: 2 }),
    createTenant(stack, { agents: 1 }),
  ]);
});

/** The NBA store's double charge: the customer writes, the first agent takes the case. */
async function openCase(agent: TestStaff = tenant.agents[0]!) {
  const customer = await tenant.customer();
  const started = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text: "Me cobraron dos veces en la tienda de la NBA" },
  });
  expect(started.status).toBe(201);
  const conversationId: string = started.body.conversation.conversationId;
  const taken = await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
    method: "POST",
    token: agent.token,
  });
  expect(taken.status).toBe(200);
  return { customer, conversationId, agent };
}

async function askFor(conversationId: string, agent: TestStaff, title = "Ticket de compra") {
  const asked = await api(stack.url, `/api/agent/conversations/${conversationId}/documents/requests`, {
    method: "POST",
    token: agent.token,
    body: { clientMessageId: clientId(), title, note: "El de la tienda NBA, por favor" },
  });
  expect(asked.status).toBe(201);
  return asked.body.document.documentId as string;
}

function submit(
  customer: Customer,
  conversationId: string,
  documentId: string,
  attachment: { attachmentId: string; name: string },
  clientMessageId = clientId(),
) {
  return api(stack.url, `/api/customer/conversations/${conversationId}/documents/${documentId}`, {
    method: "POST",
    token: customer.token,
    body: { clientMessageId, attachment },
  });
}

async function upload(customer: Customer, name: string, contentType: string, bytes: Uint8Array<ArrayBuffer>) {
  return { attachmentId: await uploadFile(stack.url, customer.token, { name, contentType, bytes }), name };
}

const link = (token: string, group: "agent" | "customer", conversationId: string, documentId: string) =>
  api(stack.url, `/api/${group}/conversations/${conversationId}/documents/${documentId}/link`, { token });

const trail = async (conversationId: string, token: string) =>
  (await api(stack.url, `/api/agent/conversations/${conversationId}/audit`, { token })).body.entries as {
    action: string;
    actor: { type: string; id: string; name?: string };
    detail?: Record<string, unknown>;
  }[];

const uploadKey = (customer: Customer, attachmentId: string) =>
  `tenants/${tenant.tenantId}/uploads/${customer.customerId}/${attachmentId}`;

async function messages(conversationId: string, token: string) {
  const page = await api(stack.url, `/api/agent/conversations/${conversationId}`, { token });
  return page.body.messages as { seq: number; author: string; text: string; content?: { kind: string } }[];
}

describe("documents of a case", () => {
  it("carries the purchase ticket from the customer to the agent under the case, only through a 60 s link, all in the trail", async () => {
    const { customer, conversationId, agent } = await openCase();
    const documentId = await askFor(conversationId, agent);

    const thread = await api(stack.url, `/api/customer/conversations/${conversationId}`, {
      token: customer.token,
    });
    const card = thread.body.messages.at(-1);
    expect(card.content).toEqual({
      kind: "document_request",
      requestId: documentId,
      title: "Ticket de compra",
      note: "El de la tienda NBA, por favor",
    });

    const ticket = await upload(customer, "ticket.png", "image/png", PNG);
    const sent = await submit(customer, conversationId, documentId, ticket);
    expect(sent.status).toBe(201);
    expect(sent.body.document).toMatchObject({
      state: "received",
      file: { name: "ticket.png", contentType: "image/png", size: PNG.length },
    });
    expect(sent.body.message.content).toEqual({
      kind: "document_received",
      requestId: documentId,
      title: "Ticket de compra",
      name: "ticket.png",
    });
    expect(sent.body.message.attachments).toEqual([]);
    expect(JSON.stringify(sent.body)).not.toContain("tenants/");

    // Moved under the case (s3rver ignores the encryption header; the adapter's test asserts it); the upload is gone.
    const key = documentKey(tenant.tenantId, conversationId, ticket.attachmentId);
    const stored = await stack.runtime.clients.s3.send(
      new HeadObjectCommand({ Bucket: stack.config.bucketName, Key: key }),
    );
    expect(stored.ContentLength).toBe(PNG.length);
    expect(await stack.runtime.ports.files.head(uploadKey(customer, ticket.attachmentId))).toBeNull();

    const agentLink = await link(agent.token, "agent", conversationId, documentId);
    expect(agentLink.status).toBe(200);
    expect(agentLink.body).toMatchObject({
      name: "ticket.png",
      contentType: "image/png",
      expiresInSeconds: 60,
    });
    expect(new URL(agentLink.body.url).searchParams.get("X-Amz-Expires")).toBe("60");
    const downloaded = await fetch(agentLink.body.url);
    expect(downloaded.status).toBe(200);
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(Buffer.from(PNG))).toBe(true);

    const customerLink = await link(customer.token, "customer", conversationId, documentId);
    expect(customerLink.status).toBe(200);
    const own = await fetch(customerLink.body.url);
    expect(Buffer.from(await own.arrayBuffer()).equals(Buffer.from(PNG))).toBe(true);

    const lines = await trail(conversationId, agent.token);
    expect(lines.map(({ action, actor }) => [action, actor.type, actor.id])).toEqual([
      ["document.requested", "staff", agent.staffId],
      ["document.uploaded", "customer", customer.customerId],
      ["document.downloaded", "staff", agent.staffId],
      ["document.downloaded", "customer", customer.customerId],
    ]);
    expect(lines[0]!.actor.name).toBe(agent.name);
    expect(lines[1]!.detail).toMatchObject({ documentId, name: "ticket.png", size: PNG.length });
  });

  it("keeps a PDF under the case with its type and gives back the same bytes", async () => {
    const { customer, conversationId, agent } = await openCase();
    const documentId = await askFor(conversationId, agent, "Factura");
    const invoice = await upload(customer, "factura.pdf", "application/pdf", PDF);
    expect((await submit(customer, conversationId, documentId, invoice)).status).toBe(201);
    const stored = await stack.runtime.clients.s3.send(
      new HeadObjectCommand({
        Bucket: stack.config.bucketName,
        Key: documentKey(tenant.tenantId, conversationId, invoice.attachmentId),
      }),
    );
    expect(stored.ContentType).toBe("application/pdf");
    const pdfLink = await link(agent.token, "agent", conversationId, documentId);
    const bytes = Buffer.from(await (await fetch(pdfLink.body.url)).arrayBuffer());
    expect(bytes.equals(Buffer.from(PDF))).toBe(true);
  });

  it.each([
    ["an executable", EXE],
    ["an HTML page", HTML],
  ])(
    "refuses %s named ticket.png with 415, keeps nothing and writes the refusal in the trail",
    async (_, bytes) => {
      const { customer, conversationId, agent } = await openCase();
      const documentId = await askFor(conversationId, agent);
      const before = await messages(conversationId, agent.token);
      const fake = await upload(customer, "ticket.png", "image/png", bytes as Uint8Array<ArrayBuffer>);

      const refused = await submit(customer, conversationId, documentId, fake);

      expect(refused.status).toBe(415);
      expect(refused.body.error.code).toBe("unsupported_media_type");
      expect(await stack.runtime.ports.files.head(uploadKey(customer, fake.attachmentId))).toBeNull();
      expect(
        await stack.runtime.ports.files.head(documentKey(tenant.tenantId, conversationId, fake.attachmentId)),
      ).toBeNull();
      expect(await messages(conversationId, agent.token)).toEqual(before);
      const listed = await api(stack.url, `/api/customer/conversations/${conversationId}/documents`, {
        token: customer.token,
      });
      expect(listed.body.documents).toMatchObject([{ documentId, state: "requested" }]);
      expect(listed.body.documents[0].file).toBeUndefined();
      const lines = await trail(conversationId, agent.token);
      expect(lines.map((line) => line.action)).toEqual(["document.requested", "document.rejected"]);
      expect(lines[1]).toMatchObject({
        actor: { type: "customer", id: customer.customerId },
        detail: { documentId, name: "ticket.png", reason: "unsupported_media_type" },
      });
    },
  );

  it("refuses a file over 10 MB with 413, whether declared or found so when sent", async () => {
    const { customer, conversationId, agent } = await openCase();
    const documentId = await askFor(conversationId, agent);
    const declared = await api(stack.url, "/api/customer/uploads", {
      method: "POST",
      token: customer.token,
      body: { name: "ticket.png", contentType: "image/png", size: 10 * 1024 * 1024 + 1 },
    });
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe("payload_too_large");

    // A file that reached storage larger than its presigned size allowed (s3rver does not hold the
    // signed length as S3 does) is still measured when it is sent.
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG.subarray(0, 8));
    const attachmentId = "att_01JDOCUMENTSTOOLARGE000000";
    await stack.runtime.ports.files.put(uploadKey(customer, attachmentId), big, "image/png");

    const refused = await submit(customer, conversationId, documentId, { attachmentId, name: "ticket.png" });

    expect(refused.status).toBe(413);
    expect(refused.body.error.code).toBe("payload_too_large");
    expect(await stack.runtime.ports.files.head(uploadKey(customer, attachmentId))).toBeNull();
    const listed = await api(stack.url, `/api/agent/conversations/${conversationId}/documents`, {
      token: agent.token,
    });
    expect(listed.body.documents).toMatchObject([{ documentId, state: "requested" }]);
    expect((await trail(conversationId, agent.token)).at(-1)).toMatchObject({
      action: "document.rejected",
      detail: { reason: "payload_too_large" },
    });
  });

  it("takes a retried submit once, and refuses another file for a request already answered", async () => {
    const { customer, conversationId, agent } = await openCase();
    const documentId = await askFor(conversationId, agent);
    const ticket = await upload(customer, "ticket.png", "image/png", PNG);
    const submitId = clientId();

    const first = await submit(customer, conversationId, documentId, ticket, submitId);
    const again = await submit(customer, conversationId, documentId, ticket, submitId);

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.message.seq).toBe(first.body.message.seq);
    const received = (await messages(conversationId, agent.token)).filter(
      (message) => message.content?.kind === "document_received",
    );
    expect(received).toHaveLength(1);

    const another = await upload(customer, "otro.pdf", "application/pdf", PDF);
    const refused = await submit(customer, conversationId, documentId, another);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("document_already_received");
    expect(
      await stack.runtime.ports.files.head(
        documentKey(tenant.tenantId, conversationId, another.attachmentId),
      ),
    ).toBeNull();
    const listed = await api(stack.url, `/api/agent/conversations/${conversationId}/documents`, {
      token: agent.token,
    });
    expect(listed.body.documents[0].file.name).toBe("ticket.png");
    expect(
      (await trail(conversationId, agent.token)).filter((l) => l.action === "document.uploaded"),
    ).toHaveLength(1);
  });

  it("refuses a document for a case already closed, and keeps the request open", async () => {
    const { customer, conversationId, agent } = await openCase();
    const documentId = await askFor(conversationId, agent);
    const closed = await api(stack.url, `/api/agent/conversations/${conversationId}/finalize`, {
      method: "POST",
      token: agent.token,
      body: { disposition: "information_given" },
    });
    expect(closed.status).toBe(200);
    const late = await upload(customer, "ticket.png", "image/png", PNG);

    const refused = await submit(customer, conversationId, documentId, late);

    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("conversation_closed");
    const listed = await api(stack.url, `/api/customer/conversations/${conversationId}/documents`, {
      token: customer.token,
    });
    expect(listed.body.documents).toMatchObject([{ documentId, state: "requested" }]);
    expect((await trail(conversationId, agent.token)).map((line) => line.action)).toEqual([
      "document.requested",
    ]);
  });

  it("asks once for a retried request", async () => {
    const { conversationId, agent } = await openCase();
    const body = { clientMessageId: clientId(), title: "DNI" };
    const path = `/api/agent/conversations/${conversationId}/documents/requests`;
    const first = await api(stack.url, path, { method: "POST", token: agent.token, body });
    const again = await api(stack.url, path, { method: "POST", token: agent.token, body });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.document.documentId).toBe(first.body.document.documentId);
    const listed = await api(stack.url, `/api/agent/conversations/${conversationId}/documents`, {
      token: agent.token,
    });
    expect(listed.body.documents).toHaveLength(1);
    expect((await trail(conversationId, agent.token)).map((l) => l.action)).toEqual(["document.requested"]);
  });

  it("refuses a request without a title, and one from an agent who does not have the case", async () => {
    const { conversationId } = await openCase();
    const path = `/api/agent/conversations/${conversationId}/documents/requests`;
    const untitled = await api(stack.url, path, {
      method: "POST",
      token: tenant.agents[0]!.token,
      body: { clientMessageId: clientId(), title: "  " },
    });
    expect(untitled.status).toBe(400);
    expect(untitled.body.error.code).toBe("invalid_request");
    const stranger = await api(stack.url, path, {
      method: "POST",
      token: tenant.agents[1]!.token,
      body: { clientMessageId: clientId(), title: "Ticket" },
    });
    expect(stranger.status).toBe(409);
    expect(stranger.body.error.code).toBe("conversation_taken");
    const listed = await api(stack.url, `/api/agent/conversations/${conversationId}/documents`, {
      token: tenant.supervisor.token,
    });
    expect(listed.body.documents).toEqual([]);
  });

  describe("who may see a document", () => {
    let customer: Customer;
    let conversationId: string;
    let documentId: string;

    beforeAll(async () => {
      const opened = await openCase();
      customer = opened.customer;
      conversationId = opened.conversationId;
      documentId = await askFor(conversationId, opened.agent);
      const ticket = await upload(customer, "ticket.png", "image/png", PNG);
      expect((await submit(customer, conversationId, documentId, ticket)).status).toBe(201);
    });

    const notFound = (response: { status: number; body: { error: { code: string } } }) => {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("document_not_found");
    };

    it("gives a supervisor the link", async () => {
      expect((await link(tenant.supervisor.token, "agent", conversationId, documentId)).status).toBe(200);
    });

    it("hides it from another agent of the tenant, and lists nothing to him", async () => {
      notFound(await link(tenant.agents[1]!.token, "agent", conversationId, documentId));
      const listed = await api(stack.url, `/api/agent/conversations/${conversationId}/documents`, {
        token: tenant.agents[1]!.token,
      });
      expect(listed.body.documents).toEqual([]);
    });

    it("hides it from another customer, who cannot send one for it either", async () => {
      const stranger = await tenant.customer();
      notFound(await link(stranger.token, "customer", conversationId, documentId));
      const mine = await upload(stranger, "ticket.png", "image/png", PNG);
      notFound(await submit(stranger, conversationId, documentId, mine));
      const listed = await api(stack.url, `/api/customer/conversations/${conversationId}/documents`, {
        token: stranger.token,
      });
      notFound(listed);
    });

    it("hides it from another tenant's agent and customer", async () => {
      notFound(await link(otherTenant.agents[0]!.token, "agent", conversationId, documentId));
      notFound(await link((await otherTenant.customer()).token, "customer", conversationId, documentId));
    });

    it("answers another tenant's agent and customer on every document route exactly as for a case that does not exist", async () => {
      const outsider = await otherTenant.customer();
      const ticket = await upload(outsider as Customer, "ticket.png", "image/png", PNG);
      const routes = (id: string, doc: string) => [
        {
          token: otherTenant.agents[0]!.token,
          method: "GET",
          path: `/api/agent/conversations/${id}/documents`,
        },
        {
          token: otherTenant.agents[0]!.token,
          method: "POST",
          path: `/api/agent/conversations/${id}/documents/requests`,
          body: { clientMessageId: clientId(), title: "DNI" },
        },
        {
          token: otherTenant.agents[0]!.token,
          method: "GET",
          path: `/api/agent/conversations/${id}/documents/${doc}/link`,
        },
        { token: outsider.token, method: "GET", path: `/api/customer/conversations/${id}/documents` },
        {
          token: outsider.token,
          method: "POST",
          path: `/api/customer/conversations/${id}/documents/${doc}`,
          body: { clientMessageId: clientId(), attachment: ticket },
        },
        {
          token: outsider.token,
          method: "GET",
          path: `/api/customer/conversations/${id}/documents/${doc}/link`,
        },
      ];
      const real = routes(conversationId, documentId);
      const never = routes(newId("conversation"), newId("document"));
      for (const [i, { token, ...call }] of real.entries()) {
        const [answer, unknown] = await Promise.all([
          api(stack.url, call.path, { ...call, token }),
          api(stack.url, never[i]!.path, { ...never[i]!, token }),
        ]);
        expect([call.path, answer.status, answer.body]).toEqual([call.path, 404, unknown.body]);
      }
      const listed = await api(stack.url, `/api/agent/conversations/${conversationId}/documents`, {
        token: tenant.supervisor.token,
      });
      expect(listed.body.documents).toMatchObject([
        { documentId, state: "received", file: { name: "ticket.png" } },
      ]);
    });

    it("records no download for a refused link", async () => {
      const downloads = (await trail(conversationId, tenant.supervisor.token)).filter(
        (line) => line.action === "document.downloaded",
      );
      expect(downloads.every((line) => line.actor.id === tenant.supervisor.staffId)).toBe(true);
    });

    it("answers a request id that does not exist like one of someone else", async () => {
      notFound(await link(customer.token, "customer", conversationId, newId("document")));
    });
  });
});
