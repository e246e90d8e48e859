import { beforeAll, describe, expect, it } from "vitest";
import { api, clientId } from "../../support/api.js";
import { PNG, uploadFile } from "../../support/files.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;

/** A one-page PDF with a correct cross-reference table, as small as a valid PDF gets. */
function minimalPdf() {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets = objects.map((object, i) => {
    const offset = body.length;
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("");
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, "latin1"));
}
const PDF = minimalPdf();

const upload = (token: string, name: string, contentType: string, bytes: Uint8Array<ArrayBuffer>) =>
  uploadFile(stack.url, token, { name, contentType, bytes });

async function download(url: string) {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return { bytes: Buffer.from(await response.arrayBuffer()), response };
}

beforeAll(async () => {
  tenant = await createTenant(stack, { agents: 1 });
});

describe("attachments in a conversation", () => {
  it("carries a customer's photo and PDF to the agent, who downloads exactly the same bytes", async () => {
    const customer = await tenant.customer();
    const agent = tenant.agents[0]!;
    const photo = await upload(customer.token, "tarjeta dañada.png", "image/png", PNG);
    const statement = await upload(customer.token, "extracto.pdf", "application/pdf", PDF);

    const started = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: customer.token,
      body: {
        clientMessageId: clientId(),
        text: "les mando la foto y el extracto",
        attachments: [
          { attachmentId: photo, name: "tarjeta dañada.png" },
          { attachmentId: statement, name: "extracto.pdf" },
        ],
      },
    });
    expect(started.status).toBe(201);
    const { conversationId } = started.body.conversation;
    const { seq, attachments } = started.body.message;
    expect(attachments).toEqual([
      { attachmentId: photo, name: "tarjeta dañada.png", contentType: "image/png", size: PNG.length },
      { attachmentId: statement, name: "extracto.pdf", contentType: "application/pdf", size: PDF.length },
    ]);
    expect(JSON.stringify(started.body)).not.toContain("tenants/");
    await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: agent.token,
    });

    const links = await Promise.all(
      [photo, statement].map((id) =>
        api(stack.url, `/api/agent/conversations/${conversationId}/messages/${seq}/attachments/${id}`, {
          token: agent.token,
        }),
      ),
    );
    const [pngLink, pdfLink] = links.map((link) => link.body);

    expect(pngLink).toMatchObject({ name: "tarjeta dañada.png", contentType: "image/png", size: PNG.length });
    expect(pdfLink).toMatchObject({ name: "extracto.pdf", contentType: "application/pdf", size: PDF.length });
    const png = await download(pngLink.url);
    const pdf = await download(pdfLink.url);
    expect(png.bytes.equals(PNG)).toBe(true);
    expect(pdf.bytes.equals(PDF)).toBe(true);
    expect(png.response.headers.get("content-type")).toBe("image/png");
    expect(pdf.response.headers.get("content-disposition")).toMatch(/^attachment;/);
    const page = await api(stack.url, `/api/agent/conversations/${conversationId}`, { token: agent.token });
    expect(page.body.messages[0].attachments.map((a: { name: string }) => a.name)).toEqual([
      "tarjeta dañada.png",
      "extracto.pdf",
    ]);
  });

  it("gives the customer a link to the file the agent sent", async () => {
    const customer = await tenant.customer();
    const agent = tenant.agents[0]!;
    const started = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: customer.token,
      body: { clientMessageId: clientId(), text: "¿me mandan el formulario?" },
    });
    const { conversationId } = started.body.conversation;
    await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
      method: "POST",
      token: agent.token,
    });
    const requested = await api(stack.url, "/api/agent/uploads", {
      method: "POST",
      token: agent.token,
      body: { name: "formulario.pdf", contentType: "application/pdf", size: PDF.length },
    });
    await fetch(requested.body.url, { method: "PUT", headers: requested.body.headers, body: PDF });
    const sent = await api(stack.url, `/api/agent/conversations/${conversationId}/messages`, {
      method: "POST",
      token: agent.token,
      body: {
        clientMessageId: clientId(),
        text: "aquí está",
        attachments: [{ attachmentId: requested.body.attachmentId, name: "formulario.pdf" }],
      },
    });
    expect(sent.status).toBe(201);

    const link = await api(
      stack.url,
      `/api/customer/conversations/${conversationId}/messages/${sent.body.message.seq}/attachments/${requested.body.attachmentId}`,
      { token: customer.token },
    );

    expect(link.status).toBe(200);
    expect((await download(link.body.url)).bytes.equals(PDF)).toBe(true);
  });

  it("keeps the link from a customer of another tenant, and from the wrong message", async () => {
    const customer = await tenant.customer();
    const photo = await upload(customer.token, "foto.png", "image/png", PNG);
    const started = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: customer.token,
      body: {
        clientMessageId: clientId(),
        text: "foto",
        attachments: [{ attachmentId: photo, name: "foto.png" }],
      },
    });
    const { conversationId } = started.body.conversation;
    const path = (seq: number) =>
      `/api/customer/conversations/${conversationId}/messages/${seq}/attachments/${photo}`;
    const outsider = await (await createTenant(stack, { agents: 0 })).customer();

    const [own, foreign, wrongMessage] = await Promise.all([
      api(stack.url, path(1), { token: customer.token }),
      api(stack.url, path(1), { token: outsider.token }),
      api(stack.url, path(2), { token: customer.token }),
    ]);

    expect(own.status).toBe(200);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("conversation_not_found");
    expect(foreign.body.url).toBeUndefined();
    expect(wrongMessage.status).toBe(404);
    expect(wrongMessage.body.error.code).toBe("attachment_not_found");
  });
});
