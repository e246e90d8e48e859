import { describe, expect, it } from "vitest";
import { composeEmail } from "../../../../../shared/channels/email/compose-email.js";
import { parseEmail, type StoreAttachment } from "../../../../../shared/channels/email/parse-email.js";
import {
  ChannelSendError,
  type OutgoingFile,
  type OutgoingMessage,
} from "../../../../../shared/channels/outbound.js";

const FILES: Record<string, Uint8Array> = {
  "https://files.test/factura": new TextEncoder().encode("%PDF-1.4 factura nº 42"),
  "https://files.test/foto": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255, 10, 13]),
};
const fetchFile = async (file: OutgoingFile) => FILES[file.url]!;

const reply: OutgoingMessage = {
  channel: "email",
  accountId: "soporte@atiende.test",
  to: "ana@example.com",
  text: "Hola Ana,\n\nsu pedido sale mañana.\n\n> ¿Dónde está mi pedido?\n",
  content: {
    kind: "email",
    subject: "Re: Mi pedido nº 42",
    from: "soporte@atiende.test",
    to: ["ana@example.com"],
    cc: ["jefe@example.com"],
  },
  files: [
    { name: "factura.pdf", contentType: "application/pdf", size: 22, url: "https://files.test/factura" },
    { name: "foto del envío.png", contentType: "image/png", size: 8, url: "https://files.test/foto" },
  ],
  email: {
    from: "Soporte <soporte@atiende.test>",
    to: ["ana@example.com"],
    cc: ["jefe@example.com", "otro@example.com"],
    subject: "Re: Mi pedido nº 42",
    messageId: "<msg_01JREPLY@atiende.test>",
    inReplyTo: "<second@example.com>",
    references: ["<first@atiende.test>", "<second@example.com>"],
  },
};

describe("composing one of our e-mails", () => {
  it("reads back, through the parser, with its subject, addresses, text, files and threading", async () => {
    // Prepare
    const stored: { name: string; contentType: string; bytes: Uint8Array }[] = [];
    const storeAttachment: StoreAttachment = async (file) => {
      stored.push(file);
      return { key: `k${stored.length}`, size: file.bytes.byteLength };
    };

    // Act
    const raw = await composeEmail(reply, fetchFile);
    const parsed = await parseEmail(raw, { accountId: "ana@example.com", storeAttachment });

    // Assess
    expect(parsed.externalId).toBe("<msg_01JREPLY@atiende.test>");
    expect(parsed.from).toEqual({
      address: "soporte@atiende.test",
      name: "Soporte",
      email: "soporte@atiende.test",
    });
    expect(parsed.content).toEqual({
      kind: "email",
      subject: "Re: Mi pedido nº 42",
      from: "soporte@atiende.test",
      to: ["ana@example.com"],
      cc: ["jefe@example.com", "otro@example.com"],
    });
    expect(parsed.text).toBe(reply.text);
    expect(parsed.threadRefs).toEqual(["<first@atiende.test>", "<second@example.com>"]);
    expect(stored.map(({ name, contentType }) => ({ name, contentType }))).toEqual([
      { name: "factura.pdf", contentType: "application/pdf" },
      { name: "foto del envío.png", contentType: "image/png" },
    ]);
    expect(Buffer.from(stored[0]!.bytes)).toEqual(Buffer.from(FILES["https://files.test/factura"]!));
    expect(Buffer.from(stored[1]!.bytes)).toEqual(Buffer.from(FILES["https://files.test/foto"]!));
  });

  it("writes no threading headers for a first mail", async () => {
    const first = { ...reply, files: [], email: { ...reply.email!, inReplyTo: undefined, references: [] } };

    const raw = new TextDecoder().decode(await composeEmail(first, fetchFile));

    expect(raw).not.toMatch(/^In-Reply-To:/im);
    expect(raw).not.toMatch(/^References:/im);
    expect(raw).toMatch(/^Message-ID: <msg_01JREPLY@atiende\.test>\r$/im);
  });

  it("refuses, for good, a message without e-mail headers", async () => {
    const error = await composeEmail({ ...reply, email: undefined }, fetchFile).catch((caught) => caught);

    expect(error).toBeInstanceOf(ChannelSendError);
    expect(error).toMatchObject({ transient: false, code: "email_headers_missing" });
  });
});
