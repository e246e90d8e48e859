import { describe, expect, it } from "vitest";
import {
  parseEmail,
  type StoreAttachment,
  UnreadableEmailError,
} from "../../../../../shared/channels/email/parse-email.js";

const ACCOUNT = "soporte@atiende.test";

/** A raw message as a mail server hands it over: CRLF line ends. */
const raw = (...lines: string[]) => new TextEncoder().encode(`${lines.join("\r\n")}\r\n`);

/** Keeps what it is given, under keys the test can predict. */
function memoryStore() {
  const files: { name: string; contentType: string; bytes: Uint8Array }[] = [];
  const store: StoreAttachment = async (file) => {
    files.push(file);
    return { key: `mail/${files.length}`, size: file.bytes.byteLength };
  };
  return { files, store };
}

const noStore: StoreAttachment = async () => {
  throw new Error("no attachment expected");
};

describe("parsing a received e-mail", () => {
  it("takes a plain text mail's words, addresses, subject and date", async () => {
    // Prepare
    const mail = raw(
      'From: "Ana Pérez" <Ana.Perez@Example.COM>',
      "To: soporte@atiende.test, Otro <otro@atiende.test>",
      "Cc: jefe@example.com",
      "Subject: =?UTF-8?Q?Mi_pedido_n=C2=BA_42?=",
      "Date: Tue, 03 Mar 2026 10:15:00 -0300",
      "Message-ID: <abc-123@example.com>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "",
      "Hola, ¿dónde está mi pedido?",
      "",
      "> Su pedido fue enviado.",
    );

    // Act
    const message = await parseEmail(mail, { accountId: ACCOUNT, storeAttachment: noStore });

    // Assess
    expect(message).toEqual({
      channel: "email",
      accountId: ACCOUNT,
      externalId: "<abc-123@example.com>",
      from: { address: "ana.perez@example.com", name: "Ana Pérez", email: "ana.perez@example.com" },
      sentAt: "2026-03-03T13:15:00.000Z",
      text: "Hola, ¿dónde está mi pedido?\n\n> Su pedido fue enviado.\n",
      content: {
        kind: "email",
        subject: "Mi pedido nº 42",
        from: "ana.perez@example.com",
        to: ["soporte@atiende.test", "otro@atiende.test"],
        cc: ["jefe@example.com"],
      },
      media: [],
      threadRefs: [],
    });
  });

  it("turns an HTML only mail into plain text and keeps no markup", async () => {
    const mail = raw(
      "From: ana@example.com",
      "To: soporte@atiende.test",
      "Subject: HTML",
      "Message-ID: <html@example.com>",
      "MIME-Version: 1.0",
      "Content-Type: text/html; charset=utf-8",
      "",
      '<html><body><p>Hola <b>equipo</b>,</p><p>necesito <a href="https://example.com/x">ayuda</a>.</p>',
      "<script>alert(1)</script></body></html>",
    );

    const message = await parseEmail(mail, { accountId: ACCOUNT, storeAttachment: noStore });

    expect(message.text).toContain("Hola equipo");
    expect(message.text).toContain("necesito ayuda");
    expect(message.text).not.toMatch(/<[a-z/][^>]*>/i);
    expect(message.text).not.toContain("alert(1)");
  });

  it("prefers the plain text part of a mail that has both", async () => {
    const mail = raw(
      "From: ana@example.com",
      "To: soporte@atiende.test",
      "Subject: Both",
      "Message-ID: <both@example.com>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/alternative; boundary="alt"',
      "",
      "--alt",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Texto plano",
      "--alt",
      "Content-Type: text/html; charset=utf-8",
      "",
      "<p>Texto <i>HTML</i></p>",
      "--alt--",
    );

    const message = await parseEmail(mail, { accountId: ACCOUNT, storeAttachment: noStore });

    expect(message.text.trim()).toBe("Texto plano");
  });

  it("stores every attachment and lists it as stored media, but not an unnamed image of the layout", async () => {
    const { files, store } = memoryStore();
    const pdf = Buffer.from("%PDF-1.4 factura");
    const photo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const mail = raw(
      "From: ana@example.com",
      "To: soporte@atiende.test",
      "Subject: Adjuntos",
      "Message-ID: <att@example.com>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="mix"',
      "",
      "--mix",
      'Content-Type: multipart/related; boundary="rel"',
      "",
      "--rel",
      "Content-Type: text/html; charset=utf-8",
      "",
      '<p>Ver factura</p><img src="cid:logo@x">',
      "--rel",
      "Content-Type: image/png",
      "Content-ID: <logo@x>",
      "Content-Disposition: inline",
      "Content-Transfer-Encoding: base64",
      "",
      Buffer.from([1, 2, 3]).toString("base64"),
      "--rel--",
      "--mix",
      'Content-Type: application/pdf; name="factura.pdf"',
      'Content-Disposition: attachment; filename="factura.pdf"',
      "Content-Transfer-Encoding: base64",
      "",
      pdf.toString("base64"),
      "--mix",
      "Content-Type: image/png",
      'Content-Disposition: inline; filename="foto.png"',
      "Content-Transfer-Encoding: base64",
      "",
      photo.toString("base64"),
      "--mix--",
    );

    const message = await parseEmail(mail, { accountId: ACCOUNT, storeAttachment: store });

    expect(files.map(({ name, contentType }) => ({ name, contentType }))).toEqual([
      { name: "factura.pdf", contentType: "application/pdf" },
      { name: "foto.png", contentType: "image/png" },
    ]);
    expect(Buffer.from(files[0]!.bytes)).toEqual(pdf);
    expect(Buffer.from(files[1]!.bytes)).toEqual(photo);
    expect(message.media).toEqual([
      {
        source: { from: "stored", key: "mail/1", size: pdf.byteLength },
        mimeType: "application/pdf",
        fileName: "factura.pdf",
      },
      {
        source: { from: "stored", key: "mail/2", size: photo.byteLength },
        mimeType: "image/png",
        fileName: "foto.png",
      },
    ]);
    expect(message.content.kind).toBe("email");
  });

  it("lists the References, then In-Reply-To, once each, oldest first", async () => {
    const mail = raw(
      "From: ana@example.com",
      "To: soporte@atiende.test",
      "Subject: Re: Re: Pedido",
      "Message-ID: <third@example.com>",
      "In-Reply-To: <second@atiende.test>",
      "References: <first@example.com>",
      " <second@atiende.test>",
      "",
      "Gracias",
    );

    const message = await parseEmail(mail, { accountId: ACCOUNT, storeAttachment: noStore });

    expect(message.threadRefs).toEqual(["<first@example.com>", "<second@atiende.test>"]);
  });

  it("gives a mail without Message-ID an id of its bytes, the same on every delivery", async () => {
    const lines = ["From: ana@example.com", "To: soporte@atiende.test", "Subject: Sin id", "", "Hola"];

    const first = await parseEmail(raw(...lines), { accountId: ACCOUNT, storeAttachment: noStore });
    const again = await parseEmail(raw(...lines), { accountId: ACCOUNT, storeAttachment: noStore });
    const other = await parseEmail(raw(...lines.slice(0, -1), "Hola otra vez"), {
      accountId: ACCOUNT,
      storeAttachment: noStore,
    });

    expect(first.externalId).toMatch(/^<[0-9a-f]{64}@atiende\.invalid>$/);
    expect(again.externalId).toBe(first.externalId);
    expect(other.externalId).not.toBe(first.externalId);
  });

  it("dates a mail without a Date header when it is read", async () => {
    const before = Date.now();

    const message = await parseEmail(raw("From: ana@example.com", "Subject: x", "", "Hola"), {
      accountId: ACCOUNT,
      storeAttachment: noStore,
    });

    expect(Date.parse(message.sentAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(message.sentAt)).toBeLessThanOrEqual(Date.now());
  });

  it("refuses a mail without a From address", async () => {
    const mail = raw(
      "To: soporte@atiende.test",
      "Subject: Anónimo",
      "Message-ID: <anon@example.com>",
      "",
      "Hola",
    );

    await expect(parseEmail(mail, { accountId: ACCOUNT, storeAttachment: noStore })).rejects.toThrow(
      UnreadableEmailError,
    );
  });
});
