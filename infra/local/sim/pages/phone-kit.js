// What both simulated phones share: talking to the simulator, building DOM safely, the identity
// form, the composer, the test controls and the one-second poll. Text from messages only ever
// reaches the page as text nodes, never as HTML.

export const base = document.body.dataset.base ?? "";

/** A JSON call to the simulator; an error answer throws with its message. */
export async function api(path, { method = "GET", body } = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) {
    const answer = await response.json().catch(() => ({}));
    throw new Error(answer.error?.message ?? `HTTP ${response.status}`);
  }
  return response.headers.get("content-type")?.includes("json") ? response.json() : undefined;
}

/** An element with its properties (`class`, `text`, `on<event>`, attributes) and children. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat())
    if (child !== undefined && child !== null && child !== false) node.append(child);
  return node;
}

/** A link only for http(s) URLs: a `javascript:` or `data:` URL in a message stays text. */
export function safeLink(url, label) {
  try {
    const { protocol } = new URL(url);
    if (protocol === "http:" || protocol === "https:")
      return el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: label });
  } catch {
    // Not a URL at all: shown as text below.
  }
  return el("span", { text: `${label} (${url})` });
}

/** Where the phone shows a file it holds. */
export const mediaUrl = (id) => `${base}/api/media/${encodeURIComponent(id)}`;

const time = (at) => new Date(at).toLocaleTimeString("es-MX", { hour: "2-digit", minute: "2-digit" });

function readAsBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(",")[1] ?? "");
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * Starts a phone. `channel` says what differs: how a message renders, what ticks it shows, how
 * text and files are sent, how a webhook is summed up, and the suggestions under the chat.
 */
export function startPhone(channel) {
  const $ = (selector) => document.querySelector(selector);
  const saved = JSON.parse(localStorage.getItem(`${channel.name}-identity`) ?? "null");
  const state = { id: saved?.id, name: saved?.name ?? "", replyTo: undefined, shown: "" };
  const identity = $("#identity");
  if (saved) {
    identity.elements.id.value = saved.id;
    identity.elements.name.value = saved.name;
  }

  function report(error) {
    $("#error").textContent = `⚠ ${error.message}`;
  }

  const ctx = {
    /** The customer sends something (the channel builds the body); his name goes with it. */
    send: (body) =>
      api(`/api/chats/${encodeURIComponent(state.id)}/messages`, {
        method: "POST",
        body: { name: state.name, ...body },
      })
        .then(() => {
          $("#error").textContent = "";
          return refresh();
        })
        .catch(report),
    replyTo: (message) => {
      state.replyTo = message.id;
      $("#replying").hidden = false;
      $("#replying span").textContent = `Respondiendo a / Replying to: ${channel.describe(message)}`;
      $("#text").focus();
    },
  };

  function open(id, name) {
    state.id = id;
    state.name = name || state.name;
    state.shown = "";
    localStorage.setItem(`${channel.name}-identity`, JSON.stringify({ id: state.id, name: state.name }));
    identity.elements.id.value = state.id;
    identity.elements.name.value = state.name;
    refresh();
  }

  function clearReply() {
    state.replyTo = undefined;
    $("#replying").hidden = true;
  }

  identity.addEventListener("submit", (event) => {
    event.preventDefault();
    open(identity.elements.id.value.trim(), identity.elements.name.value.trim());
  });
  $("#cancel-reply").addEventListener("click", clearReply);
  $("#composer").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("#text").value.trim();
    if (!state.id || !text) return;
    $("#text").value = "";
    ctx.send({ ...channel.textBody(text), ...(state.replyTo && { replyTo: state.replyTo }) });
    clearReply();
  });
  $("#file").addEventListener("change", async (event) => {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!state.id || !file) return;
    const data = await readAsBase64(file);
    const mimeType = file.type || "application/octet-stream";
    ctx.send({
      ...channel.fileBody(mimeType),
      file: { data, mimeType, fileName: file.name },
      ...(state.replyTo && { replyTo: state.replyTo }),
    });
    clearReply();
  });
  $("#location")?.addEventListener("click", () => {
    if (!state.id) return;
    const answer = prompt("Latitud, longitud / Latitude, longitude", "19.4326, -99.1332");
    const [latitude, longitude] = (answer ?? "").split(",").map((part) => Number(part.trim()));
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return;
    const placeName = prompt("Nombre del lugar (opcional) / Place name (optional)", "") || undefined;
    ctx.send({ type: "location", latitude, longitude, placeName });
  });
  $("#outage").addEventListener("change", (event) =>
    api("/control/outage", { method: "POST", body: { on: event.target.checked } }).catch(report),
  );
  $("#age").addEventListener("click", () => {
    if (state.id)
      api(`/api/chats/${encodeURIComponent(state.id)}/age`, { method: "POST", body: { hours: 25 } })
        .then(() => refresh())
        .catch(report);
  });

  function renderState(simulator) {
    $("#outage").checked = simulator.outage;
    $("#chats").replaceChildren(
      ...simulator.chats.map((chat) =>
        el(
          "li",
          {},
          el("button", {
            type: "button",
            "aria-current": chat.id === state.id ? "true" : "false",
            text: `${chat.name || "—"} · ${chat.id}`,
            onclick: () => open(chat.id, chat.name),
          }),
        ),
      ),
    );
    $("#deliveries").replaceChildren(
      ...simulator.deliveries
        .slice()
        .reverse()
        .map((delivery) => {
          const attempts = delivery.attempts.map((attempt) => attempt.status ?? "✕").join(", ");
          return el("li", {
            value: delivery.seq,
            class: delivery.outcome,
            title: delivery.attempts.map((attempt) => attempt.error ?? "").join("\n"),
            text: `${channel.summarise(JSON.parse(delivery.body))} → ${delivery.outcome} [${attempts}]`,
          });
        }),
    );
  }

  function renderChat(chat) {
    $("#peer").textContent = chat.name ? `${chat.name} (${state.id})` : state.id;
    $("#typing").textContent = chat.typing ? "escribiendo… / typing…" : "";
    $("#window").textContent = chat.windowClosesAt
      ? `${chat.windowOpen ? "Ventana abierta hasta / Window open until" : "Ventana cerrada desde / Window closed since"} ${new Date(chat.windowClosesAt).toLocaleString("es-MX")}`
      : "Aún no ha escrito / Has not written yet";
    const list = $("#messages");
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.replaceChildren(
      ...chat.messages
        .map((message) => {
          const content = channel.render(message, chat, ctx);
          if (!content) return undefined;
          const reactions = channel.reactions?.(message, chat) ?? "";
          return el(
            "div",
            { class: `bubble ${message.from}${reactions ? " reacted" : ""}`, "data-id": message.id },
            content,
            el(
              "div",
              { class: "meta" },
              el("button", {
                type: "button",
                title: "Responder / Reply",
                text: "↩",
                onclick: () => ctx.replyTo(message),
              }),
              channel.actions?.(message, chat, ctx),
              el("span", { text: time(message.at) }),
              channel.ticks(message),
            ),
            reactions && el("span", { class: "reactions", text: reactions }),
          );
        })
        .filter(Boolean),
    );
    $("#suggestions").replaceChildren(...(channel.suggestions?.(chat, ctx) ?? []));
    if (atBottom) list.scrollTop = list.scrollHeight;
  }

  /** Business messages the customer has on screen but not yet read. */
  const unread = (chat) =>
    chat.messages.some(
      (message) => message.from === "business" && ["sent", "delivered"].includes(message.status),
    );

  async function refresh() {
    try {
      renderState(await api("/api/state"));
      if (!state.id) return;
      const chat = await api(`/api/chats/${encodeURIComponent(state.id)}`);
      const shown = JSON.stringify(chat);
      if (shown !== state.shown) {
        state.shown = shown;
        renderChat(chat);
      }
      // He reads what is on the screen in front of him, not what is in a background tab.
      if (document.visibilityState === "visible" && unread(chat))
        await api(`/api/chats/${encodeURIComponent(state.id)}/read`, { method: "POST" });
    } catch (error) {
      report(error);
    }
  }

  refresh();
  setInterval(refresh, 1000);
}
