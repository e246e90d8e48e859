import { describe, expect, it } from "vitest";
import type { MessageContent } from "../../../../../shared/channels/inbound.js";
import {
  toSendApiRequest,
  toSendApiRequests,
} from "../../../../../shared/channels/messenger/send-api-message.js";
import { ChannelSendError, type OutgoingMessage } from "../../../../../shared/channels/outbound.js";

const PSID = "1254477777772919";

function outgoing(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    channel: "messenger",
    accountId: "111899832631525",
    to: PSID,
    text: "Hola, ¿en qué le ayudo?",
    content: { kind: "text" },
    files: [],
    ...overrides,
  };
}

function file(name: string, contentType: string) {
  return { name, contentType, size: 1024, url: `https://files.example/${name}?X-Amz-Signature=abc` };
}

function refusal(send: () => unknown) {
  try {
    send();
  } catch (error) {
    if (error instanceof ChannelSendError) return { transient: error.transient, code: error.code };
    throw error;
  }
  throw new Error("expected a ChannelSendError");
}

describe("a message as Send API requests", () => {
  it("sends text as a response to the customer's PSID", () => {
    expect(toSendApiRequest(outgoing())).toEqual({
      recipient: { id: PSID },
      messaging_type: "RESPONSE",
      message: { text: "Hola, ¿en qué le ayudo?" },
    });
  });

  it("tags a reply sent after 24 h as a human agent's", () => {
    const request = toSendApiRequest(outgoing({ humanAgentTag: true }));

    expect(request).toMatchObject({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
  });

  it("ignores the message it answers, which the Send API cannot quote", () => {
    const request = toSendApiRequest(outgoing({ replyToExternalId: "m_abc" }));

    expect(JSON.stringify(request)).not.toContain("m_abc");
  });

  it.each([
    ["image/jpeg", "image"],
    ["video/mp4", "video"],
    ["audio/ogg", "audio"],
    ["application/pdf", "file"],
    ["text/plain", "file"],
  ])("sends a %s file as an %s attachment from its presigned URL", (contentType, type) => {
    const attachment = file("recibo", contentType);

    const request = toSendApiRequest(
      outgoing({ text: "", content: { kind: "media", mediaType: "file" }, files: [attachment] }),
    );

    expect(request).toEqual({
      recipient: { id: PSID },
      messaging_type: "RESPONSE",
      message: { attachment: { type, payload: { url: attachment.url, is_reusable: false } } },
    });
  });

  it("sends the text first, then one request per file, all with the same tag", () => {
    const photo = file("foto.jpg", "image/jpeg");
    const receipt = file("recibo.pdf", "application/pdf");

    const requests = toSendApiRequests(
      outgoing({
        text: "Le envío los documentos",
        content: { kind: "media", mediaType: "image" },
        files: [photo, receipt],
        humanAgentTag: true,
      }),
    );

    expect(requests.map((request) => request.message)).toEqual([
      { text: "Le envío los documentos" },
      { attachment: { type: "image", payload: { url: photo.url, is_reusable: false } } },
      { attachment: { type: "file", payload: { url: receipt.url, is_reusable: false } } },
    ]);
    expect(requests.every((request) => request.tag === "HUMAN_AGENT")).toBe(true);
  });

  it("will not squeeze a message of several requests into one", () => {
    const message = outgoing({ files: [file("foto.jpg", "image/jpeg")] });

    expect(() => toSendApiRequest(message)).toThrow(/toSendApiRequests/);
  });

  it("sends reply buttons as a button template of postback buttons", () => {
    const request = toSendApiRequest(
      outgoing({
        text: "¿Cómo desea seguir?",
        content: {
          kind: "buttons",
          buttons: [
            { id: "agent", title: "Hablar con un agente" },
            { id: "status", title: "Estado de mi solicitud de crédito" },
          ],
        },
      }),
    );

    expect(request.message).toEqual({
      attachment: {
        type: "template",
        payload: {
          template_type: "button",
          text: "¿Cómo desea seguir?",
          buttons: [
            { type: "postback", title: "Hablar con un agente", payload: "agent" },
            { type: "postback", title: "Estado de mi solici…", payload: "status" },
          ],
        },
      },
    });
  });

  it("never cuts an emoji in half when it shortens a title", () => {
    const request = toSendApiRequest(
      outgoing({ content: { kind: "buttons", buttons: [{ id: "ok", title: `${"👍🏽".repeat(25)}` }] } }),
    );

    const [button] = (request.message as { attachment: { payload: { buttons: { title: string }[] } } })
      .attachment.payload.buttons;
    expect(button!.title).toBe(`${"👍🏽".repeat(19)}…`);
  });

  it("refuses more than three buttons", () => {
    const buttons = ["a", "b", "c", "d"].map((id) => ({ id, title: id }));

    expect(refusal(() => toSendApiRequests(outgoing({ content: { kind: "buttons", buttons } })))).toEqual({
      transient: false,
      code: "too_many_buttons",
    });
  });

  it("sends a list as quick replies under the text, every section's rows in order", () => {
    const request = toSendApiRequest(
      outgoing({
        text: "Elija una sucursal",
        content: {
          kind: "list",
          buttonLabel: "Ver sucursales",
          sections: [
            { title: "Centro", rows: [{ id: "suc-1", title: "Alameda", description: "Av. Libertador 1" }] },
            { title: "Oriente", rows: [{ id: "suc-2", title: "Providencia" }] },
          ],
        },
      }),
    );

    expect(request.message).toEqual({
      text: "Elija una sucursal",
      quick_replies: [
        { content_type: "text", title: "Alameda", payload: "suc-1" },
        { content_type: "text", title: "Providencia", payload: "suc-2" },
      ],
    });
  });

  it("puts the list's label above the quick replies when there is no text", () => {
    const request = toSendApiRequest(
      outgoing({
        text: "",
        content: {
          kind: "list",
          buttonLabel: "Ver opciones",
          sections: [{ rows: [{ id: "1", title: "Uno" }] }],
        },
      }),
    );

    expect(request.message).toMatchObject({ text: "Ver opciones" });
  });

  it("sends a list of thirteen rows and refuses one of fourteen", () => {
    const rows = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ id: `r${i}`, title: `Opción ${i}` }));
    const list = (count: number) =>
      outgoing({ content: { kind: "list", buttonLabel: "Ver", sections: [{ rows: rows(count) }] } });

    const thirteen = toSendApiRequest(list(13));

    expect((thirteen.message as { quick_replies: unknown[] }).quick_replies).toHaveLength(13);
    expect(refusal(() => toSendApiRequests(list(14)))).toEqual({ transient: false, code: "list_too_long" });
  });

  it.each<[string, MessageContent]>([
    ["template", { kind: "template", name: "recordatorio", language: "es", parameters: [] }],
    ["reaction", { kind: "reaction", emoji: "👍", targetExternalId: "m_abc" }],
  ])("refuses a WhatsApp-only %s for good", (_, content) => {
    expect(refusal(() => toSendApiRequests(outgoing({ content })))).toEqual({
      transient: false,
      code: "unsupported_content",
    });
  });

  it("refuses a message with no words and no file", () => {
    expect(refusal(() => toSendApiRequests(outgoing({ text: "  " })))).toEqual({
      transient: false,
      code: "empty_message",
    });
  });
});
