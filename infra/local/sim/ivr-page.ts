import type { Hono } from "hono";
import { escapeHtml } from "../escape-html.js";
import { serveSimulatorPage } from "./serve-sim-page.js";

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];

const page = (base: string) => `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Simulador de IVR / IVR simulator</title>
<link rel="stylesheet" href="${base}/ivr.css">
<script type="module" src="${base}/ivr-phone.js"></script>
</head>
<body data-base="${base}">
<main class="layout">
  <section class="setup">
    <h1>Simulador de IVR (Amazon Connect) / IVR simulator</h1>
    <p>Llame como cliente: elija su ciudad, marque su documento y recorra el menú. Cada paso emite los eventos de contacto de Connect y los registros de conversación de Lex.
    <span lang="en">Call as a customer: pick your city, key in your document number and go through the menu. Each step emits Connect's contact events and Lex's conversation logs.</span></p>
    <form id="dial">
      <label for="phone">Su teléfono / Your phone</label>
      <input id="phone" name="phone" required pattern="\\+?[0-9]{6,15}" value="+5491155550100" autocomplete="tel">
      <button id="call" type="submit">Llamar / Call</button>
    </form>
    <h2>Eventos emitidos / Events emitted</h2>
    <ol id="log" class="log" reversed></ol>
  </section>
  <section class="phone" aria-label="Teléfono / Phone">
    <p class="status" id="status">Sin llamada / No call</p>
    <p class="prompt" id="prompt" aria-live="polite" role="status"></p>
    <p class="typed" aria-live="off">Marcado / Keyed: <output id="typed"></output></p>
    <div class="keypad" role="group" aria-label="Teclado / Keypad">
${KEYS.map((key) => `      <button type="button" class="key" data-key="${key}" aria-label="Tecla ${key} / Key ${key}" disabled>${key}</button>`).join("\n")}
    </div>
    <div class="actions">
      <button type="button" id="send" disabled>Enviar tonos / Send tones</button>
      <button type="button" id="hangup" class="hangup" disabled>Colgar / Hang up</button>
    </div>
    <p class="error" id="error" role="alert"></p>
  </section>
</main>
</body>
</html>
`;

/**
 * The keypad page and its files, each with the simulators' strict CSP: no inline script or style.
 * `basePath` is where the simulator is mounted, for the page's own links.
 */
export function serveIvrPage(app: Hono, basePath: string) {
  serveSimulatorPage(app, page(escapeHtml(basePath)), ["ivr.css", "ivr-phone.js"]);
}
