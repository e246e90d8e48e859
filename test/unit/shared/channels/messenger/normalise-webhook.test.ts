import { describe, expect, it } from "vitest";
import type { NormalisedWebhook } from "../../../../../shared/channels/inbound.js";
import { MalformedWebhookError } from "../../../../../shared/channels/malformed-webhook.js";
import { normaliseMessengerWebhook } from "../../../../../shared/channels/messenger/normalise-webhook.js";
import fixture from "../../../../fixtures/channels/messenger.json" with { type: "json" };

/** The parts of a fixture's messaging event the assertions read. */
type FixtureEvent = {
  sender?: { id: string };
  recipient: { id: string };
  timestamp?: number;
  message?: { mid: string; text: string; quick_reply?: { payload: string } };
  postback?: { payload: string };
  delivery?: { mids: string[]; watermark: number };
  read?: { watermark: number };
};
type FixtureBody = { entry: { messaging: FixtureEvent[] }[] };

const webhooks = fixture.items.flatMap((item) =>
  "payload" in item
    ? [{ id: item.id, kind: item.kind, covers: item.covers, payload: item.payload as unknown as FixtureBody }]
    : [],
);
type Webhook = (typeof webhooks)[number];

const PAGE = "111899832631525";
const PSID = "1433960459967306";
const iso = (ms: number) => new Date(ms).toISOString();

function onlyEvent(webhook: Webhook): FixtureEvent {
  return webhook.payload.entry[0]!.messaging[0]!;
}

function counts(result: NormalisedWebhook) {
  return {
    messages: result.messages.length,
    statuses: result.statuses.length,
    echoes: result.echoes.length,
    rejected: result.rejected.length,
    ignored: result.ignored.length,
  };
}
const NOTHING = { messages: 0, statuses: 0, echoes: 0, rejected: 0, ignored: 0 };

/** What each kind of fixture must come out as. */
const EXPECT_BY_KIND: Record<string, (result: NormalisedWebhook, webhook: Webhook) => void> = {
  message(result, webhook) {
    const event = onlyEvent(webhook);
    expect(counts(result)).toEqual({ ...NOTHING, messages: 1 });
    expect(result.messages[0]).toMatchObject({
      channel: "messenger",
      accountId: event.recipient.id,
      externalId: event.message!.mid,
      from: { address: event.sender!.id },
      sentAt: iso(event.timestamp!),
      text: event.message!.text,
      media: [],
      content: event.message!.quick_reply
        ? { kind: "choice", choice: { id: event.message!.quick_reply.payload, title: event.message!.text } }
        : { kind: "text" },
    });
  },
  echo(result, webhook) {
    const event = onlyEvent(webhook);
    expect(counts(result)).toEqual({ ...NOTHING, echoes: 1 });
    expect(result.echoes[0]).toMatchObject({
      externalId: event.message!.mid,
      accountId: event.sender!.id,
      recipient: event.recipient.id,
    });
  },
  postback(result, webhook) {
    const event = onlyEvent(webhook);
    expect(counts(result)).toEqual({ ...NOTHING, messages: 1 });
    expect(result.messages[0]!.content).toEqual({
      kind: "choice",
      choice: { id: event.postback!.payload, title: event.postback!.payload },
    });
  },
  receipt(result, webhook) {
    const event = onlyEvent(webhook);
    const expected = event.delivery
      ? event.delivery.mids.map((mid) => ({ state: "delivered", externalId: mid }))
      : [{ state: "read", at: iso(event.read!.watermark) }];
    expect(counts(result)).toEqual({ ...NOTHING, statuses: expected.length });
    expect(result.statuses).toMatchObject(
      expected.map((status) => ({ ...status, accountId: event.recipient.id, recipient: event.sender!.id })),
    );
  },
  other_event(result, webhook) {
    expect(counts(result)).toEqual({ ...NOTHING, ignored: 1 });
    expect(result.ignored[0]!.reason).toContain(webhook.covers[0]);
  },
  unknown_event(result) {
    expect(counts(result)).toEqual({ ...NOTHING, ignored: 1 });
    expect(result.ignored[0]!.reason).toContain("foo");
  },
  malformed(result) {
    expect(counts(result)).toEqual({ ...NOTHING, rejected: 1 });
    expect(result.rejected[0]!.raw).toBe("{}");
  },
  batch(result) {
    expect(counts(result)).toEqual({ ...NOTHING, messages: 2 });
    expect(result.messages.map((message) => message.text)).toEqual(["test 1", "test 2"]);
  },
};

/** A webhook body with one entry holding these messaging events. */
function webhook(...messaging: unknown[]) {
  return { object: "page", entry: [{ id: PAGE, time: 1518479195594, messaging }] };
}

/** A customer's message event, in the shape Meta documents. */
function customerMessage(message: Record<string, unknown>) {
  return {
    sender: { id: PSID },
    recipient: { id: PAGE },
    timestamp: 1518479195308,
    message: { mid: "mid.$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c", ...message },
  };
}

describe("normalising a Messenger webhook", () => {
  describe("every fixture body that has a payload", () => {
    it("has an expectation for its kind", () => {
      const kinds = new Set(webhooks.map((item) => item.kind));

      expect(webhooks.length).toBe(15);
      expect([...kinds].filter((kind) => !(kind in EXPECT_BY_KIND))).toEqual([]);
    });

    it.each(webhooks)("reads $id ($kind) as its kind says", (item) => {
      const result = normaliseMessengerWebhook(item.payload);

      EXPECT_BY_KIND[item.kind]!(result, item);
    });
  });

  it("turns a customer's text into a message from his PSID to the page", () => {
    const body = fixture.items.find((item) => item.id === "fb-botman-L75-message")!.payload;

    const result = normaliseMessengerWebhook(body);

    expect(result.messages).toEqual([
      {
        channel: "messenger",
        accountId: PAGE,
        externalId: "mid.1480279487147:4388d3b344",
        from: { address: PSID },
        sentAt: "2016-11-27T20:44:47.147Z",
        text: "Hi",
        content: { kind: "text" },
        media: [],
      },
    ]);
  });

  it("keeps the page's own messages as echoes, never as the customer's words", () => {
    const body = fixture.items.find((item) => item.id === "fb-botman-L79-echo")!.payload;

    const result = normaliseMessengerWebhook(body);

    expect(result.messages).toEqual([]);
    expect(result.echoes).toEqual([
      {
        channel: "messenger",
        accountId: "1433960459967306",
        externalId: "mid.1480279487147:4388d3b344",
        recipient: "111899832631525",
        text: "Hi",
        sentAt: "2016-11-27T20:44:47.147Z",
      },
    ]);
  });

  it("reads a quick reply as the customer's choice, titled with the words he tapped", () => {
    const body = fixture.items.find((item) => item.id === "fb-botman-L1056-message")!.payload;

    const [message] = normaliseMessengerWebhook(body).messages;

    expect(message).toMatchObject({
      text: "Red",
      content: { kind: "choice", choice: { id: "MY_PAYLOAD", title: "Red" } },
    });
  });

  it("gives a postback without a mid an id made of its sender and time, so a redelivery is one message", () => {
    const body = fixture.items.find((item) => item.id === "fb-botman-L125-postback")!.payload;

    const first = normaliseMessengerWebhook(body).messages;
    const again = normaliseMessengerWebhook(body).messages;

    expect(first).toEqual([
      {
        channel: "messenger",
        accountId: PAGE,
        externalId: `postback:${PSID}:1480279487147`,
        from: { address: PSID },
        sentAt: "2016-11-27T20:44:47.147Z",
        text: "MY_PAYLOAD",
        content: { kind: "choice", choice: { id: "MY_PAYLOAD", title: "MY_PAYLOAD" } },
        media: [],
      },
    ]);
    expect(again).toEqual(first);
  });

  it("titles a postback with the button's title and keys it by its mid when Messenger sends them", () => {
    const body = webhook({
      sender: { id: PSID },
      recipient: { id: PAGE },
      timestamp: 1527459824000,
      postback: { mid: "m_MESSAGE-ID", title: "Hablar con un agente", payload: "HANDOFF" },
    });

    const [message] = normaliseMessengerWebhook(body).messages;

    expect(message).toMatchObject({
      externalId: "m_MESSAGE-ID",
      text: "Hablar con un agente",
      content: { kind: "choice", choice: { id: "HANDOFF", title: "Hablar con un agente" } },
    });
  });

  it("marks each delivered mid delivered to the customer who sent the receipt", () => {
    const body = fixture.items.find((item) => item.id === "fb-botman-L976-receipt")!.payload;

    const result = normaliseMessengerWebhook(body);

    expect(result.statuses).toEqual([
      {
        channel: "messenger",
        accountId: "PAGE_ID",
        recipient: "USER_ID",
        state: "delivered",
        externalId: "mid.1458668856218:ed81099e15d3f4f233",
        at: iso(1458668856253),
      },
    ]);
  });

  it("marks everything up to the watermark delivered when a delivery names no mids", () => {
    const body = webhook({
      sender: { id: PSID },
      recipient: { id: PAGE },
      delivery: { watermark: 1458668856253 },
    });

    const result = normaliseMessengerWebhook(body);

    expect(result.statuses).toEqual([
      { channel: "messenger", accountId: PAGE, recipient: PSID, state: "delivered", at: iso(1458668856253) },
    ]);
  });

  it("marks everything up to the read watermark read, with no message id", () => {
    const body = fixture.items.find((item) => item.id === "fb-botman-L987-receipt")!.payload;

    const result = normaliseMessengerWebhook(body);

    expect(result.statuses).toEqual([
      {
        channel: "messenger",
        accountId: "PAGE_ID",
        recipient: "USER_ID",
        state: "read",
        at: iso(1458668856253),
      },
    ]);
  });

  it("reads both entries of a batch", () => {
    const body = fixture.items.find((item) => item.id === "fb-bottender-batch-two-entries")!.payload;

    const result = normaliseMessengerWebhook(body);

    expect(result.messages.map((message) => [message.externalId, message.text])).toEqual([
      ["mid.1486464322190:cb04e5a654", "test 1"],
      ["mid.1486464322190:cb04e5a656", "test 2"],
    ]);
  });

  describe("attachments", () => {
    it("reads an image as media to fetch from its URL", () => {
      const body = webhook(
        customerMessage({
          attachments: [{ type: "image", payload: { url: "https://cdn.fb.example/a.jpg" } }],
        }),
      );

      const [message] = normaliseMessengerWebhook(body).messages;

      expect(message).toMatchObject({
        text: "",
        content: { kind: "media", mediaType: "image" },
        media: [{ source: { from: "url", url: "https://cdn.fb.example/a.jpg" } }],
      });
    });

    it.each(["video", "audio", "file"] as const)("reads a %s attachment as that media type", (type) => {
      const body = webhook(
        customerMessage({ attachments: [{ type, payload: { url: `https://cdn.fb.example/${type}` } }] }),
      );

      const [message] = normaliseMessengerWebhook(body).messages;

      expect(message!.content).toEqual({ kind: "media", mediaType: type });
      expect(message!.media).toEqual([{ source: { from: "url", url: `https://cdn.fb.example/${type}` } }]);
    });

    it("keeps every file of a message, typed by the first", () => {
      const body = webhook(
        customerMessage({
          attachments: [
            { type: "image", payload: { url: "https://cdn.fb.example/1.jpg" } },
            { type: "image", payload: { url: "https://cdn.fb.example/2.jpg" } },
            { type: "video", payload: { url: "https://cdn.fb.example/3.mp4" } },
          ],
        }),
      );

      const [message] = normaliseMessengerWebhook(body).messages;

      expect(message!.content).toEqual({ kind: "media", mediaType: "image" });
      expect(message!.media.map((media) => media.source)).toEqual([
        { from: "url", url: "https://cdn.fb.example/1.jpg" },
        { from: "url", url: "https://cdn.fb.example/2.jpg" },
        { from: "url", url: "https://cdn.fb.example/3.mp4" },
      ]);
    });

    it("reads an image that carries a sticker_id as a sticker", () => {
      const body = webhook(
        customerMessage({
          sticker_id: 369239263222822,
          attachments: [
            {
              type: "image",
              payload: { url: "https://cdn.fb.example/like.png", sticker_id: 369239263222822 },
            },
          ],
        }),
      );

      const [message] = normaliseMessengerWebhook(body).messages;

      expect(message!.content).toEqual({ kind: "media", mediaType: "sticker" });
    });

    it("reads a shared location from its coordinates", () => {
      const body = webhook(
        customerMessage({
          attachments: [
            {
              type: "location",
              title: "Pinned Location",
              url: "https://www.bing.com/maps/default.aspx?v=2&pc=FACEBK&mid=8100&where1=-33.45,-70.66",
              payload: { coordinates: { lat: -33.45, long: -70.66 } },
            },
          ],
        }),
      );

      const [message] = normaliseMessengerWebhook(body).messages;

      expect(message!.content).toEqual({
        kind: "location",
        latitude: -33.45,
        longitude: -70.66,
        name: "Pinned Location",
        url: "https://www.bing.com/maps/default.aspx?v=2&pc=FACEBK&mid=8100&where1=-33.45,-70.66",
      });
      expect(message!.media).toEqual([]);
    });

    it.each([
      ["fallback", { type: "fallback", payload: null, title: "Shared link", url: "https://example.com" }],
      ["template", { type: "template", payload: { template_type: "generic", elements: [] } }],
      ["ig_reel", { type: "ig_reel", payload: { reel_video_id: "1", url: "https://cdn.fb.example/r" } }],
    ])("keeps a %s attachment as unsupported, with its JSON", (type, attachment) => {
      const body = webhook(customerMessage({ text: "https://example.com", attachments: [attachment] }));

      const [message] = normaliseMessengerWebhook(body).messages;

      expect(message!.text).toBe("https://example.com");
      expect(message!.content).toMatchObject({ kind: "unsupported", providerType: type });
      expect(JSON.parse((message!.content as { raw: string }).raw)).toEqual([attachment]);
    });

    it("cuts an unsupported attachment's JSON at 4096 characters", () => {
      const body = webhook(
        customerMessage({ attachments: [{ type: "template", payload: { text: "ñ".repeat(10_000) } }] }),
      );

      const [message] = normaliseMessengerWebhook(body).messages;

      expect((message!.content as { raw: string }).raw).toHaveLength(4096);
    });

    it("never splits an emoji when it cuts the JSON", () => {
      const padding = "a".repeat(4096 - '[{"type":"template","payload":{"text":"'.length - 1);
      const body = webhook(
        customerMessage({ attachments: [{ type: "template", payload: { text: `${padding}😀😀` } }] }),
      );

      const [message] = normaliseMessengerWebhook(body).messages;

      const raw = (message!.content as { raw: string }).raw;
      expect(raw).toHaveLength(4095);
      expect(raw.endsWith("a")).toBe(true);
    });

    it("keeps a media attachment without a URL as unsupported", () => {
      const body = webhook(customerMessage({ attachments: [{ type: "image", payload: {} }] }));

      const [message] = normaliseMessengerWebhook(body).messages;

      expect(message!.content).toMatchObject({
        kind: "unsupported",
        providerType: "image",
        reason: "attachment without a url",
      });
    });
  });

  it("links a reply to the message it answers", () => {
    const body = webhook(
      customerMessage({
        mid: "m_1457764197618:41d102a3e1ae206a38",
        text: "hello, world!",
        reply_to: { mid: "m_1fTq8oLumEyIp3Q2MR-aY7IfLZDamVrALniheU", is_self_reply: false },
      }),
    );

    const [message] = normaliseMessengerWebhook(body).messages;

    expect(message).toMatchObject({
      externalId: "m_1457764197618:41d102a3e1ae206a38",
      replyToExternalId: "m_1fTq8oLumEyIp3Q2MR-aY7IfLZDamVrALniheU",
      content: { kind: "text" },
    });
  });

  it("keeps a message with neither text nor attachment as unsupported, never dropped", () => {
    const body = webhook(customerMessage({ mid: "m_empty" }));

    const [message] = normaliseMessengerWebhook(body).messages;

    expect(message).toMatchObject({
      externalId: "m_empty",
      text: "",
      content: { kind: "unsupported", providerType: "message", reason: "no text and no attachment" },
    });
  });

  it("reads a timestamp Meta sends as a string", () => {
    const body = webhook({ ...customerMessage({ text: "hola" }), timestamp: "1518479195308" });

    const [message] = normaliseMessengerWebhook(body).messages;

    expect(message!.sentAt).toBe(iso(1518479195308));
  });

  it("rejects one unreadable event and still reads the others", () => {
    const body = webhook(
      customerMessage({ mid: "m_first", text: "uno" }),
      {
        sender: { id: PSID },
        recipient: { id: PAGE },
        timestamp: 1518479195308,
        message: { text: "sin mid" },
      },
      customerMessage({ mid: "m_third", text: "tres" }),
    );

    const result = normaliseMessengerWebhook(body);

    expect(result.messages.map((message) => message.externalId)).toEqual(["m_first", "m_third"]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]!.reason).toContain("message.mid");
    expect(JSON.parse(result.rejected[0]!.raw)).toMatchObject({ message: { text: "sin mid" } });
  });

  it("rejects an entry that is not an object and reads the next", () => {
    const body = { object: "page", entry: ["nonsense", webhook(customerMessage({ text: "hola" })).entry[0]] };

    const result = normaliseMessengerWebhook(body);

    expect(result.messages).toHaveLength(1);
    expect(result.rejected).toEqual([{ reason: expect.stringContaining("entry"), raw: '"nonsense"' }]);
  });

  it("ignores the events of a thread another app holds", () => {
    const body = {
      object: "page",
      entry: [{ id: PAGE, time: 1, standby: [customerMessage({ text: "hola" })] }],
    };

    const result = normaliseMessengerWebhook(body);

    expect(result.messages).toEqual([]);
    expect(result.ignored).toEqual([{ reason: expect.stringContaining("standby") }]);
  });

  it("ignores a policy-enforcement notice", () => {
    const body = webhook({
      recipient: { id: PAGE },
      timestamp: 1458692752478,
      "policy-enforcement": { action: "block", reason: "The bot violated our Platform Policies" },
    });

    const result = normaliseMessengerWebhook(body);

    expect(counts(result)).toEqual({ ...NOTHING, ignored: 1 });
    expect(result.ignored[0]!.reason).toContain("policy-enforcement");
  });

  it.each([
    ["another object", { object: "instagram", entry: [{ id: "1", messaging: [] }] }],
    ["no entries", { object: "page", entry: [] }],
    ["an empty body", {}],
    ["not an object", "page"],
  ])("refuses a body with %s as malformed", (_, body) => {
    expect(() => normaliseMessengerWebhook(body)).toThrow(MalformedWebhookError);
  });
});
