// The keypad page: dials the simulated line, sends the keys the caller presses, and shows what
// the IVR says back. Text goes in with textContent only.

const $ = (id) => document.getElementById(id);
const base = document.body.dataset.base;
let contactId;
let typed = "";

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(json.error?.message ?? response.statusText);
  return json;
}

function show(call) {
  $("prompt").textContent = call.prompt || "Llamada terminada / Call ended";
  const stages = {
    city: "En el IVR / In the IVR",
    document: "En el IVR / In the IVR",
    menu: "En el IVR / In the IVR",
    queued: "En cola, esperando un agente / Queued for an agent",
    ended: "Llamada terminada / Call ended",
  };
  $("status").textContent = stages[call.stage] ?? call.stage;
  $("status").dataset.collecting = call.stage;
  const live = call.stage !== "ended";
  for (const key of document.querySelectorAll(".key")) key.disabled = !live || call.stage === "queued";
  $("send").disabled = !live || call.stage === "queued";
  $("hangup").disabled = !live;
  $("call").disabled = live;
  const entry = document.createElement("li");
  entry.textContent = `${new Date().toLocaleTimeString()} · ${call.stage} · ${JSON.stringify(call.tags)}`;
  $("log").prepend(entry);
}

async function attempt(action) {
  $("error").textContent = "";
  try {
    await action();
  } catch (error) {
    $("error").textContent = `Error: ${error.message}`;
  }
}

$("dial").addEventListener("submit", (event) => {
  event.preventDefault();
  attempt(async () => {
    const call = await post(`${base}/api/calls`, { phone: $("phone").value });
    contactId = call.contactId;
    typed = "";
    $("typed").textContent = "";
    show(call);
  });
});

for (const key of document.querySelectorAll(".key"))
  key.addEventListener("click", () => {
    typed += key.dataset.key;
    $("typed").textContent = typed;
    // A menu option is one key; a document number ends with #.
    if (!/^[0-9]+$/.test(typed) || $("status").dataset.collecting !== "document") send();
  });

function send() {
  if (!typed) return;
  const keys = typed;
  typed = "";
  $("typed").textContent = "";
  attempt(async () => {
    const call = await post(`${base}/api/calls/${contactId}/keys`, { keys });
    show(call);
  });
}

$("send").addEventListener("click", send);
$("hangup").addEventListener("click", () =>
  attempt(async () => {
    const call = await post(`${base}/api/calls/${contactId}/hangup`);
    show(call);
  }),
);
