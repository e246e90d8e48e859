import type { Hono } from "hono";
import { escapeHtml } from "../escape-html.js";
import { serveSimulatorPage } from "./serve-sim-page.js";

export type PhonePageOptions = {
  channel: "whatsapp" | "messenger";
  title: string;
  /** Where the simulator app is mounted (the path of its `publicUrl`), for the page's own links. */
  basePath: string;
  identityLabel: string;
  identityPattern: string;
  defaultIdentity: string;
  defaultName: string;
  /** WhatsApp customers can share their location; Messenger dropped that. */
  withLocation: boolean;
};

function html(o: PhonePageOptions) {
  const base = escapeHtml(o.basePath);
  const location = o.withLocation
    ? `<button type="button" id="location" title="Enviar ubicación / Send location">📍</button>`
    : "";
  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title)}</title>
<link rel="stylesheet" href="${base}/phone.css">
<script type="module" src="${base}/${o.channel}-phone.js"></script>
</head>
<body class="${o.channel}" data-base="${base}">
<main class="layout">
  <section class="setup">
    <h1>${escapeHtml(o.title)}</h1>
    <form id="identity">
      <label>${escapeHtml(o.identityLabel)}
        <input name="id" required pattern="${escapeHtml(o.identityPattern)}" value="${escapeHtml(o.defaultIdentity)}"></label>
      <label>Nombre / Name <input name="name" required maxlength="60" value="${escapeHtml(o.defaultName)}"></label>
      <button>Abrir chat / Open chat</button>
    </form>
    <h2>Chats</h2>
    <ul id="chats" class="chats"></ul>
    <h2>Pruebas / Testing</h2>
    <label class="toggle"><input type="checkbox" id="outage"> Caída de Meta (503) / Meta outage (503)</label>
    <button type="button" id="age">Envejecer el chat 25 h / Age the chat 25 h</button>
    <p class="hint" id="window"></p>
    <p class="error" id="error" role="alert"></p>
    <h2>Webhooks enviados / Webhooks sent</h2>
    <ol id="deliveries" class="deliveries" reversed></ol>
  </section>
  <section class="phone" aria-label="Teléfono / Phone">
    <header class="phone-bar"><strong id="peer">Elige un chat / Pick a chat</strong><small id="typing"></small></header>
    <div id="messages" class="messages" aria-live="polite"></div>
    <div id="suggestions" class="suggestions"></div>
    <div id="replying" class="replying" hidden><span></span>
      <button type="button" id="cancel-reply" title="Cancelar / Cancel">✕</button></div>
    <form id="composer" class="composer">
      <label class="attach" title="Adjuntar foto o archivo / Attach a photo or file">📎<input type="file" id="file"></label>
      ${location}
      <input id="text" autocomplete="off" maxlength="4096" placeholder="Escribe un mensaje / Type a message" aria-label="Escribe un mensaje / Type a message">
      <button>Enviar / Send</button>
    </form>
  </section>
</main>
</body>
</html>
`;
}

/** The phone page and its files, each sent with the strict CSP. */
export function servePhonePage(app: Hono, options: PhonePageOptions) {
  serveSimulatorPage(app, html(options), ["phone.css", "phone-kit.js", `${options.channel}-phone.js`]);
}
