import {
  type ConnectInstance,
  type ContactSnapshot,
  contactEvent,
  type LexConversationLogEntry,
  lexConversationLogEntry,
  queueArn,
} from "./connect-events.js";

/** An option of the demo IVR: a leaf hands the caller to a queue; `sales` marks the sales line. */
type MenuOption = { label: string; options?: MenuOption[]; sales?: true };

const CITIES = ["Buenos Aires", "Córdoba", "Rosario", "Mendoza"];

/** The demo contact flow's menu, as a tenant would build it in Connect and its Lex bot. */
export const DEMO_MENU: MenuOption[] = [
  { label: "Contratar un servicio", sales: true },
  {
    label: "Soporte técnico",
    options: [
      { label: "Internet", options: [{ label: "Sin conexión" }, { label: "Lento" }] },
      { label: "TV", options: [{ label: "Sin señal" }, { label: "Imagen con cortes" }] },
      { label: "Teléfono", options: [{ label: "Sin tono" }, { label: "Ruido en la línea" }] },
    ],
  },
  {
    label: "Facturación",
    options: [{ label: "Consultar saldo" }, { label: "Reclamo por cobro" }, { label: "Medios de pago" }],
  },
];

/** The queues the demo flow transfers to: the sales line's, and everyone else's. */
export const QUEUES = { sales: "ventas", care: "atencion" } as const;

const WELCOME = `Bienvenido a Banco Demo. Marque su ciudad: ${CITIES.map((city, i) => `${i + 1} ${city}`).join(", ")}.`;
const ASK_DOCUMENT =
  "Si es cliente, marque su número de documento y numeral. Si no lo es, marque solo numeral.";
const menuPrompt = (options: MenuOption[]) =>
  `Marque ${options.map((option, i) => `${i + 1} para ${option.label}`).join(", ")}.`;
const INVALID = "Opción no válida.";

type Stage =
  | { kind: "city" }
  | { kind: "document" }
  | { kind: "menu"; path: string[] }
  | { kind: "queued" }
  | { kind: "ended" };

/** A call in the simulated IVR: where the caller is, and what Connect knows of the contact. */
export type IvrCall = { contact: ContactSnapshot; stage: Stage; prompt: string };

/** What one step of the call put out: contact events for EventBridge, conversation-log entries for CloudWatch Logs. */
export type Emitted = { events: ReturnType<typeof contactEvent>[]; turns: LexConversationLogEntry[] };

const optionsAt = (path: string[]) =>
  path.reduce<MenuOption[]>(
    (options, label) => options.find((o) => o.label === label)?.options ?? [],
    DEMO_MENU,
  );

/** The caller dials in: Connect starts the contact, answers it and the flow tags the number he calls from. */
export function startCall(
  instance: ConnectInstance,
  input: { contactId: string; phone: string; systemEndpoint: string },
  now: () => Date,
) {
  const initiatedAt = now();
  const contact: ContactSnapshot = {
    contactId: input.contactId,
    initiatedAt,
    systemEndpoint: input.systemEndpoint,
    tags: {},
  };
  const events = [contactEvent(instance, "INITIATED", contact, initiatedAt)];
  contact.connectedToSystemAt = now();
  events.push(contactEvent(instance, "CONNECTED_TO_SYSTEM", contact, contact.connectedToSystemAt));
  contact.tags = { telefono: input.phone };
  events.push(contactEvent(instance, "CONTACT_DATA_UPDATED", contact, now()));
  const call: IvrCall = { contact, stage: { kind: "city" }, prompt: WELCOME };
  return { call, emitted: { events, turns: [] } as Emitted };
}

/**
 * The caller keys in `keys`: the bot takes them (one conversation-log turn), the flow tags what
 * they chose, and a leaf of the menu queues the call. Returns the call as it is now.
 */
export function pressKeys(
  instance: ConnectInstance,
  call: IvrCall,
  keys: string,
  now: () => Date,
): { call: IvrCall; emitted: Emitted } {
  const emitted: Emitted = { events: [], turns: [] };
  const { stage, contact } = call;
  if (stage.kind === "queued" || stage.kind === "ended") return { call, emitted };
  const digits = keys.replace(/[^0-9*#]/g, "");
  // Lex hears a DTMF entry up to its end key (#), without it.
  let transcript = digits;
  let next: Stage = stage;
  let reply: string;
  let slot: string;
  let meaning: string | undefined;
  let tags = contact.tags;
  let queue: string | undefined;
  if (stage.kind === "city") {
    slot = "ciudad";
    meaning = CITIES[Number(digits) - 1];
    if (meaning) {
      tags = { ...tags, ciudad: meaning };
      next = { kind: "document" };
      reply = ASK_DOCUMENT;
    } else reply = `${INVALID} ${WELCOME}`;
  } else if (stage.kind === "document") {
    slot = "documento";
    const documentNumber = digits.replace(/[*#]/g, "");
    if (documentNumber) tags = { ...tags, documento: documentNumber };
    transcript = documentNumber || "#";
    meaning = documentNumber || "sin documento";
    next = { kind: "menu", path: [] };
    reply = menuPrompt(DEMO_MENU);
  } else {
    slot = stage.path.length === 0 ? "opcion" : `opcion${stage.path.length + 1}`;
    const option = optionsAt(stage.path)[Number(digits) - 1];
    meaning = option?.label;
    if (!option) reply = `${INVALID} ${call.prompt}`;
    else {
      const path = [...stage.path, option.label];
      tags = { ...tags, motivo: path.join(" › "), ...(option.sales && { linea: "ventas" }) };
      if (option.options) {
        next = { kind: "menu", path };
        reply = menuPrompt(option.options);
      } else {
        const sales = tags.linea === "ventas";
        queue = sales ? QUEUES.sales : QUEUES.care;
        next = { kind: "queued" };
        reply = sales
          ? "Le comunicamos con un asesor de ventas. Gracias por llamar."
          : "Le comunicamos con un agente de atención. Gracias por llamar.";
      }
    }
  }
  const turnAt = now();
  emitted.turns.push(
    lexConversationLogEntry(instance, {
      contactId: contact.contactId,
      at: turnAt,
      keys: transcript,
      slot,
      meaning,
      reply,
      prompt: call.prompt,
      nextSlot: next.kind === "queued" ? undefined : slot,
    }),
  );
  const updated: ContactSnapshot = { ...contact, tags };
  if (tags !== contact.tags)
    emitted.events.push(contactEvent(instance, "CONTACT_DATA_UPDATED", updated, now()));
  if (queue) {
    updated.queue = { arn: queueArn(instance, queue), enqueuedAt: now() };
    emitted.events.push(contactEvent(instance, "QUEUED", updated, updated.queue.enqueuedAt));
  }
  return { call: { contact: updated, stage: next, prompt: reply }, emitted };
}

/** The caller hangs up, wherever he was: Connect disconnects the contact. */
export function hangUp(
  instance: ConnectInstance,
  call: IvrCall,
  now: () => Date,
): { call: IvrCall; emitted: Emitted } {
  if (call.stage.kind === "ended") return { call, emitted: { events: [], turns: [] } };
  const contact = { ...call.contact, disconnectedAt: now() };
  return {
    call: { contact, stage: { kind: "ended" }, prompt: "" },
    emitted: { events: [contactEvent(instance, "DISCONNECTED", contact, contact.disconnectedAt)], turns: [] },
  };
}
