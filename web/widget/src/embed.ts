/**
 * What a host site loads with one tag:
 *   <script src="https://atiende.example/widget.js" data-tenant="demo" async></script>
 * A launcher button, fixed bottom right, opens the chat page in an iframe from the script's own
 * origin. Everything lives in a shadow root styled by a constructed style sheet, so the host's
 * CSS does not reach in and a strict host CSP (no inline styles) does not block it.
 *
 * It runs as a classic script on someone else's page: it imports nothing (a shared module
 * would become a chunk it cannot import) and declares nothing outside the function below
 * (top-level names would land on the host's window).
 */
type FromChat = { type?: string; count?: unknown; lang?: unknown };

type LauncherKey = "open" | "openUnread" | "close" | "frameTitle";
type LauncherLang = "es" | "en";

(() => {
  // The launcher's own few words, Spanish first; the type keeps both languages' keys equal.
  const text: Record<LauncherLang, Record<LauncherKey, string>> = {
    es: {
      open: "Abrir chat",
      openUnread: "Abrir chat: {n} sin leer",
      close: "Cerrar chat",
      frameTitle: "Chat de atención al cliente",
    },
    en: {
      open: "Open chat",
      openUnread: "Open chat: {n} unread",
      close: "Close chat",
      frameTitle: "Customer service chat",
    },
  };
  const launcherText = (lang: LauncherLang, key: LauncherKey, n = 0) =>
    text[lang][key].replace("{n}", String(n));
  /** The host's explicit choice, else the browser's, as the chat page decides before the customer chooses; Spanish otherwise. */
  const launcherLanguage = (candidates: readonly (string | null | undefined)[]): LauncherLang => {
    for (const candidate of candidates) {
      const base = candidate?.toLowerCase().split("-")[0];
      if (base === "es" || base === "en") return base;
    }
    return "es";
  };

  const STYLES = `
:host { all: initial; }
.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  width: 56px; height: 56px; padding: 0; border: 0; border-radius: 50%;
  display: flex; align-items: center; justify-content: center;
  background: #0a4f9e; color: #fff; cursor: pointer;
  box-shadow: 0 4px 14px rgb(0 0 0 / 0.3);
}
.launcher:hover { background: #083e7c; }
.launcher:focus-visible { outline: 3px solid #0a4f9e; outline-offset: 3px; box-shadow: 0 0 0 3px #fff; }
.badge {
  position: absolute; top: -4px; right: -4px; min-width: 22px; height: 22px; padding: 0 6px;
  box-sizing: border-box; border-radius: 11px; background: #b3261e; color: #fff;
  font: 700 12px/22px system-ui, sans-serif; text-align: center;
}
.badge[hidden], .panel[hidden] { display: none; }
.panel {
  position: fixed; right: 20px; bottom: 88px; z-index: 2147483000;
  width: 380px; height: min(640px, calc(100vh - 108px)); overflow: hidden;
  border-radius: 12px; background: #fff; box-shadow: 0 8px 28px rgb(0 0 0 / 0.3);
}
iframe { display: block; width: 100%; height: 100%; border: 0; }
@media (max-width: 480px) {
  .panel { inset: 0; width: 100%; height: 100%; border-radius: 0; }
  .open .launcher { display: none; }
}
`;

  const CHAT_ICON = "M4 5h16v11H9l-5 4V5Z M8 9h8 M8 12h5";

  const script = document.currentScript as HTMLScriptElement | null;
  if (!script?.src || document.querySelector("[data-atiende-widget]")) return;
  const origin = new URL(script.src).origin;
  const data = script.dataset;

  const chatUrl = new URL("/chat", origin);
  chatUrl.searchParams.set("tenant", data.tenant || "demo");
  chatUrl.searchParams.set("embed", "1");
  if (data.lang) chatUrl.searchParams.set("lang", data.lang);
  // The identity goes in the fragment: it is never sent to a server, so it stays out of logs.
  if (data.customerId && data.customerSignature) {
    const identity = new URLSearchParams({ customerId: data.customerId, signature: data.customerSignature });
    if (data.customerName) identity.set("name", data.customerName);
    if (data.customerEmail) identity.set("email", data.customerEmail);
    chatUrl.hash = identity.toString();
  }

  let lang: LauncherLang = launcherLanguage([
    data.lang,
    document.documentElement.lang,
    ...navigator.languages,
  ]);
  let unread = 0;
  let open = false;

  const host = document.createElement("div");
  host.dataset.atiendeWidget = "";
  const root = host.attachShadow({ mode: "open" });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLES);
  root.adoptedStyleSheets = [sheet];

  const frame = document.createElement("div");
  const panel = document.createElement("div");
  panel.className = "panel";
  panel.id = "atiende-panel";
  panel.hidden = true;
  const iframe = document.createElement("iframe");
  iframe.src = chatUrl.toString();
  panel.append(iframe);

  const button = document.createElement("button");
  button.type = "button";
  button.className = "launcher";
  button.setAttribute("aria-controls", panel.id);
  const svgNs = "http://www.w3.org/2000/svg";
  const icon = document.createElementNS(svgNs, "svg");
  for (const [name, value] of Object.entries({
    viewBox: "0 0 24 24",
    width: "28",
    height: "28",
    fill: "none",
    stroke: "currentColor",
    "stroke-width": "2",
    "stroke-linejoin": "round",
    "stroke-linecap": "round",
    "aria-hidden": "true",
    focusable: "false",
  })) {
    icon.setAttribute(name, value);
  }
  const path = document.createElementNS(svgNs, "path");
  path.setAttribute("d", CHAT_ICON);
  icon.append(path);
  const badge = document.createElement("span");
  badge.className = "badge";
  badge.setAttribute("aria-hidden", "true");
  badge.hidden = true;
  button.append(icon, badge);

  const render = () => {
    frame.classList.toggle("open", open);
    panel.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    button.setAttribute(
      "aria-label",
      launcherText(lang, open ? "close" : unread ? "openUnread" : "open", unread),
    );
    badge.hidden = open || unread === 0;
    badge.textContent = String(unread);
    iframe.title = launcherText(lang, "frameTitle");
  };
  const tellChat = () => iframe.contentWindow?.postMessage({ type: "atiende:open", open }, origin);
  const setOpen = (next: boolean) => {
    open = next;
    render();
    tellChat();
    if (open) iframe.focus();
    else button.focus();
  };

  button.addEventListener("click", () => setOpen(!open));
  window.addEventListener("message", (event) => {
    if (event.source !== iframe.contentWindow || event.origin !== origin) return;
    const message = event.data as FromChat | null;
    if (message?.type === "atiende:ready") tellChat();
    else if (message?.type === "atiende:close" && open) setOpen(false);
    else if (message?.type === "atiende:unread" && typeof message.count === "number") {
      unread = Math.max(0, Math.floor(message.count));
      render();
    } else if (message?.type === "atiende:lang" && (message.lang === "es" || message.lang === "en")) {
      lang = message.lang;
      render();
    }
  });

  frame.append(panel, button);
  root.append(frame);
  render();
  if (document.body) document.body.append(host);
  else document.addEventListener("DOMContentLoaded", () => document.body.append(host), { once: true });
})();
