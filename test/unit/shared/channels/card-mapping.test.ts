import { describe, expect, it } from "vitest";
import { type CardContent, cardText } from "../../../../shared/channels/card-content.js";
import { toSendApiRequests } from "../../../../shared/channels/messenger/send-api-message.js";
import type { OutgoingFile, OutgoingMessage } from "../../../../shared/channels/outbound.js";
import { toGraphMessage } from "../../../../shared/channels/whatsapp/graph-message.js";

const MAP: OutgoingFile = {
  name: "cajeros.png",
  contentType: "image/png",
  size: 20_000,
  url: "https://files.example/cajeros",
};

const ATM: CardContent = {
  kind: "card",
  cardId: "crd_atm",
  title: "Cajeros sin comisión",
  body: "Terminal 4, planta 0.",
  links: [{ title: "Mapa", url: "https://banco.example/mapa" }],
};

const outgoing = (card: CardContent, files: OutgoingFile[], channel: "whatsapp" | "messenger" = "whatsapp") =>
  ({
    channel,
    accountId: "ACCOUNT",
    to: "5491100000000",
    text: cardText(card),
    content: card,
    files,
  }) satisfies OutgoingMessage;

const ENVELOPE = { messaging_product: "whatsapp", recipient_type: "individual", to: "5491100000000" };
const WORDS = "Cajeros sin comisión\n\nTerminal 4, planta 0.\n\nMapa: https://banco.example/mapa";

describe("a card's words", () => {
  it("are its title, body, links and the form's fields to answer, in that order", () => {
    const text = cardText({
      ...ATM,
      form: [
        { name: "destino", label: "Destino", type: "text", required: true },
        { name: "zona", label: "Zona", type: "select", options: ["Europa", "Asia"], required: true },
      ],
    });
    expect(text).toBe(`${WORDS}\n\nResponda con:\n- Destino\n- Zona (Europa / Asia)`);
  });
});

describe("a card on WhatsApp", () => {
  it("with an image and no buttons is the image with its words as the caption", () => {
    expect(toGraphMessage(outgoing(ATM, [MAP]))).toEqual({
      ...ENVELOPE,
      type: "image",
      image: { link: MAP.url, caption: WORDS },
    });
  });

  it("with buttons is reply buttons with the image as header", () => {
    const card = { ...ATM, buttons: [{ id: "b1", title: "Lo encontré" }] };
    expect(toGraphMessage(outgoing(card, [MAP]))).toEqual({
      ...ENVELOPE,
      type: "interactive",
      interactive: {
        type: "button",
        header: { type: "image", image: { link: MAP.url } },
        body: { text: WORDS },
        action: { buttons: [{ type: "reply", reply: { id: "b1", title: "Lo encontré" } }] },
      },
    });
  });

  it("with buttons and no image is reply buttons without a header", () => {
    const card = {
      ...ATM,
      links: [],
      buttons: [
        { id: "b1", title: "Contratar" },
        { id: "b2", title: "Más información" },
      ],
    };
    expect(toGraphMessage(outgoing(card, []))).toEqual({
      ...ENVELOPE,
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "Cajeros sin comisión\n\nTerminal 4, planta 0." },
        action: {
          buttons: [
            { type: "reply", reply: { id: "b1", title: "Contratar" } },
            { type: "reply", reply: { id: "b2", title: "Más información" } },
          ],
        },
      },
    });
  });

  it("with neither is a text whose links show a preview", () => {
    expect(toGraphMessage(outgoing(ATM, []))).toEqual({
      ...ENVELOPE,
      type: "text",
      text: { body: WORDS, preview_url: true },
    });
  });

  it("cuts a caption longer than WhatsApp takes at 1024 characters", () => {
    const card = { ...ATM, links: [], body: "x".repeat(2000) };
    const request = toGraphMessage(outgoing(card, [MAP])) as { image: { caption: string } };
    expect(Array.from(request.image.caption)).toHaveLength(1024);
  });
});

describe("a card on Messenger", () => {
  it("is its image first, then its words with the buttons as quick replies", () => {
    const card = { ...ATM, buttons: [{ id: "b1", title: "Lo encontré" }] };
    expect(toSendApiRequests(outgoing(card, [MAP], "messenger"))).toEqual([
      {
        recipient: { id: "5491100000000" },
        messaging_type: "RESPONSE",
        message: { attachment: { type: "image", payload: { url: MAP.url, is_reusable: false } } },
      },
      {
        recipient: { id: "5491100000000" },
        messaging_type: "RESPONSE",
        message: {
          text: WORDS,
          quick_replies: [{ content_type: "text", title: "Lo encontré", payload: "b1" }],
        },
      },
    ]);
  });
});
