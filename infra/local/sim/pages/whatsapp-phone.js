// The simulated WhatsApp phone: business messages as the Cloud API received them (`request`),
// the customer's as their webhook carried them (`message`).
import { el, mediaUrl, startPhone } from "./phone-kit.js";

const EMOJIS = ["👍", "❤️", "😂", "😮", "😢", "🙏"];

const content = (message) => (message.from === "business" ? message.request : message.message);

/** A line of text standing for a message, for quotes and the reply bar. */
function describe(message) {
  const m = content(message);
  switch (m.type) {
    case "text":
      return m.text.body;
    case "interactive":
      return (
        m.interactive.body?.text ?? m.interactive.button_reply?.title ?? m.interactive.list_reply?.title ?? ""
      );
    case "template":
      return `Plantilla / Template ${m.template.name}`;
    case "location":
      return `📍 ${m.location.name ?? `${m.location.latitude}, ${m.location.longitude}`}`;
    default:
      return m[m.type]?.caption ?? m[m.type]?.filename ?? `[${m.type}]`;
  }
}

function file(message, kind, object) {
  if (!message.media)
    return el("em", {
      text:
        message.status === "failed"
          ? "Archivo no disponible / File unavailable"
          : "Descargando… / Downloading…",
    });
  const src = mediaUrl(message.media.id);
  switch (kind) {
    case "image":
    case "sticker":
      return el("img", { src, alt: object?.caption ?? kind });
    case "video":
      return el("video", { src, controls: true });
    case "audio":
      return el("audio", { src, controls: true });
    default:
      return el("a", {
        href: src,
        download: message.media.fileName ?? "archivo",
        text: `📄 ${message.media.fileName ?? object?.filename ?? "documento / document"}`,
      });
  }
}

function quote(message, chat) {
  const id = message.from === "business" ? message.request.context?.message_id : message.message.context?.id;
  const quoted = id && chat.messages.find((other) => other.id === id);
  return quoted ? el("div", { class: "quote", text: describe(quoted) }) : undefined;
}

function template(request) {
  const { name, language, components = [] } = request.template;
  return [
    el("div", { class: "template-name", text: `Plantilla / Template: ${name} · ${language.code}` }),
    ...components.map((component) =>
      el("div", {
        text: `${component.type}${component.sub_type ? ` (${component.sub_type})` : ""}: ${(
          component.parameters ?? []
        )
          .map((parameter) => parameter.text ?? parameter.payload ?? `[${parameter.type}]`)
          .join(" · ")}`,
      }),
    ),
  ];
}

function interactive(message, ctx) {
  const { interactive } = message.request;
  const tappable = message.status !== "failed";
  const choices =
    interactive.type === "button"
      ? el(
          "div",
          { class: "choices" },
          interactive.action.buttons.map(({ reply }) =>
            el("button", {
              type: "button",
              disabled: !tappable,
              text: reply.title,
              onclick: () => ctx.send({ type: "button_reply", messageId: message.id, buttonId: reply.id }),
            }),
          ),
        )
      : el(
          "details",
          { class: "choices" },
          el("summary", { text: `☰ ${interactive.action.button}` }),
          interactive.action.sections.map((section) => [
            section.title && el("strong", { text: section.title }),
            section.rows.map((row) =>
              el("button", {
                type: "button",
                disabled: !tappable,
                text: row.description ? `${row.title} — ${row.description}` : row.title,
                onclick: () => ctx.send({ type: "list_reply", messageId: message.id, rowId: row.id }),
              }),
            ),
          ]),
        );
  return [
    interactive.header?.text && el("div", { class: "header", text: interactive.header.text }),
    el("div", { text: interactive.body.text }),
    interactive.footer && el("div", { class: "footer", text: interactive.footer.text }),
    choices,
  ];
}

function render(message, chat, ctx) {
  const m = content(message);
  if (m.type === "reaction") return undefined;
  const body = (() => {
    switch (m.type) {
      case "text":
        return el("div", { text: m.text.body });
      case "location":
        return el("div", {
          text: `📍 ${[m.location.name, m.location.address].filter(Boolean).join(", ")} (${m.location.latitude}, ${m.location.longitude})`,
        });
      case "interactive":
        return message.from === "business"
          ? interactive(message, ctx)
          : el("div", { text: `↪ ${m.interactive.button_reply?.title ?? m.interactive.list_reply?.title}` });
      case "template":
        return template(m);
      default:
        return [
          file(message, m.type, m[m.type]),
          m[m.type]?.caption && el("div", { text: m[m.type].caption }),
        ];
    }
  })();
  return el("div", {}, quote(message, chat), body);
}

/** The latest reaction of each side to `message`; an empty emoji took it back. */
function reactions(message, chat) {
  const latest = {};
  for (const other of chat.messages) {
    const m = content(other);
    if (m.type === "reaction" && m.reaction.message_id === message.id) latest[other.from] = m.reaction.emoji;
  }
  return Object.values(latest).filter(Boolean).join(" ");
}

function actions(message, _chat, ctx) {
  if (content(message).type === "reaction") return undefined;
  return el(
    "details",
    { class: "react-picker" },
    el("summary", { title: "Reaccionar / React", text: "☺" }),
    [...EMOJIS, ""].map((emoji) =>
      el("button", {
        type: "button",
        title: emoji ? emoji : "Quitar reacción / Remove reaction",
        text: emoji || "✕",
        onclick: () => ctx.send({ type: "reaction", messageId: message.id, emoji }),
      }),
    ),
  );
}

function ticks(message) {
  if (message.from === "customer")
    return el("span", {
      class: message.status === "read" ? "read" : "",
      title:
        message.status === "read" ? "Leído por la empresa / Read by the business" : "Entregado / Delivered",
      text: "✓✓",
    });
  switch (message.status) {
    case "accepted":
      return el("span", { title: "Aceptado / Accepted", text: "🕓" });
    case "sent":
      return el("span", { title: "Enviado / Sent", text: "✓" });
    case "delivered":
      return el("span", { title: "Entregado / Delivered", text: "✓✓" });
    case "read":
      return el("span", { class: "read", title: "Leído / Read", text: "✓✓" });
    default:
      return el("span", { class: "failed", text: `⚠ ${message.error?.code} ${message.error?.title}` });
  }
}

/** One line for the webhook log: what kind of webhook it was. */
function summarise(body) {
  const value = body.entry?.[0]?.changes?.[0]?.value ?? {};
  if (value.messages) return `mensaje / message: ${value.messages[0].type}`;
  if (value.statuses) return `estado / status: ${value.statuses[0].status}`;
  return "?";
}

function fileBody(mimeType) {
  if (/^image\/(jpeg|png)$/.test(mimeType)) return { type: "image" };
  if (mimeType.startsWith("video/")) return { type: "video" };
  if (mimeType.startsWith("audio/")) return { type: "audio" };
  return { type: "document" };
}

startPhone({
  name: "whatsapp",
  describe,
  render,
  reactions,
  actions,
  ticks,
  summarise,
  textBody: (text) => ({ type: "text", text }),
  fileBody,
});
