import { setTimeout as sleep } from "node:timers/promises";
import { Hono } from "hono";
import { z } from "zod";
import { logger } from "../../../functions/observability.js";
import { createWebhookDeliverer, type WebhookDelivery } from "./deliver-webhook.js";
import { graphError, unknownObject } from "./graph-errors.js";
import { graphGuard } from "./graph-guard.js";
import { createMediaStore, type MediaRef, mediaRef, mediaResponse } from "./media-store.js";
import { servePhonePage } from "./phone-page.js";
import { randomDigits, randomWamid } from "./random-ids.js";
import { onSimulatorError, readJsonBody, SimulatorError } from "./simulator-error.js";
import { toInboundMessage, WhatsAppCustomerInput } from "./whatsapp-customer-input.js";
import {
  invalidParameter,
  parseWhatsAppSend,
  WhatsAppMarkRead,
  type WhatsAppSendRequest,
} from "./whatsapp-send-request.js";
import {
  mediaUploadError,
  messageWebhook,
  RE_ENGAGEMENT_ERROR,
  statusWebhook,
  unixSeconds,
  type WhatsAppBusiness,
  type WhatsAppInboundMessage,
  type WhatsAppStatus,
  type WhatsAppStatusError,
} from "./whatsapp-webhooks.js";

/** Free-form messages are delivered only this long after the customer's last message. */
const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** WhatsApp hides "typing…" after this long unless the business answers first. */
const TYPING_MS = 25_000;

export type WhatsAppSimulatorOptions = {
  webhookUrl: string;
  appSecret: string;
  accessToken: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  /** Where the simulator app is mounted, e.g. http://127.0.0.1:3000/sim/whatsapp. */
  publicUrl: string;
  /** The WhatsApp Business Account id in each webhook's `entry[].id`. */
  businessAccountId?: string;
  /** The pause before each status ("sent", then "delivered"), as the phone takes a moment. */
  statusDelayMs?: number;
  /** The waits before each redelivery of a webhook that got no 2xx. */
  retryDelaysMs?: readonly number[];
};

export type BusinessMessageStatus = "accepted" | "sent" | "delivered" | "read" | "failed";

/** A message the business sent through the Graph API, as the simulator holds it. */
export type WhatsAppBusinessMessage = {
  id: string;
  from: "business";
  /** The business number it was sent from: its statuses name it, so they reach that number's owner. */
  phoneNumberId: string;
  waId: string;
  at: number;
  status: BusinessMessageStatus;
  request: WhatsAppSendRequest;
  /** The file it carries, once the simulator has it (fetched from `link`, or uploaded). */
  media?: MediaRef;
  error?: WhatsAppStatusError;
};

/** A message the customer sent; `read` once the business marked it read. */
export type WhatsAppCustomerMessage = {
  id: string;
  from: "customer";
  waId: string;
  at: number;
  status: "received" | "read";
  /** Exactly the `messages[]` element of its webhook. */
  message: WhatsAppInboundMessage;
  media?: MediaRef;
};

export type WhatsAppChatMessage = WhatsAppBusinessMessage | WhatsAppCustomerMessage;

export type WhatsAppChatView = {
  waId: string;
  name: string;
  windowOpen: boolean;
  windowClosesAt?: number;
  typing: boolean;
  messages: WhatsAppChatMessage[];
};

type Chat = {
  waId: string;
  name: string;
  conversationId: string;
  lastCustomerMessageAt?: number;
  typingUntil?: number;
  messages: WhatsAppChatMessage[];
};

const AgeInput = z.object({
  hours: z
    .number()
    .positive()
    .max(24 * 365),
});
const OutageInput = z.object({ on: z.boolean() });

function mediaOf(request: WhatsAppSendRequest) {
  switch (request.type) {
    case "image":
      return request.image;
    case "video":
      return request.video;
    case "audio":
      return request.audio;
    case "document":
      return request.document;
    case "sticker":
      return request.sticker;
    default:
      return undefined;
  }
}

/**
 * Meta's side of WhatsApp on one machine: the Cloud API our adapter calls, the webhooks it
 * receives, and a phone page where a person plays the customer. State lives in memory.
 */
export function createWhatsAppSimulator(options: WhatsAppSimulatorOptions) {
  const publicUrl = options.publicUrl.replace(/\/+$/, "");
  const statusDelayMs = options.statusDelayMs ?? 500;
  const business: WhatsAppBusiness = {
    businessAccountId: options.businessAccountId ?? "102290129340398",
    phoneNumberId: options.phoneNumberId,
    displayPhoneNumber: options.displayPhoneNumber,
  };
  const stopping = new AbortController();
  const webhooks = createWebhookDeliverer({
    url: options.webhookUrl,
    appSecret: options.appSecret,
    signatures: ["sha256"],
    ...(options.retryDelaysMs && { retryDelaysMs: options.retryDelaysMs }),
    signal: stopping.signal,
  });
  const media = createMediaStore();
  const chats = new Map<string, Chat>();
  const byId = new Map<string, { chat: Chat; message: WhatsAppChatMessage }>();
  /** Each business message's statuses go out one after the other, in order. */
  const progressions = new Map<string, Promise<void>>();
  const readRequested = new Set<string>();
  let outage = false;

  /**
   * The configured number, and any other a Meta id could be: one simulator plays Meta for every
   * tenant on the machine (each test tenant registers a number of its own).
   */
  const knownNumber = (id: string) => id === business.phoneNumberId || /^\d{10,20}$/.test(id);

  function chatOf(waId: string) {
    let chat = chats.get(waId);
    if (!chat) {
      chat = { waId, name: "", conversationId: randomDigits(32), messages: [] };
      chats.set(waId, chat);
    }
    return chat;
  }

  function add(chat: Chat, message: WhatsAppChatMessage) {
    chat.messages.push(message);
    byId.set(message.id, { chat, message });
  }

  const windowOpen = (chat: Chat) =>
    chat.lastCustomerMessageAt !== undefined && Date.now() - chat.lastCustomerMessageAt < SERVICE_WINDOW_MS;

  function view(chat: Chat): WhatsAppChatView {
    const { waId, name, lastCustomerMessageAt, typingUntil, messages } = chat;
    return {
      waId,
      name,
      windowOpen: windowOpen(chat),
      ...(lastCustomerMessageAt !== undefined && {
        windowClosesAt: lastCustomerMessageAt + SERVICE_WINDOW_MS,
      }),
      typing: typingUntil !== undefined && typingUntil > Date.now(),
      messages,
    };
  }

  function progress(message: WhatsAppBusinessMessage, step: () => Promise<void>) {
    const next = (progressions.get(message.id) ?? Promise.resolve()).then(step).catch((error: unknown) => {
      if (!stopping.signal.aborted) logger.error("WhatsApp simulator could not report a status", { error });
    });
    progressions.set(message.id, next);
    return next;
  }

  const pause = () => sleep(statusDelayMs, undefined, { signal: stopping.signal });

  function statusOf(message: WhatsAppBusinessMessage, status: WhatsAppStatus["status"]): WhatsAppStatus {
    const opaque = message.request.biz_opaque_callback_data;
    const template = message.request.type === "template";
    const category = template ? "utility" : "service";
    return {
      id: message.id,
      status,
      timestamp: unixSeconds(Date.now()),
      recipient_id: message.waId,
      ...(opaque && { biz_opaque_callback_data: opaque }),
      ...((status === "sent" || status === "delivered") && {
        conversation: {
          id: chatOf(message.waId).conversationId,
          ...(status === "sent" && { expiration_timestamp: unixSeconds(Date.now() + SERVICE_WINDOW_MS) }),
          origin: { type: category },
        },
        pricing: {
          billable: template,
          pricing_model: "PMP",
          category,
          type: template ? "regular" : "free_customer_service",
        },
      }),
      ...(message.error && { errors: [message.error] }),
    };
  }

  const sender = (message: WhatsAppBusinessMessage) => ({
    ...business,
    phoneNumberId: message.phoneNumberId,
  });

  async function report(message: WhatsAppBusinessMessage, status: "sent" | "delivered" | "read") {
    message.status = status;
    await webhooks.deliver(statusWebhook(sender(message), statusOf(message, status)));
  }

  async function fail(message: WhatsAppBusinessMessage, error: WhatsAppStatusError) {
    message.status = "failed";
    message.error = error;
    await webhooks.deliver(statusWebhook(sender(message), statusOf(message, "failed")));
  }

  /** What happens after Meta accepted a send: the checks it makes later, then sent and delivered. */
  async function deliverToPhone(message: WhatsAppBusinessMessage, outsideWindow: boolean) {
    await pause();
    if (outsideWindow) return fail(message, RE_ENGAGEMENT_ERROR);
    const file = mediaOf(message.request);
    if (file?.link) {
      try {
        message.media = mediaRef(await media.fetchLink(file.link), file.filename);
      } catch (error) {
        return fail(message, mediaUploadError(error instanceof Error ? error.message : String(error)));
      }
    }
    await report(message, "sent");
    await pause();
    await report(message, "delivered");
  }

  /** The customer sends something: it is kept in the chat and posted to the webhook. */
  function customerSends(input: WhatsAppCustomerInput): { id: string; delivery: Promise<WebhookDelivery> } {
    const parsed = WhatsAppCustomerInput.parse(input);
    const chat = chatOf(parsed.waId);
    const now = Date.now();
    const { message, stored } = toInboundMessage(parsed, {
      id: randomWamid(),
      now,
      displayPhoneNumber: business.displayPhoneNumber,
      find: (wamid) => {
        const found = byId.get(wamid);
        return found?.chat === chat ? found.message : undefined;
      },
      media,
    });
    chat.name = parsed.name;
    chat.lastCustomerMessageAt = now;
    add(chat, {
      id: message.id,
      from: "customer",
      waId: chat.waId,
      at: now,
      status: "received",
      message,
      ...(stored && { media: mediaRef(stored) }),
    });
    const to = parsed.phoneNumberId ? { ...business, phoneNumberId: parsed.phoneNumberId } : business;
    const delivery = webhooks.deliver(messageWebhook(to, { waId: chat.waId, name: chat.name }, message));
    return { id: message.id, delivery };
  }

  /** The customer reads the chat: each message not yet read is reported delivered (if need be), then read. */
  function readChat(waId: string): Promise<void> {
    const chat = chats.get(waId);
    if (!chat) throw new SimulatorError("not_found", `No chat with ${waId}`);
    const unread = chat.messages.filter(
      (message): message is WhatsAppBusinessMessage =>
        message.from === "business" &&
        message.status !== "read" &&
        message.status !== "failed" &&
        !readRequested.has(message.id),
    );
    return Promise.all(
      unread.map((message) => {
        readRequested.add(message.id);
        return progress(message, async () => {
          if (message.status === "failed") return;
          if (message.status !== "delivered") await report(message, "delivered");
          await report(message, "read");
        });
      }),
    ).then(() => undefined);
  }

  /** Moves the customer's last message `hours` into the past, to try the 24 h window without waiting. */
  function ageChat(waId: string, hours: number) {
    const chat = chats.get(waId);
    if (chat?.lastCustomerMessageAt === undefined)
      throw new SimulatorError("not_found", `${waId} has not written yet`);
    chat.lastCustomerMessageAt -= AgeInput.parse({ hours }).hours * 60 * 60 * 1000;
  }

  const app = new Hono();
  app.onError(onSimulatorError);
  app.notFound((c) =>
    c.json(
      { error: { code: "route_not_found", message: `No route for ${c.req.method} ${c.req.path}` } },
      404,
    ),
  );

  const guard = graphGuard({
    accessToken: options.accessToken,
    isOutage: () => outage,
    invalidTokenStatus: 401,
  });
  app.use("/graph/*", guard);
  app.use("/media/*", guard);

  app.post("/graph/:version/:phoneNumberId/messages", async (c) => {
    const phoneNumberId = c.req.param("phoneNumberId");
    if (!knownNumber(phoneNumberId)) return graphError(c, 400, unknownObject("post", phoneNumberId));
    const body: unknown = await c.req.json().catch(() => undefined);

    if (body && typeof body === "object" && "status" in body) {
      const markRead = WhatsAppMarkRead.safeParse(body);
      if (!markRead.success) return graphError(c, 400, invalidParameter("status: only read is supported"));
      const found = byId.get(markRead.data.message_id);
      if (found?.message.from !== "customer")
        return graphError(c, 400, invalidParameter("Invalid message_id"));
      // Marking one message read marks every earlier one in the chat read too.
      for (const earlier of found.chat.messages)
        if (earlier.from === "customer" && earlier.at <= found.message.at) earlier.status = "read";
      if (markRead.data.typing_indicator) found.chat.typingUntil = Date.now() + TYPING_MS;
      return c.json({ success: true });
    }

    const parsed = parseWhatsAppSend(body);
    if (!parsed.ok) return graphError(c, 400, parsed.error);
    const { request } = parsed;
    const file = mediaOf(request);
    const uploaded = file?.id ? media.get(file.id) : undefined;
    if (file?.id && !uploaded)
      return graphError(c, 400, invalidParameter(`${request.type}.id: unknown media id`));

    const chat = chatOf(request.to.replace(/\D/g, ""));
    const message: WhatsAppBusinessMessage = {
      id: randomWamid(),
      from: "business",
      phoneNumberId,
      waId: chat.waId,
      at: Date.now(),
      status: "accepted",
      request,
      ...(uploaded && { media: mediaRef(uploaded, file?.filename) }),
    };
    add(chat, message);
    chat.typingUntil = undefined;
    // Meta accepts a free-form message outside the window and fails it afterwards (131047).
    const outsideWindow = request.type !== "template" && !windowOpen(chat);
    void progress(message, () => deliverToPhone(message, outsideWindow));
    return c.json({
      messaging_product: "whatsapp",
      contacts: [{ input: request.to, wa_id: chat.waId }],
      messages: [{ id: message.id, ...(request.type === "template" && { message_status: "accepted" }) }],
    });
  });

  app.post("/graph/:version/:phoneNumberId/media", async (c) => {
    const phoneNumberId = c.req.param("phoneNumberId");
    if (!knownNumber(phoneNumberId)) return graphError(c, 400, unknownObject("post", phoneNumberId));
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    if (form.messaging_product !== "whatsapp")
      return graphError(c, 400, invalidParameter("messaging_product: must be whatsapp"));
    if (!(form.file instanceof File)) return graphError(c, 400, invalidParameter("file: is required"));
    const stored = media.put({
      bytes: new Uint8Array(await form.file.arrayBuffer()),
      mimeType: (typeof form.type === "string" && form.type) || form.file.type || "application/octet-stream",
      ...(form.file.name && { fileName: form.file.name }),
    });
    return c.json({ id: stored.id });
  });

  app.get("/graph/:version/:mediaId", (c) => {
    const mediaId = c.req.param("mediaId");
    const stored = media.get(mediaId);
    if (!stored) return graphError(c, 400, unknownObject("get", mediaId));
    return c.json({
      messaging_product: "whatsapp",
      url: `${publicUrl}/media/${stored.id}?hash=${stored.urlSecret}`,
      mime_type: stored.mimeType,
      sha256: stored.sha256.toString("hex"),
      // The Cloud API writes the size as a string.
      file_size: String(stored.bytes.byteLength),
      id: stored.id,
    });
  });

  app.get("/media/:id", (c) => {
    const stored = media.get(c.req.param("id"));
    if (!stored || c.req.query("hash") !== stored.urlSecret) return c.text("Not Found", 404);
    return mediaResponse(c, stored);
  });

  app.get("/api/state", (c) =>
    c.json({
      outage,
      business,
      chats: [...chats.values()].map(({ waId, name }) => ({ id: waId, name })),
      deliveries: webhooks.deliveries().slice(-30),
    }),
  );
  app.get("/api/chats/:waId", (c) => {
    const chat = chats.get(c.req.param("waId"));
    return c.json(
      chat
        ? view(chat)
        : { waId: c.req.param("waId"), name: "", windowOpen: false, typing: false, messages: [] },
    );
  });
  app.post("/api/chats/:waId/messages", async (c) => {
    const body = await readJsonBody(c);
    const { id } = customerSends({ ...(body as WhatsAppCustomerInput), waId: c.req.param("waId") });
    return c.json({ id }, 202);
  });
  app.post("/api/chats/:waId/read", (c) => {
    void readChat(c.req.param("waId"));
    return c.body(null, 202);
  });
  app.post("/api/chats/:waId/age", async (c) => {
    ageChat(c.req.param("waId"), AgeInput.parse(await readJsonBody(c)).hours);
    return c.body(null, 204);
  });
  app.get("/api/outbox", (c) => c.json(outbox(c.req.query("waId"))));
  app.get("/api/deliveries", (c) => c.json(webhooks.deliveries()));
  // The phone shows files it holds; Meta's own download route needs the token.
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
    channel: "whatsapp",
    title: "Simulador de WhatsApp / WhatsApp simulator",
    basePath: new URL(publicUrl).pathname.replace(/\/+$/, ""),
    identityLabel: "Número / Number",
    identityPattern: "\\d{8,15}",
    defaultIdentity: "5215512345678",
    defaultName: "Ana López",
    withLocation: true,
  });

  function outbox(waId?: string): WhatsAppBusinessMessage[] {
    return [...chats.values()]
      .filter((chat) => !waId || chat.waId === waId)
      .flatMap((chat) => chat.messages.filter((message) => message.from === "business"))
      .sort((a, b) => a.at - b.at);
  }

  return {
    app,
    customerSends,
    /** The messages the business sent, oldest first; to one customer if `waId` is given. */
    outbox,
    chat: (waId: string): WhatsAppChatView | undefined => {
      const chat = chats.get(waId);
      return chat && view(chat);
    },
    readChat,
    ageChat,
    setOutage: (on: boolean) => {
      outage = on;
    },
    deliveries: webhooks.deliveries,
    /** Drops pending statuses and retries; call it when a test or the local cloud ends. */
    stop: () => stopping.abort(),
  };
}

export type WhatsAppSimulator = ReturnType<typeof createWhatsAppSimulator>;
export type { WhatsAppCustomerInput } from "./whatsapp-customer-input.js";
