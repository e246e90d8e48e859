import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { createTransport } from "nodemailer";
import type { NodemailerError } from "nodemailer/lib/errors";
import { z } from "zod";
import { escapeHtml } from "../escape-html.js";
import { type ReceivedMail, startMailbox } from "./mailbox.js";
import { MAX_MESSAGE_BYTES } from "./smtp-inbound.js";

/** A mail a customer writes to Atiende: what the page's form and `POST /api/send` take. */
export const CustomerMail = z.object({
  from: z.email(),
  /** The tenant's support address when left out. */
  to: z.array(z.email()).optional(),
  cc: z.array(z.email()).default([]),
  subject: z.string().default(""),
  text: z.string().default(""),
  /** Set by "Responder / Reply": the Message-ID of the mail answered, and the thread up to it. */
  inReplyTo: z.string().optional(),
  references: z.array(z.string()).default([]),
  attachments: z
    .array(z.object({ fileName: z.string().min(1), contentType: z.string().min(1), content: z.base64() }))
    .default([]),
});
export type CustomerMail = z.input<typeof CustomerMail>;

export type MailSimulatorOptions = {
  /** Where the mailbox file lives, so a restart keeps the mails. */
  dataDir: string;
  /** The customers' mail server, where Atiende delivers; 0 picks a free port (see `sinkPort`). */
  outgoingSmtpPort: number;
  /** Atiende's inbound SMTP server, where customers' mails go. */
  atiendeSmtp: { host: string; port: number };
  /** The tenant's support address: where a new mail goes unless told otherwise. */
  defaultTo: string;
  /** Where `app` is mounted, e.g. http://127.0.0.1:3000/sim/mail: the page's links and the API's file links start with it. */
  publicUrl: string;
};

/** Base64 of a whole message makes it a third bigger than the mail server would take. */
const MAX_SEND_BODY_BYTES = Math.ceil((MAX_MESSAGE_BYTES * 4) / 3) + 64 * 1024;

const CSP = {
  defaultSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The page changes with the code: a restarted local cloud must not show yesterday's script. */
const NO_CACHE = { "cache-control": "no-cache" };

/**
 * "The outside world" for the e-mail channel on one machine: the customers' mail server that
 * keeps every mail Atiende sends, and a page (and JSON API) to read them and to write to
 * Atiende as a customer, new mails or replies that thread.
 */
export async function createMailSimulator(options: MailSimulatorOptions) {
  const publicUrl = options.publicUrl.replace(/\/+$/, "");
  const mailbox = await startMailbox({ dataDir: options.dataDir, port: options.outgoingSmtpPort });
  const transport = createTransport({
    host: options.atiendeSmtp.host,
    port: options.atiendeSmtp.port,
    secure: false,
    ignoreTLS: true,
  });

  /** Sends as a customer to Atiende's SMTP server; resolves with the Message-ID, rejects with the server's refusal. */
  async function sendAsCustomer(input: CustomerMail): Promise<string> {
    const mail = CustomerMail.parse(input);
    const info = await transport.sendMail({
      from: mail.from,
      to: mail.to?.length ? mail.to : [options.defaultTo],
      cc: mail.cc.length > 0 ? mail.cc : undefined,
      subject: mail.subject,
      text: mail.text,
      inReplyTo: mail.inReplyTo,
      references: mail.references.length > 0 ? mail.references : undefined,
      attachments: mail.attachments.map((file) => ({
        filename: file.fileName,
        contentType: file.contentType,
        content: Buffer.from(file.content, "base64"),
      })),
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return info.messageId;
  }

  const page = pageHtml(
    escapeHtml(new URL(publicUrl).pathname.replace(/\/+$/, "")),
    escapeHtml(options.defaultTo),
  );
  const listed = (mail: ReceivedMail) => ({
    ...mail,
    attachments: mail.attachments.map(({ fileName, contentType, size }, index) => ({
      fileName,
      contentType,
      size,
      url: `${publicUrl}/messages/${encodeURIComponent(mail.id)}/attachments/${index}`,
    })),
  });

  const app = new Hono()
    .use(secureHeaders({ contentSecurityPolicy: CSP, referrerPolicy: "no-referrer" }))
    .get("/", (c) => c.body(page, 200, { "content-type": "text/html; charset=utf-8", ...NO_CACHE }))
    .get("/app.js", (c) =>
      c.body(PAGE_SCRIPT, 200, { "content-type": "text/javascript; charset=utf-8", ...NO_CACHE }),
    )
    .get("/app.css", (c) =>
      c.body(PAGE_STYLES, 200, { "content-type": "text/css; charset=utf-8", ...NO_CACHE }),
    )
    .get("/api/messages", (c) => c.json({ messages: mailbox.messages().map(listed) }))
    .post(
      "/api/send",
      bodyLimit({
        maxSize: MAX_SEND_BODY_BYTES,
        onError: (c) =>
          c.json({ error: { code: "payload_too_large", message: "The mail is larger than 25 MB" } }, 413),
      }),
      async (c) => {
        const input = CustomerMail.safeParse(await c.req.json().catch(() => undefined));
        if (!input.success) {
          return c.json({ error: { code: "invalid_request", message: z.prettifyError(input.error) } }, 400);
        }
        try {
          return c.json({ messageId: await sendAsCustomer(input.data) }, 200);
        } catch (error) {
          // A simulator: the customer is shown exactly what Atiende's server answered.
          const refusal = error as NodemailerError;
          return c.json(
            {
              error: {
                code: "smtp_refused",
                message: refusal.response ?? refusal.message,
                responseCode: refusal.responseCode,
              },
            },
            502,
          );
        }
      },
    )
    .get("/messages/:id/attachments/:index", (c) => {
      const file = mailbox.find(c.req.param("id"))?.attachments[Number(c.req.param("index"))];
      if (!file)
        return c.json({ error: { code: "attachment_not_found", message: "No such attachment" } }, 404);
      return c.body(Buffer.from(file.content, "base64"), 200, {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      });
    });

  return {
    /** Mount at `/sim/mail`. */
    app,
    sinkPort: mailbox.port,
    /** Every mail Atiende sent, oldest first, attachments' bytes included (base64). */
    messages: () => mailbox.messages(),
    sendAsCustomer,
    async close() {
      transport.close();
      await mailbox.close();
    },
  };
}

export type MailSimulator = Awaited<ReturnType<typeof createMailSimulator>>;

function pageHtml(base: string, defaultTo: string) {
  return `<!doctype html>
<html lang="es">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Correo de clientes / Customers' mail · Atiende</title>
  <link rel="stylesheet" href="${base}/app.css">
  <script src="${base}/app.js" defer></script>
</head>
<body>
  <header>
    <h1>Correo de clientes <span class="en">/ Customers' mail</span></h1>
    <p>El mundo exterior del canal de correo: lo que Atiende envía llega aquí, y desde aquí se escribe a Atiende como cliente.
      <span class="en">The outside world of the e-mail channel: what Atiende sends lands here, and from here you write to Atiende as a customer.</span></p>
  </header>
  <main>
    <section aria-labelledby="compose-title">
      <h2 id="compose-title">Escribir como cliente <span class="en">/ Write as a customer</span></h2>
      <form id="compose">
        <p id="replying" hidden>Respondiendo a <span class="en">/ Replying to</span> <code id="replying-id"></code>
          <button type="button" id="cancel-reply">Cancelar respuesta <span class="en">/ Cancel reply</span></button></p>
        <label><span>De <span class="en">/ From</span></span> <input name="from" type="email" required value="cliente@example.com"></label>
        <label><span>Para <span class="en">/ To</span></span> <input name="to" required value="${defaultTo}"></label>
        <label><span>CC</span> <input name="cc" placeholder="ana@example.com, luis@example.com"></label>
        <label><span>Asunto <span class="en">/ Subject</span></span> <input name="subject"></label>
        <label><span>Mensaje <span class="en">/ Message</span></span> <textarea name="text" rows="8"></textarea></label>
        <label><span>Adjuntos <span class="en">/ Attachments</span></span> <input name="files" type="file" multiple></label>
        <input type="hidden" name="inReplyTo">
        <input type="hidden" name="references">
        <button type="submit">Enviar <span class="en">/ Send</span></button>
        <p id="status" role="status"></p>
      </form>
    </section>
    <section aria-labelledby="inbox-title">
      <h2 id="inbox-title">Correos de Atiende <span class="en">/ Mail from Atiende</span></h2>
      <div id="messages"><p class="empty">Cargando… <span class="en">/ Loading…</span></p></div>
    </section>
  </main>
</body>
</html>
`;
}

const PAGE_STYLES = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.4; }
body { margin: 0 auto; max-width: 80rem; padding: 1rem 1.5rem 3rem; }
.en { color: GrayText; font-weight: normal; }
main { display: grid; gap: 2rem; grid-template-columns: minmax(18rem, 2fr) 3fr; align-items: start; }
@media (max-width: 50rem) { main { grid-template-columns: 1fr; } }
form { display: grid; gap: 0.75rem; position: sticky; top: 1rem; }
label { display: grid; gap: 0.25rem; font-weight: 600; }
input, textarea, button { font: inherit; font-weight: normal; padding: 0.4rem 0.5rem; }
button { cursor: pointer; justify-self: start; }
#replying { margin: 0; padding: 0.5rem; border-left: 4px solid Highlight; }
#status.error { color: #b00020; }
.mail { border: 1px solid GrayText; border-radius: 0.5rem; padding: 0.75rem 1rem; margin-bottom: 1rem; }
.mail h3 { margin: 0 0 0.5rem; }
.mail dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 0.75rem; }
.mail dl div { display: contents; }
.mail dt { color: GrayText; }
.mail dd { margin: 0; overflow-wrap: anywhere; }
.mail pre { white-space: pre-wrap; font: inherit; background: color-mix(in srgb, GrayText 10%, transparent); padding: 0.5rem; }
.mail h4 { margin: 0.5rem 0 0.25rem; }
.empty { color: GrayText; }
`;

/** The page's behaviour. Text from mails only ever goes in through textContent, never as markup. */
const PAGE_SCRIPT = `"use strict";
const base = new URL(".", document.currentScript.src);
const form = document.getElementById("compose");
const field = (name) => form.elements.namedItem(name);
const list = document.getElementById("messages");
const status = document.getElementById("status");
const replying = document.getElementById("replying");
let shown;

function el(tag, props, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((child) => child != null));
  return node;
}

function bilingual(tag, es, en) {
  return en ? el(tag, {}, es + " ", el("span", { className: "en", textContent: "/ " + en })) : el(tag, { textContent: es });
}

function row(es, en, value) {
  return value ? el("div", {}, bilingual("dt", es, en), el("dd", { textContent: value })) : null;
}

function size(bytes) {
  return bytes < 1024 ? bytes + " B" : bytes < 1048576 ? (bytes / 1024).toFixed(1) + " KB" : (bytes / 1048576).toFixed(1) + " MB";
}

function sender(mail) {
  return mail.from.name ? mail.from.name + " <" + mail.from.address + ">" : mail.from.address;
}

function card(mail) {
  const files = mail.attachments.map((file, index) =>
    el("li", {}, el("a", {
      href: new URL("messages/" + encodeURIComponent(mail.id) + "/attachments/" + index, base).href,
      download: file.fileName,
      textContent: file.fileName + " (" + size(file.size) + ")",
    })),
  );
  const reply = bilingual("button", "Responder", "Reply");
  reply.type = "button";
  reply.addEventListener("click", () => startReply(mail));
  return el("article", { className: "mail" },
    el("h3", { textContent: mail.subject || "(sin asunto / no subject)" }),
    el("dl", {},
      row("De", "From", sender(mail)),
      row("Para", "To", mail.to.join(", ")),
      row("CC", "", mail.cc.join(", ")),
      row("Fecha", "Date", new Date(mail.date).toLocaleString()),
    ),
    el("pre", { textContent: mail.text }),
    files.length ? el("div", {}, bilingual("h4", "Adjuntos", "Attachments"), el("ul", {}, ...files)) : null,
    reply,
  );
}

function render(mails) {
  list.replaceChildren(...(mails.length
    ? mails.slice().reverse().map(card)
    : [bilingual("p", "Atiende todavía no envió ningún correo.", "Atiende has not sent any mail yet.")]));
}

async function refresh() {
  try {
    const response = await fetch(new URL("api/messages", base));
    const { messages } = await response.json();
    const ids = messages.map((mail) => mail.id).join();
    if (ids !== shown) {
      shown = ids;
      render(messages);
    }
  } catch {
    // The local cloud is restarting: the next poll tries again.
  }
}

function say(text, failed) {
  status.textContent = text;
  status.classList.toggle("error", Boolean(failed));
}

function startReply(mail) {
  field("from").value = mail.to[0] || field("from").value;
  field("to").value = mail.from.address;
  field("cc").value = mail.cc.join(", ");
  field("subject").value = /^re:/i.test(mail.subject) ? mail.subject : "Re: " + mail.subject;
  const quoted = mail.text.split("\\n").map((line) => "> " + line).join("\\n");
  field("text").value = "\\n\\n" + sender(mail) + " escribió / wrote:\\n" + quoted;
  field("inReplyTo").value = mail.messageId;
  field("references").value = [...mail.references, mail.messageId].join(" ");
  document.getElementById("replying-id").textContent = mail.messageId;
  replying.hidden = false;
  form.scrollIntoView({ behavior: "smooth" });
  field("text").focus();
  field("text").setSelectionRange(0, 0);
}

function cancelReply() {
  field("inReplyTo").value = "";
  field("references").value = "";
  replying.hidden = true;
}

function toBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = "";
  for (let start = 0; start < bytes.length; start += 32768) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 32768));
  }
  return btoa(binary);
}

const words = (value, separator) => value.split(separator).map((word) => word.trim()).filter(Boolean);

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  say("Enviando… / Sending…");
  try {
    const attachments = await Promise.all([...field("files").files].map(async (file) => ({
      fileName: file.name,
      contentType: file.type || "application/octet-stream",
      content: toBase64(await file.arrayBuffer()),
    })));
    const response = await fetch(new URL("api/send", base), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        from: field("from").value.trim(),
        to: words(field("to").value, /[,;\\s]+/),
        cc: words(field("cc").value, /[,;\\s]+/),
        subject: field("subject").value,
        text: field("text").value,
        inReplyTo: field("inReplyTo").value || undefined,
        references: words(field("references").value, /\\s+/),
        attachments,
      }),
    });
    const result = await response.json();
    if (!response.ok) throw new Error(result.error ? result.error.message : response.statusText);
    form.reset();
    cancelReply();
    say("Enviado / Sent: " + result.messageId);
  } catch (error) {
    say("No se pudo enviar / Could not send: " + error.message, true);
  } finally {
    button.disabled = false;
  }
});

document.getElementById("cancel-reply").addEventListener("click", cancelReply);
refresh();
setInterval(refresh, 3000);
`;
