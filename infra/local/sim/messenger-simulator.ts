import { setTimeout as sleep } from "node:timers/promises";
import { Hono } from "hono";
import { z } from "zod";
import { logger } from "../../../functions/observability.js";
import { createWebhookDeliverer, type WebhookDelivery } from "./deliver-webhook.js";
import { graphError, unknownObject } from "./graph-errors.js";
import { graphGuard } from "./graph-guard.js";
import {
  createMediaStore,
  MediaFetchError,
  type MediaRef,
  mediaRef,
  mediaResponse,
  type StoredMedia,
} from "./media-store.js";
import { MessengerCustomerInput, toCustomerContent } from "./messenger-customer-input.js";
import {
  FETCH_FAILED,
  type MessengerMessage,
  type MessengerSendRequest,
  NO_MATCHING_USER,
  OUTSIDE_WINDOW,
  parseMessengerSend,
} from "./messenger-send-request.js";
import { customerEvent, deliveryEvent, echoEvent, pageWebhook, readEvent } from "./messenger-webhooks.js";
import { servePhonePage } from "./phone-page.js";
import { randomMid } from "./random-ids.js";
import { onSimulatorError, readJsonBody, SimulatorError } from "./simulator-error.js";

const HOUR_MS = 60 * 60 * 1000;
/** A page may answer freely this long after the customer's last message. */
const STANDARD_WINDOW_MS = 24 * HOUR_MS;
/** The HUMAN_AGENT tag stretches that to 7 days, for a person (not a bot) to answer. */
const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;
/** Messenger hides the typing bubble after this long unless the page sends first. */
const TYPING_MS = 20_000;

export type MessengerSimulatorOptions = {
  webhookUrl: string;
  appSecret: string;
  accessToken: string;
  pageId: string;
  /** Where the simulator app is mounted, e.g. http://127.0.0.1:3000/sim/messenger. */
  publicUrl: string;
  /** Our app's id, in the echoes of the messages it sends. */
  appId?: number;
  pageName?: string;
  /** The pause before a message is reported delivered. */
  statusDelayMs?: number;
  /** The waits before each redelivery of a webhook that got no 2xx. */
  retryDelaysMs?: readonly number[];
};

/** A message the page sent through the Send API, as the simulator holds it. */
export type MessengerBusinessMessage = {
  id: string;
  from: "business";
  psid: string;
  at: number;
  status: "sent" | "delivered" | "read";
  messagingType: MessengerSendRequest["messaging_type"];
  tag?: MessengerSendRequest["tag"];
  message: MessengerMessage;
  /** The file it carries, as the simulator fetched it from the attachment's URL. */
  media?: MediaRef;
};

/** What the customer sent; `seen` once the page sent `mark_seen`. */
export type MessengerCustomerMessage = {
  id: string;
  from: "customer";
  psid: string;
  at: number;
  status: "received" | "seen";
  /** Exactly the messaging event of its webhook. */
  event: ReturnType<typeof customerEvent>;
  media?: MediaRef;
};

export type MessengerChatMessage = MessengerBusinessMessage | MessengerCustomerMessage;

export type MessengerChatView = {
  psid: string;
  name: string;
  windowOpen: boolean;
  windowClosesAt?: number;
  humanAgentWindowClosesAt?: number;
  typing: boolean;
  messages: MessengerChatMessage[];
};

type Chat = {
  psid: string;
  /** The page the person writes to; page-scoped ids belong to one page. */
  pageId: string;
  name: string;
  lastCustomerMessageAt?: number;
  typingUntil?: number;
  messages: MessengerChatMessage[];
};

const AgeInput = z.object({
  hours: z
    .number()
    .positive()
    .max(24 * 365),
});
const OutageInput = z.object({ on: z.boolean() });

/**
 * Meta's side of Messenger on one machine: the Send API our adapter calls, the webhooks it
 * receives (messages, echoes, deliveries, reads), and a page where a person plays the customer.
 */
export function createMessengerSimulator(options: MessengerSimulatorOptions) {
  const publicUrl = options.publicUrl.replace(/\/+$/, "");
  const { pageId } = options;
  const appId = options.appId ?? 1517776481860111;
  const statusDelayMs = options.statusDelayMs ?? 500;
  const stopping = new AbortController();
  const webhooks = createWebhookDeliverer({
    url: options.webhookUrl,
    appSecret: options.appSecret,
    signatures: ["sha256", "sha1"],
    ...(options.retryDelaysMs && { retryDelaysMs: options.retryDelaysMs }),
    signal: stopping.signal,
  });
  const media = createMediaStore();
  const mediaUrl = (stored: StoredMedia) => `${publicUrl}/media/${stored.id}?hash=${stored.urlSecret}`;
  const chats = new Map<string, Chat>();
  const byId = new Map<string, { chat: Chat; message: MessengerChatMessage }>();
  /** A chat's echoes, deliveries and reads go out one after the other, in order. */
  const progressions = new Map<string, Promise<void>>();
  let outage = false;

  function chatOf(psid: string, page = pageId) {
    let chat = chats.get(psid);
    if (!chat) {
      chat = { psid, pageId: page, name: "", messages: [] };
      chats.set(psid, chat);
    }
    return chat;
  }

  function add(chat: Chat, message: MessengerChatMessage) {
    chat.messages.push(message);
    byId.set(message.id, { chat, message });
  }

  function view(chat: Chat): MessengerChatView {
    const { psid, name, lastCustomerMessageAt: last, typingUntil, messages } = chat;
    return {
      psid,
      name,
      windowOpen: last !== undefined && Date.now() - last < STANDARD_WINDOW_MS,
      ...(last !== undefined && {
        windowClosesAt: last + STANDARD_WINDOW_MS,
        humanAgentWindowClosesAt: last + HUMAN_AGENT_WINDOW_MS,
      }),
      typing: typingUntil !== undefined && typingUntil > Date.now(),
      messages,
    };
  }

  function progress(chat: Chat, step: () => Promise<void>) {
    const next = (progressions.get(chat.psid) ?? Promise.resolve()).then(step).catch((error: unknown) => {
      if (!stopping.signal.aborted) logger.error("Messenger simulator could not send a receipt", { error });
    });
    progressions.set(chat.psid, next);
    return next;
  }

  const post = (chat: Chat, event: Record<string, unknown>) =>
    webhooks.deliver(pageWebhook(chat.pageId, event));

  /** How the page's message reads in its echo: a file by the URL Meta now serves it from. */
  function echoContent({ attachment, text }: MessengerMessage, stored?: StoredMedia) {
    if (!attachment) return { text };
    return {
      attachments: [
        { type: attachment.type, payload: stored ? { url: mediaUrl(stored) } : attachment.payload },
      ],
    };
  }

  /** Reports `messages` delivered, those not yet: each one's echo has gone by then, so a receipt never comes first. */
  async function reportDelivered(chat: Chat, messages: MessengerBusinessMessage[]) {
    const undelivered = messages.filter((message) => message.status === "sent");
    if (undelivered.length === 0) return;
    for (const message of undelivered) message.status = "delivered";
    await post(
      chat,
      deliveryEvent(
        chat.psid,
        chat.pageId,
        undelivered.map(({ id }) => id),
        Date.now(),
      ),
    );
  }

  /** The customer sends something: it is kept in the chat and posted to the webhook. */
  function customerSends(input: MessengerCustomerInput): { id: string; delivery: Promise<WebhookDelivery> } {
    const parsed = MessengerCustomerInput.parse(input);
    const chat = chatOf(parsed.psid, parsed.pageId);
    const now = Date.now();
    const id = randomMid();
    const { content, stored } = toCustomerContent(parsed, {
      mid: id,
      find: (mid) => {
        const found = byId.get(mid);
        if (found?.chat !== chat) return undefined;
        return found.message.from === "business"
          ? { from: "business", message: found.message.message }
          : { from: "customer" };
      },
      media,
      mediaUrl,
    });
    const event = customerEvent(chat.psid, chat.pageId, now, content);
    chat.name = parsed.name;
    chat.lastCustomerMessageAt = now;
    add(chat, {
      id,
      from: "customer",
      psid: chat.psid,
      at: now,
      status: "received",
      event,
      ...(stored && { media: mediaRef(stored) }),
    });
    return { id, delivery: post(chat, event) };
  }

  /** The customer reads the chat: what was not yet delivered is, then one read up to the newest message. */
  function readChat(psid: string): Promise<void> {
    const chat = chats.get(psid);
    if (!chat) throw new SimulatorError("not_found", `No chat with ${psid}`);
    const unread = chat.messages.filter(
      (message): message is MessengerBusinessMessage =>
        message.from === "business" && message.status !== "read",
    );
    const newest = unread.at(-1);
    if (!newest) return Promise.resolve();
    return progress(chat, async () => {
      await reportDelivered(chat, unread);
      for (const message of unread) message.status = "read";
      await post(chat, readEvent(chat.psid, chat.pageId, newest.at));
    });
  }

  /** Moves the customer's last message `hours` into the past, to try the windows without waiting. */
  function ageChat(psid: string, hours: number) {
    const chat = chats.get(psid);
    if (chat?.lastCustomerMessageAt === undefined)
      throw new SimulatorError("not_found", `${psid} has not written yet`);
    chat.lastCustomerMessageAt -= AgeInput.parse({ hours }).hours * HOUR_MS;
  }

  function outbox(psid?: string): MessengerBusinessMessage[] {
    return [...chats.values()]
      .filter((chat) => !psid || chat.psid === psid)
      .flatMap((chat) => chat.messages.filter((message) => message.from === "business"))
      .sort((a, b) => a.at - b.at);
  }

  const app = new Hono();
  app.onError(onSimulatorError);
  app.notFound((c) =>
    c.json(
      { error: { code: "route_not_found", message: `No route for ${c.req.method} ${c.req.path}` } },
      404,
    ),
  );

  app.use(
    "/graph/*",
    graphGuard({
      accessToken: options.accessToken,
      isOutage: () => outage,
      allowQueryToken: true,
      invalidTokenStatus: 400,
    }),
  );

  // `me` is the simulator's own page; any other page id is a tenant's page on this machine.
  app.post("/graph/:version/:pageId/messages", async (c) => {
    const target = c.req.param("pageId");
    if (target !== "me" && !/^\d{10,20}$/.test(target))
      return graphError(c, 400, unknownObject("post", target));
    const parsed = parseMessengerSend(await c.req.json().catch(() => undefined));
    if (!parsed.ok) return graphError(c, 400, parsed.error);
    const { request } = parsed;
    const chat = chats.get(request.recipient.id);
    // A page-scoped id means nothing to another page.
    if (chat?.lastCustomerMessageAt === undefined || chat.pageId !== (target === "me" ? pageId : target))
      return graphError(c, 400, NO_MATCHING_USER);
    const elapsed = Date.now() - chat.lastCustomerMessageAt;
    const allowed =
      request.tag === "HUMAN_AGENT"
        ? elapsed < HUMAN_AGENT_WINDOW_MS
        : request.tag !== undefined || elapsed < STANDARD_WINDOW_MS;
    if (!allowed) return graphError(c, 400, OUTSIDE_WINDOW);

    if (request.sender_action) {
      if (request.sender_action === "mark_seen")
        for (const message of chat.messages) if (message.from === "customer") message.status = "seen";
      chat.typingUntil = request.sender_action === "typing_on" ? Date.now() + TYPING_MS : undefined;
      return c.json({ recipient_id: chat.psid });
    }

    const content = request.message!;
    let stored: StoredMedia | undefined;
    if (content.attachment && content.attachment.type !== "template") {
      // The Send API downloads the file before it answers, and refuses one it cannot get.
      try {
        stored = await media.fetchLink(content.attachment.payload.url);
      } catch (error) {
        if (error instanceof MediaFetchError) return graphError(c, 400, FETCH_FAILED);
        throw error;
      }
    }
    const message: MessengerBusinessMessage = {
      id: randomMid(),
      from: "business",
      psid: chat.psid,
      at: Date.now(),
      status: "sent",
      messagingType: request.messaging_type,
      ...(request.tag && { tag: request.tag }),
      message: content,
      ...(stored && { media: mediaRef(stored) }),
    };
    add(chat, message);
    chat.typingUntil = undefined;
    void progress(chat, async () => {
      await post(
        chat,
        echoEvent(chat.pageId, chat.psid, message.at, {
          appId,
          mid: message.id,
          ...(content.metadata && { metadata: content.metadata }),
          content: echoContent(content, stored),
        }),
      );
      await sleep(statusDelayMs, undefined, { signal: stopping.signal });
      await reportDelivered(chat, [message]);
    });
    return c.json({ recipient_id: chat.psid, message_id: message.id });
  });

  // The User Profile API (names for new contacts) and the page itself.
  app.get("/graph/:version/:id", (c) => {
    const id = c.req.param("id");
    if (id === "me" || id === pageId)
      return c.json({ name: options.pageName ?? "Atiende (simulada)", id: pageId });
    const chat = chats.get(id);
    if (!chat) return graphError(c, 400, unknownObject("get", id));
    const [firstName = "", ...rest] = chat.name.split(" ");
    const known: Record<string, string> = {
      first_name: firstName,
      last_name: rest.join(" "),
      name: chat.name,
    };
    const fields = (c.req.query("fields") ?? "first_name,last_name").split(",").map((field) => field.trim());
    return c.json({
      ...Object.fromEntries(fields.filter((field) => field in known).map((field) => [field, known[field]])),
      id,
    });
  });

  // Like Meta's CDN links: anyone with the whole URL (its hash included) may download.
  app.get("/media/:id", (c) => {
    const stored = media.get(c.req.param("id"));
    if (!stored || c.req.query("hash") !== stored.urlSecret) return c.text("Not Found", 404);
    return mediaResponse(c, stored);
  });

  app.get("/api/state", (c) =>
    c.json({
      outage,
      business: { pageId, name: options.pageName ?? "Atiende (simulada)" },
      chats: [...chats.values()].map(({ psid, name }) => ({ id: psid, name })),
      deliveries: webhooks.deliveries().slice(-30),
    }),
  );
  app.get("/api/chats/:psid", (c) => {
    const chat = chats.get(c.req.param("psid"));
    return c.json(
      chat
        ? view(chat)
        : { psid: c.req.param("psid"), name: "", windowOpen: false, typing: false, messages: [] },
    );
  });
  app.post("/api/chats/:psid/messages", async (c) => {
    const body = await readJsonBody(c);
    const { id } = customerSends({ ...(body as MessengerCustomerInput), psid: c.req.param("psid") });
    return c.json({ id }, 202);
  });
  app.post("/api/chats/:psid/read", (c) => {
    void readChat(c.req.param("psid"));
    return c.body(null, 202);
  });
  app.post("/api/chats/:psid/age", async (c) => {
    ageChat(c.req.param("psid"), AgeInput.parse(await readJsonBody(c)).hours);
    return c.body(null, 204);
  });
  app.get("/api/outbox", (c) => c.json(outbox(c.req.query("psid"))));
  app.get("/api/deliveries", (c) => c.json(webhooks.deliveries()));
  app.get("/api/media/:id", (c) => {
    const stored = media.get(c.req.param("id"));
    if (!stored) throw new SimulatorError("not_found", "No such file");
    return mediaResponse(c, stored);
  });
  app.post("/control/outage", async (c) => {
    outage = OutageInput.parse(await readJsonBody(c)).on;
    return c.json({ outage });
  });

  servePhonePage(app, {
    channel: "messenger",
    title: "Simulador de Messenger / Messenger simulator",
    basePath: new URL(publicUrl).pathname.replace(/\/+$/, ""),
    identityLabel: "PSID (id de la persona en la página / page-scoped id)",
    identityPattern: "\\d{5,20}",
    defaultIdentity: "6543210987654321",
    defaultName: "Luis Pérez",
    withLocation: false,
  });

  return {
    app,
    customerSends,
    /** The messages the page sent, oldest first; to one customer if `psid` is given. */
    outbox,
    chat: (psid: string): MessengerChatView | undefined => {
      const chat = chats.get(psid);
      return chat && view(chat);
    },
    readChat,
    ageChat,
    setOutage: (on: boolean) => {
      outage = on;
    },
    deliveries: webhooks.deliveries,
    /** Drops pending receipts and retries; call it when a test or the local cloud ends. */
    stop: () => stopping.abort(),
  };
}

export type MessengerSimulator = ReturnType<typeof createMessengerSimulator>;
export type { MessengerCustomerInput } from "./messenger-customer-input.js";
