import { describe, expect, it } from "vitest";
import type { MessageContent } from "../../../../../shared/channels/inbound.js";
import {
  ChannelSendError,
  type OutgoingFile,
  type OutgoingMessage,
} from "../../../../../shared/channels/outbound.js";
import { toGraphMessage } from "../../../../../shared/channels/whatsapp/graph-message.js";

const outgoing = (content: MessageContent, more: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  channel: "whatsapp",
  accountId: "PNID",
  to: "5491100000000",
  text: "Hola",
  content,
  files: [],
  ...more,
});

const file = (contentType: string, more: Partial<OutgoingFile> = {}): OutgoingFile => ({
  name: "archivo.bin",
  contentType,
  size: 1000,
  url: "https://files.example/presigned",
  ...more,
});

const ENVELOPE = { messaging_product: "whatsapp", recipient_type: "individual", to: "5491100000000" };

function sendError(act: () => unknown): ChannelSendError {
  try {
    act();
  } catch (error) {
    if (error instanceof ChannelSendError) return error;
    throw error;
  }
  throw new Error("expected a ChannelSendError");
}

describe("toGraphMessage", () => {
  it("sends text without a link preview when it holds no URL", () => {
    const body = toGraphMessage(outgoing({ kind: "text" }));

    expect(body).toEqual({ ...ENVELOPE, type: "text", text: { body: "Hola", preview_url: false } });
  });

  it("asks for a link preview when the text holds a URL", () => {
    const body = toGraphMessage(outgoing({ kind: "text" }, { text: "Mirá https://atiende.dev/estado" }));

    expect(body).toMatchObject({ type: "text", text: { preview_url: true } });
  });

  it("answers in context of the message it replies to", () => {
    const body = toGraphMessage(outgoing({ kind: "text" }, { replyToExternalId: "wamid.abc" }));

    expect(body).toMatchObject({ context: { message_id: "wamid.abc" } });
  });

  it("sends one file by its content type, linked, with the text as caption", () => {
    const image = toGraphMessage(
      outgoing({ kind: "media", mediaType: "image" }, { files: [file("image/jpeg")] }),
    );
    const video = toGraphMessage(
      outgoing({ kind: "media", mediaType: "video" }, { files: [file("video/mp4")] }),
    );

    expect(image).toEqual({
      ...ENVELOPE,
      type: "image",
      image: { link: "https://files.example/presigned", caption: "Hola", filename: undefined },
    });
    expect(video).toMatchObject({
      type: "video",
      video: { link: "https://files.example/presigned", caption: "Hola" },
    });
  });

  it("sends a document with its file name and caption", () => {
    const pdf = file("application/pdf", { name: "factura.pdf" });

    const body = toGraphMessage(outgoing({ kind: "media", mediaType: "document" }, { files: [pdf] }));

    expect(body).toMatchObject({
      type: "document",
      document: { link: pdf.url, caption: "Hola", filename: "factura.pdf" },
    });
  });

  it("sends audio and stickers without a caption, which WhatsApp refuses on them", () => {
    const audio = toGraphMessage(outgoing({ kind: "text" }, { files: [file("audio/ogg; codecs=opus")] }));
    const sticker = toGraphMessage(outgoing({ kind: "text" }, { files: [file("image/webp")] }));

    expect(audio).toEqual({ ...ENVELOPE, type: "audio", audio: { link: "https://files.example/presigned" } });
    expect(sticker).toEqual({
      ...ENVELOPE,
      type: "sticker",
      sticker: { link: "https://files.example/presigned" },
    });
  });

  it("sends as a document what WhatsApp cannot show inline: other types and oversized files", () => {
    const gif = toGraphMessage(outgoing({ kind: "text" }, { files: [file("image/gif", { name: "a.gif" })] }));
    const bigPhoto = toGraphMessage(
      outgoing({ kind: "text" }, { files: [file("image/png", { name: "b.png", size: 6 * 1024 * 1024 })] }),
    );

    expect(gif).toMatchObject({ type: "document", document: { filename: "a.gif" } });
    expect(bigPhoto).toMatchObject({ type: "document", document: { filename: "b.png" } });
  });

  it("refuses several files in one message", () => {
    const message = outgoing({ kind: "text" }, { files: [file("image/png"), file("image/png")] });

    const error = sendError(() => toGraphMessage(message));

    expect(error).toMatchObject({ transient: false, code: "too_many_files" });
  });

  it("sends reply buttons with their titles cut to 20 characters", () => {
    const content: MessageContent = {
      kind: "buttons",
      buttons: [
        { id: "si", title: "Sí" },
        { id: "largo", title: "Quiero hablar con una persona" },
      ],
    };

    const body = toGraphMessage(outgoing(content, { text: "¿Te ayudo?" }));

    expect(body).toEqual({
      ...ENVELOPE,
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "¿Te ayudo?" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "si", title: "Sí" } },
            { type: "reply", reply: { id: "largo", title: "Quiero hablar con un" } },
          ],
        },
      },
    });
  });

  it("refuses more than three buttons", () => {
    const buttons = ["a", "b", "c", "d"].map((id) => ({ id, title: id }));

    const error = sendError(() => toGraphMessage(outgoing({ kind: "buttons", buttons })));

    expect(error).toMatchObject({ transient: false, code: "too_many_buttons" });
  });

  it("sends a list with its labels cut to WhatsApp's lengths", () => {
    const content: MessageContent = {
      kind: "list",
      buttonLabel: "Ver todas las sucursales disponibles",
      sections: [
        {
          title: "Sucursales de la zona norte",
          rows: [
            { id: "s1", title: "Sucursal Palermo Soho Centro", description: "x".repeat(80) },
            { id: "s2", title: "Belgrano" },
          ],
        },
      ],
    };

    const body = toGraphMessage(outgoing(content, { text: "Elegí una sucursal" }));

    expect(body).toEqual({
      ...ENVELOPE,
      type: "interactive",
      interactive: {
        type: "list",
        body: { text: "Elegí una sucursal" },
        action: {
          button: "Ver todas las sucurs",
          sections: [
            {
              title: "Sucursales de la zona no",
              rows: [
                { id: "s1", title: "Sucursal Palermo Soho Ce", description: "x".repeat(72) },
                { id: "s2", title: "Belgrano", description: undefined },
              ],
            },
          ],
        },
      },
    });
  });

  it("cuts by characters, leaving no emoji split in half", () => {
    const content: MessageContent = {
      kind: "buttons",
      buttons: [{ id: "e", title: `${"a".repeat(19)}👍👍` }],
    };

    const body = toGraphMessage(outgoing(content));

    expect(body).toMatchObject({
      interactive: { action: { buttons: [{ reply: { title: `${"a".repeat(19)}👍` } }] } },
    });
  });

  it("refuses a list of more than ten rows in all", () => {
    const rows = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, index) => ({ id: `${prefix}${index}`, title: `${prefix}${index}` }));
    const content: MessageContent = {
      kind: "list",
      buttonLabel: "Ver",
      sections: [{ rows: rows("a", 6) }, { rows: rows("b", 5) }],
    };

    const error = sendError(() => toGraphMessage(outgoing(content)));

    expect(error).toMatchObject({ transient: false, code: "list_too_long" });
  });

  it("sends a template with its body parameters", () => {
    const content: MessageContent = {
      kind: "template",
      name: "recordatorio_turno",
      language: "es_AR",
      parameters: ["Ana", "lunes 10:00"],
    };

    const body = toGraphMessage(outgoing(content));

    expect(body).toEqual({
      ...ENVELOPE,
      type: "template",
      template: {
        name: "recordatorio_turno",
        language: { code: "es_AR" },
        components: [
          {
            type: "body",
            parameters: [
              { type: "text", text: "Ana" },
              { type: "text", text: "lunes 10:00" },
            ],
          },
        ],
      },
    });
  });

  it("sends a template without parameters with no components", () => {
    const content: MessageContent = { kind: "template", name: "hola", language: "es", parameters: [] };

    const body = toGraphMessage(outgoing(content));

    expect(body).toEqual({
      ...ENVELOPE,
      type: "template",
      template: { name: "hola", language: { code: "es" } },
    });
  });

  it("sends a reaction to the message it targets", () => {
    const content: MessageContent = { kind: "reaction", emoji: "👍", targetExternalId: "wamid.abc" };

    const body = toGraphMessage(outgoing(content));

    expect(body).toEqual({
      ...ENVELOPE,
      type: "reaction",
      reaction: { message_id: "wamid.abc", emoji: "👍" },
    });
  });

  it("refuses content WhatsApp cannot carry, and files on interactive content", () => {
    const email: MessageContent = { kind: "email", subject: "Hola", from: "a@b.c", to: [], cc: [] };
    const buttons: MessageContent = { kind: "buttons", buttons: [{ id: "a", title: "A" }] };

    const unsupported = sendError(() => toGraphMessage(outgoing(email)));
    const withFile = sendError(() => toGraphMessage(outgoing(buttons, { files: [file("image/png")] })));

    expect(unsupported).toMatchObject({ transient: false, code: "unsupported_content" });
    expect(withFile).toMatchObject({ transient: false, code: "files_not_allowed" });
  });
});
