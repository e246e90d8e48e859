import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { freePort } from "../../../infra/local/free-port.js";
import { createMailSimulator, type MailSimulator } from "../../../infra/local/mail/mail-simulator.js";
import {
  type InboundSmtp,
  type SmtpEnvelope,
  startInboundSmtp,
} from "../../../infra/local/mail/smtp-inbound.js";
import { createSmtpMailSender } from "../../../shared/adapters/smtp-mail-sender.js";
import { parseEmail, type StoreAttachment } from "../../../shared/channels/email/parse-email.js";
import { ChannelSendError, type OutgoingMessage } from "../../../shared/channels/outbound.js";

const SUPPORT = "soporte@atiende.test";
const PDF = new TextEncoder().encode("%PDF-1.4 factura nº 42");

const keepInMemory: StoreAttachment = async (file) => ({ key: file.name, size: file.bytes.byteLength });

function outgoing(overrides: Partial<NonNullable<OutgoingMessage["email"]>> = {}): OutgoingMessage {
  const email = {
    from: `Soporte <${SUPPORT}>`,
    to: ["ana@example.com"],
    cc: ["jefe@example.com"],
    subject: "Re: Mi pedido",
    messageId: `<msg_${Math.random().toString(36).slice(2)}@atiende.test>`,
    inReplyTo: "<q1@example.com>",
    references: ["<q1@example.com>"],
    ...overrides,
  };
  return {
    channel: "email",
    accountId: SUPPORT,
    to: email.to[0]!,
    text: "Hola Ana, adjunto la factura.",
    content: { kind: "email", subject: email.subject, from: SUPPORT, to: email.to, cc: email.cc },
    files: [{ name: "factura.pdf", contentType: "application/pdf", size: PDF.byteLength, url: "memory:pdf" }],
    email,
  };
}

const fetchFile = async () => PDF;

describe("e-mail over SMTP on one machine", () => {
  let dataDir: string;
  let inbound: InboundSmtp;
  let simulator: MailSimulator;
  let storing: "works" | "fails" = "works";
  const received: { raw: Buffer; envelope: SmtpEnvelope }[] = [];

  const startSimulator = async () =>
    createMailSimulator({
      dataDir: join(dataDir, "mail"),
      outgoingSmtpPort: await freePort(),
      atiendeSmtp: { host: "127.0.0.1", port: inbound.port },
      defaultTo: SUPPORT,
      publicUrl: "http://127.0.0.1:3000/sim/mail/",
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "atiende-mail-"));
    inbound = await startInboundSmtp({
      port: await freePort(),
      acceptRecipient: (address) => address.toLowerCase() === SUPPORT,
      async onMessage(raw, envelope) {
        if (storing === "fails") throw new Error("the bucket is down");
        received.push({ raw, envelope });
      },
    });
    simulator = await startSimulator();
  });

  afterAll(async () => {
    await simulator?.close();
    await inbound?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    storing = "works";
    received.length = 0;
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** The cause of a refusal is logged where the server runs, never told to the sender. */
  const failToStore = () => {
    storing = "fails";
    return vi.spyOn(console, "error").mockImplementation(() => {});
  };

  it("delivers a customer's mail to Atiende intact, with its Message-ID", async () => {
    // Act
    const messageId = await simulator.sendAsCustomer({
      from: "ana@example.com",
      subject: "Mi pedido",
      text: "Hola, ¿dónde está mi pedido?",
      inReplyTo: "<earlier@atiende.test>",
      references: ["<first@atiende.test>", "<earlier@atiende.test>"],
      attachments: [
        {
          fileName: "foto.png",
          contentType: "image/png",
          content: Buffer.from([137, 80, 78, 71]).toString("base64"),
        },
      ],
    });

    // Assess
    expect(received).toHaveLength(1);
    expect(received[0]!.envelope).toEqual({ from: "ana@example.com", to: [SUPPORT] });
    const message = await parseEmail(received[0]!.raw, { accountId: SUPPORT, storeAttachment: keepInMemory });
    expect(message).toMatchObject({
      externalId: messageId,
      from: { address: "ana@example.com" },
      text: "Hola, ¿dónde está mi pedido?",
      content: { kind: "email", subject: "Mi pedido", to: [SUPPORT] },
      media: [{ fileName: "foto.png", mimeType: "image/png", source: { from: "stored", size: 4 } }],
      threadRefs: ["<first@atiende.test>", "<earlier@atiende.test>"],
    });
  });

  it("refuses, with 550, a mail for an address Atiende does not receive for", async () => {
    const refusal = await simulator
      .sendAsCustomer({ from: "ana@example.com", to: ["nadie@atiende.test"], text: "Hola" })
      .catch((error) => error);

    expect(refusal).toMatchObject({ responseCode: 550 });
    expect(received).toHaveLength(0);
  });

  it("refuses, with 552, a mail over 25 MB, and keeps nothing of it", async () => {
    const refusal = await simulator
      .sendAsCustomer({ from: "ana@example.com", text: "x".repeat(26 * 1024 * 1024) })
      .catch((error) => error);

    expect(refusal).toMatchObject({ responseCode: 552 });
    expect(received).toHaveLength(0);
  });

  it("answers a temporary failure when the mail cannot be stored, and takes it once it can", async () => {
    const logged = failToStore();

    const refusal = await simulator
      .sendAsCustomer({ from: "ana@example.com", text: "Hola" })
      .catch((error) => error);

    expect(refusal).toMatchObject({ responseCode: 451 });
    expect(refusal.response).not.toContain("bucket");
    expect(logged).toHaveBeenCalledWith(
      expect.any(String),
      expect.objectContaining({ message: "the bucket is down" }),
    );
    expect(received).toHaveLength(0);

    storing = "works";
    await simulator.sendAsCustomer({ from: "ana@example.com", text: "Hola" });
    expect(received).toHaveLength(1);
  });

  it("shows a mail our SMTP sender delivers in the customers' mailbox, cc and attachment included", async () => {
    const sender = createSmtpMailSender({ host: "127.0.0.1", port: simulator.sinkPort, fetchFile });
    const message = outgoing();

    const result = await sender.send(message);

    expect(result).toEqual({ externalId: message.email!.messageId });
    const mail = simulator.messages().find((candidate) => candidate.messageId === result.externalId);
    expect(mail).toMatchObject({
      envelope: { from: SUPPORT, to: ["ana@example.com", "jefe@example.com"] },
      from: { address: SUPPORT, name: "Soporte" },
      to: ["ana@example.com"],
      cc: ["jefe@example.com"],
      subject: "Re: Mi pedido",
      inReplyTo: "<q1@example.com>",
      references: ["<q1@example.com>"],
      text: "Hola Ana, adjunto la factura.",
      attachments: [{ fileName: "factura.pdf", contentType: "application/pdf", size: PDF.byteLength }],
    });
    expect(Buffer.from(mail!.attachments[0]!.content, "base64")).toEqual(Buffer.from(PDF));
  });

  it("keeps the mailbox across a restart", async () => {
    const message = outgoing();
    await createSmtpMailSender({ host: "127.0.0.1", port: simulator.sinkPort, fetchFile }).send(message);

    await simulator.close();
    simulator = await startSimulator();

    expect(simulator.messages().map((mail) => mail.messageId)).toContain(message.email!.messageId);
  });

  it("fails for good, with the server's words, a mail the server refuses", async () => {
    const sender = createSmtpMailSender({ host: "127.0.0.1", port: inbound.port, fetchFile });

    const error = await sender
      .send(outgoing({ to: ["nadie@atiende.test"], cc: [] }))
      .catch((caught) => caught);

    expect(error).toBeInstanceOf(ChannelSendError);
    expect(error).toMatchObject({ transient: false, code: "mail_rejected" });
    expect(error.message).toContain("550");
  });

  it("leaves for a retry a mail the server defers", async () => {
    failToStore();
    const sender = createSmtpMailSender({ host: "127.0.0.1", port: inbound.port, fetchFile });

    const error = await sender.send(outgoing({ to: [SUPPORT], cc: [] })).catch((caught) => caught);

    expect(error).toBeInstanceOf(ChannelSendError);
    expect(error).toMatchObject({ transient: true, code: "mail_deferred" });
  });

  it("leaves for a retry a mail to a server nobody runs", async () => {
    const sender = createSmtpMailSender({ host: "127.0.0.1", port: await freePort(), fetchFile });

    const error = await sender.send(outgoing()).catch((caught) => caught);

    expect(error).toBeInstanceOf(ChannelSendError);
    expect(error).toMatchObject({ transient: true, code: "mail_unreachable" });
  });
});

describe("the mail simulator's page and API", () => {
  let dataDir: string;
  let inbound: InboundSmtp;
  let simulator: MailSimulator;
  const received: Buffer[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "atiende-mail-api-"));
    inbound = await startInboundSmtp({
      port: await freePort(),
      acceptRecipient: (address) => address === SUPPORT,
      async onMessage(raw) {
        received.push(raw);
      },
    });
    simulator = await createMailSimulator({
      dataDir,
      outgoingSmtpPort: 0,
      atiendeSmtp: { host: "127.0.0.1", port: inbound.port },
      defaultTo: SUPPORT,
      publicUrl: "http://127.0.0.1:3000/sim/mail",
    });
  });

  afterAll(async () => {
    await simulator?.close();
    await inbound?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves the page under a strict CSP, its script and styles as files of their own", async () => {
    const page = await simulator.app.request("/");
    const html = await page.text();

    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(html).toContain('<script src="/sim/mail/app.js" defer></script>');
    expect(html).toContain('<link rel="stylesheet" href="/sim/mail/app.css">');
    expect(html).toContain(`value="${SUPPORT}"`);
    expect(html).not.toMatch(/<script>|<style>|\sstyle=|\son[a-z]+=/i);
    expect((await simulator.app.request("/app.js")).headers.get("content-type")).toMatch(/^text\/javascript/);
    expect((await simulator.app.request("/app.css")).headers.get("content-type")).toMatch(/^text\/css/);
  });

  it("sends as a customer, to the support address unless told otherwise", async () => {
    const response = await simulator.app.request("/api/send", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from: "luis@example.com", subject: "Hola", text: "Consulta" }),
    });

    expect(response.status).toBe(200);
    const { messageId } = (await response.json()) as { messageId: string };
    expect(received).toHaveLength(1);
    expect(
      (await parseEmail(received[0]!, { accountId: SUPPORT, storeAttachment: keepInMemory })).externalId,
    ).toBe(messageId);
  });

  it("shows Atiende's refusal, and refuses a mail it cannot read", async () => {
    const refused = await simulator.app.request("/api/send", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from: "luis@example.com", to: ["otro@atiende.test"], text: "Hola" }),
    });
    const invalid = await simulator.app.request("/api/send", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from: "not an address" }),
    });

    expect(refused.status).toBe(502);
    expect(await refused.json()).toMatchObject({ error: { code: "smtp_refused", responseCode: 550 } });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: "invalid_request" } });
  });

  it("lists what Atiende sent, with each attachment to download", async () => {
    const message = outgoing();
    await createSmtpMailSender({ host: "127.0.0.1", port: simulator.sinkPort, fetchFile }).send(message);

    const { messages } = (await (await simulator.app.request("/api/messages")).json()) as {
      messages: { id: string; messageId: string; attachments: { fileName: string; url: string }[] }[];
    };
    const listed = messages.find((mail) => mail.messageId === message.email!.messageId)!;
    const download = await simulator.app.request(`/messages/${listed.id}/attachments/0`);

    expect(listed.attachments).toEqual([
      {
        fileName: "factura.pdf",
        contentType: "application/pdf",
        size: PDF.byteLength,
        url: `http://127.0.0.1:3000/sim/mail/messages/${listed.id}/attachments/0`,
      },
    ]);
    expect(listed).not.toHaveProperty("attachments.0.content");
    expect(download.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''factura.pdf");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    expect((await simulator.app.request(`/messages/${listed.id}/attachments/9`)).status).toBe(404);
  });
});
