// The simulated Messenger: the page's messages as the Send API received them (`message`), the
// customer's as their webhook carried them (`event`).
import { el, mediaUrl, safeLink, startPhone } from "./phone-kit.js";

/** A line of text standing for a message, for quotes and the reply bar. */
function describe(message) {
  if (message.from === "customer") {
    const { event } = message;
    if (event.postback) return `↪ ${event.postback.title}`;
    return event.message.text ?? `[${event.message.attachments?.[0]?.type}]`;
  }
  const { text, attachment } = message.message;
  if (text) return text;
  if (attachment.type !== "template") return `[${attachment.type}]`;
  return attachment.payload.text ?? attachment.payload.elements?.[0]?.title ?? "[template]";
}

function file(message, type) {
  if (!message.media) return el("em", { text: "Archivo no disponible / File unavailable" });
  const src = mediaUrl(message.media.id);
  if (type === "image") return el("img", { src, alt: "imagen / image" });
  if (type === "video") return el("video", { src, controls: true });
  if (type === "audio") return el("audio", { src, controls: true });
  return el("a", {
    href: src,
    download: message.media.fileName ?? "archivo",
    text: `📄 ${message.media.fileName ?? "archivo / file"}`,
  });
}

function buttons(message, list, ctx) {
  return el(
    "div",
    { class: "choices" },
    (list ?? []).map((button) => {
      if (button.type === "web_url") return safeLink(button.url, `🔗 ${button.title}`);
      if (button.type === "phone_number")
        return el("span", { text: `📞 ${button.title} (${button.payload})` });
      return el("button", {
        type: "button",
        text: button.title,
        onclick: () => ctx.send({ type: "postback", messageId: message.id, payload: button.payload }),
      });
    }),
  );
}

function template(message, ctx) {
  const { payload } = message.message.attachment;
  if (payload.template_type === "button")
    return [el("div", { text: payload.text }), buttons(message, payload.buttons, ctx)];
  return payload.elements.map((element) =>
    el(
      "div",
      { class: "card" },
      el("div", { class: "header", text: element.title }),
      element.subtitle && el("div", { class: "footer", text: element.subtitle }),
      buttons(message, element.buttons, ctx),
    ),
  );
}

function quote(message, chat) {
  const id = message.from === "customer" ? message.event.message?.reply_to?.mid : undefined;
  const quoted = id && chat.messages.find((other) => other.id === id);
  return quoted ? el("div", { class: "quote", text: describe(quoted) }) : undefined;
}

function render(message, chat, ctx) {
  if (message.from === "customer") {
    const { event } = message;
    if (event.postback) return el("div", { text: `↪ ${event.postback.title}` });
    const attachment = event.message.attachments?.[0];
    return el(
      "div",
      {},
      quote(message, chat),
      attachment ? file(message, attachment.type) : el("div", { text: event.message.text }),
    );
  }
  const { text, attachment } = message.message;
  if (text) return el("div", { text });
  if (attachment.type === "template") return el("div", {}, template(message, ctx));
  return file(message, attachment.type);
}

/** The quick replies under the page's last message, until the customer answers. */
function suggestions(chat, ctx) {
  const last = chat.messages.at(-1);
  if (last?.from !== "business") return [];
  return (last.message.quick_replies ?? [])
    .filter((reply) => reply.content_type === "text")
    .map((reply) =>
      el("button", {
        type: "button",
        text: reply.title,
        onclick: () => ctx.send({ type: "quick_reply", messageId: last.id, payload: String(reply.payload) }),
      }),
    );
}

function ticks(message) {
  if (message.from === "customer")
    return message.status === "seen" ? el("span", { class: "read", text: "Visto / Seen" }) : undefined;
  if (message.status === "read") return el("span", { class: "read", text: "Visto / Seen" });
  return el("span", {
    title: message.status === "delivered" ? "Entregado / Delivered" : "Enviado / Sent",
    text: message.status === "delivered" ? "✓✓" : "✓",
  });
}

/** One line for the webhook log: what kind of messaging event it was. */
function summarise(body) {
  const event = body.entry?.[0]?.messaging?.[0] ?? {};
  if (event.message?.is_echo) return "eco / echo";
  if (event.message) return "mensaje / message";
  if (event.postback) return "postback";
  if (event.delivery) return "entrega / delivery";
  if (event.read) return "leído / read";
  return "?";
}

function fileBody(mimeType) {
  const [kind] = mimeType.split("/");
  return { type: ["image", "video", "audio"].includes(kind) ? kind : "file" };
}

startPhone({
  name: "messenger",
  describe,
  render,
  suggestions,
  ticks,
  summarise,
  textBody: (text) => ({ type: "text", text }),
  fileBody,
});
