import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InboundMessage, StatusUpdate } from "../../../../../shared/channels/inbound.js";
import { MalformedWebhookError } from "../../../../../shared/channels/malformed-webhook.js";
import { normaliseWhatsAppWebhook } from "../../../../../shared/channels/whatsapp/normalise-webhook.js";
import fixtureFile from "../../../../fixtures/channels/whatsapp.json" with { type: "json" };

const Fixture = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      covers: z.array(z.string()).optional(),
      payload: z.unknown().optional(),
    }),
  ),
});
const bodies = Fixture.parse(fixtureFile).items.filter((item) => item.payload !== undefined);

const PYWA = {
  accountId: "1122334455667",
  from: { address: "972987654321", name: "Test Name", phone: "+972987654321" },
};
const NETFLIE = {
  accountId: "PHONE_NUMBER_ID",
  from: { address: "PHONE_NUMBER", name: "NAME", phone: undefined },
};

const media = (mediaType: string, mediaId: string, more: Record<string, unknown> = {}) => ({
  content: { kind: "media", mediaType },
  media: [{ source: { from: "whatsapp", mediaId }, ...more }],
});
const choice = (id: string, title: string, description?: string) => ({
  text: title,
  content: { kind: "choice", choice: { id, title, ...(description && { description }) } },
});
const unsupported = (providerType: string, reason: string) => ({
  text: "",
  content: { kind: "unsupported", providerType, reason },
});
const status = (
  state: string,
  externalId: string,
  recipient: string,
  more: Record<string, unknown> = {},
) => ({
  channel: "whatsapp",
  state,
  externalId,
  recipient,
  ...more,
});

type Expected = { messages?: Record<string, unknown>[]; statuses?: Record<string, unknown>[] };

/** What each fixture body must give: every body with a payload is listed, so a new one fails until described. */
const EXPECTED: Record<string, Expected> = {
  "wa-pywa-message-text": {
    messages: [
      {
        channel: "whatsapp",
        ...PYWA,
        externalId: "wamid.xyzxyz",
        sentAt: "2023-10-11T16:53:43.000Z",
        text: "Body Text",
        content: { kind: "text" },
        media: [],
        replyToExternalId: undefined,
        forwarded: undefined,
      },
    ],
  },
  "wa-pywa-message-image": {
    messages: [{ ...PYWA, text: "", ...media("image", "65463453", { mimeType: "image/jpeg" }) }],
  },
  "wa-pywa-message-media_with_url": { messages: [{ ...PYWA, ...media("image", "65463453") }] },
  "wa-pywa-message-video": {
    messages: [{ ...PYWA, text: "caption", forwarded: true, ...media("video", "765756756") }],
  },
  "wa-pywa-message-document": {
    messages: [
      {
        ...PYWA,
        text: "caption",
        forwarded: true,
        ...media("document", "1234567890987654321", {
          mimeType: "application/pdf",
          fileName: "filename.pdf",
        }),
      },
    ],
  },
  "wa-pywa-message-audio": { messages: [{ ...PYWA, text: "", ...media("audio", "1234567890987654321") }] },
  "wa-pywa-message-voice": { messages: [{ ...PYWA, text: "", ...media("voice", "1234567890987654321") }] },
  "wa-pywa-message-static_sticker": { messages: [{ ...PYWA, ...media("sticker", "1234567890987654321") }] },
  "wa-pywa-message-animated_sticker": { messages: [{ ...PYWA, ...media("sticker", "1234567890987654321") }] },
  "wa-pywa-message-reaction": {
    messages: [
      { ...PYWA, text: "😮", content: { kind: "reaction", emoji: "😮", targetExternalId: "wamid.yzxyzx=" } },
    ],
  },
  "wa-pywa-message-unreaction_empty": {
    messages: [{ text: "", content: { kind: "reaction", emoji: "", targetExternalId: "wamid.yzxyzx=" } }],
  },
  "wa-pywa-message-unreaction_no_emoji": {
    messages: [{ text: "", content: { kind: "reaction", emoji: "", targetExternalId: "wamid.yzxyzx=" } }],
  },
  "wa-pywa-message-current_location": {
    messages: [
      {
        ...PYWA,
        text: "📍 12.25089, 43.90539",
        content: { kind: "location", latitude: 12.25089, longitude: 43.90539 },
        forwarded: true,
      },
    ],
  },
  "wa-pywa-message-chosen_location": {
    messages: [
      {
        text: "Facebook HQ, 1 Hacker Way, Menlo Park, CA 94025",
        content: {
          kind: "location",
          latitude: 37.4611978,
          longitude: -122.2164385,
          name: "Facebook HQ",
          address: "1 Hacker Way, Menlo Park, CA 94025",
          url: "https://maps.google.com/?cid=2000000000000000000",
        },
      },
    ],
  },
  "wa-pywa-message-contacts": {
    messages: [
      {
        text: "Chandler Bing, Monica, Rachel Green",
        content: {
          kind: "contacts",
          contacts: [
            { name: "Chandler Bing", phones: ["+1 555-555-5555"], emails: [] },
            { name: "Monica", phones: ["+1 666-666-6666"], emails: [] },
            { name: "Rachel Green", phones: ["+1 777-777-7777"], emails: [] },
          ],
        },
      },
    ],
  },
  "wa-pywa-message-order": {
    messages: [
      {
        text: "Pedido: 3 × HAMBURGER, 2 × FRENCH_FRIES, 2 × SODA",
        content: {
          kind: "order",
          items: [
            { productId: "HAMBURGER", quantity: 3, price: 30, currency: "ILS" },
            { productId: "FRENCH_FRIES", quantity: 2, price: 35, currency: "ILS" },
            { productId: "SODA", quantity: 2, price: 10, currency: "ILS" },
          ],
        },
      },
    ],
  },
  "wa-pywa-message-unsupported": {
    messages: [
      {
        ...PYWA,
        ...unsupported("unsupported", "Message type unknown: Message type is currently not supported."),
      },
    ],
  },
  "wa-pywa-message-unsupported_with_type": {
    messages: [unsupported("pool", "Message type unknown: Message type is currently not supported.")],
  },
  "wa-pywa-message-reply": {
    messages: [{ text: "replied text", replyToExternalId: "wamid.xyzxyz==", forwarded: undefined }],
  },
  "wa-pywa-message-forwarded": { messages: [{ text: "forwarded text", forwarded: true }] },
  "wa-pywa-message-forwarded_many_times": {
    messages: [{ text: "text forwarded many times", forwarded: true }],
  },
  "wa-pywa-message-interactive_message_with_err": {
    messages: [
      {
        externalId: "wamid.wegrchytvwcggt=",
        replyToExternalId: "wamid.gvwegfretge==",
        ...unsupported("interactive", "Something went wrong: Unsupported webhook payload"),
      },
    ],
  },
  "wa-pywa-message-referral": {
    messages: [{ ...PYWA, externalId: "wamid.ID", text: "BODY", content: { kind: "text" } }],
  },
  "wa-pywa-message_status-sent": {
    statuses: [
      status("sent", "wamid.xyzxyz", "972987654321", {
        accountId: "1122334455667",
        at: "2023-10-25T20:49:05.000Z",
        error: undefined,
      }),
    ],
  },
  "wa-pywa-message_status-delivered": { statuses: [status("delivered", "wamid.xyzxyz", "972987654321")] },
  "wa-pywa-message_status-read": { statuses: [status("read", "wamid.xyzxyz", "972987654321")] },
  "wa-pywa-message_status-played": { statuses: [status("read", "wamid.xyzxyz", "972987654321")] },
  "wa-pywa-message_status-failed": {
    statuses: [
      status("failed", "wamid.xyzxyz", "972987654321", {
        error: {
          code: "130472",
          message:
            "User's number is part of an experiment: Failed to send message because this user's phone number is part of an experiment",
        },
      }),
    ],
  },
  "wa-pywa-message_status-with_tracker": { statuses: [status("sent", "wamid.xyzxyz", "972987654321")] },
  "wa-pywa-message_status-group": {
    statuses: [
      status("read", "<WHATSAPP_MESSAGE_ID>", "fowefinoewcnw", { accountId: "<BUSINESS_PHONE_NUMBER_ID>" }),
    ],
  },
  "wa-pywa-callback_button-button": {
    messages: [{ ...PYWA, replyToExternalId: "wamid.xyzxyz", ...choice("callback_data", "title") }],
  },
  "wa-pywa-callback_button-quick_reply": {
    messages: [
      {
        externalId: "wamid.xsidjw",
        replyToExternalId: "wamid.xyzxyz==",
        ...choice("callback_data", "title"),
      },
    ],
  },
  "wa-pywa-callback_button-quick_reply_without_context": {
    messages: [
      { externalId: "wamid.xsidjx", replyToExternalId: undefined, ...choice("callback_data", "title") },
    ],
  },
  "wa-pywa-callback_selection-callback": { messages: [choice("callback_data", "title")] },
  "wa-pywa-callback_selection-description": { messages: [choice("callback_data", "title", "description")] },
  "wa-pywa-system-phone_number_change": {
    messages: [
      {
        from: { address: "972987654321", name: undefined, phone: "+972987654321" },
        text: "User A changed from 972987654321 to 972912345678",
        content: { kind: "system", event: "user_changed_number" },
      },
    ],
  },
  "wa-pywa-system-identity_change": {
    messages: [
      {
        from: { address: "972987654321", name: "User A" },
        text: "User identity changed",
        content: { kind: "system", event: "customer_identity_changed" },
      },
    ],
  },
  "wa-netflie-can_build_a_notification": {
    messages: [
      {
        from: { address: "16315551234", name: "NAME", phone: "+16315551234" },
        replyToExternalId: "wamid.ID",
        forwarded: true,
        ...choice("No-Button-Payload", "No"),
      },
    ],
  },
  "wa-netflie-can_build_a_text_notification": {
    messages: [{ ...NETFLIE, externalId: "wamid.ID", text: "MESSAGE_BODY", content: { kind: "text" } }],
  },
  "wa-netflie-can_build_multiple_text_notification": {
    messages: [
      { ...NETFLIE, text: "MESSAGE_BODY", sentAt: "2022-11-23T20:02:58.000Z" },
      { ...NETFLIE, text: "MESSAGE_BODY2", sentAt: "2022-11-23T20:02:59.000Z" },
    ],
  },
  "wa-netflie-can_build_a_reaction_notification": {
    messages: [
      { text: "EMOJI", content: { kind: "reaction", emoji: "EMOJI", targetExternalId: "MESSAGE_ID" } },
    ],
  },
  "wa-netflie-can_build_a_removed_reaction_notification": {
    messages: [{ text: "", content: { kind: "reaction", emoji: "", targetExternalId: "MESSAGE_ID" } }],
  },
  "wa-netflie-can_build_an_image_notification": {
    messages: [
      { ...NETFLIE, text: "CAPTION_TEXT", ...media("image", "IMAGE_ID", { mimeType: "image/jpeg" }) },
    ],
  },
  "wa-netflie-can_build_an_document_notification": {
    messages: [{ text: "CAPTION_TEXT", ...media("document", "IMAGE_ID", { fileName: "FILENAME" }) }],
  },
  "wa-netflie-can_build_a_sticker_notification": {
    messages: [{ from: { address: "SENDER_PHONE_NUMBER", name: "NAME" }, ...media("sticker", "STICKER_ID") }],
  },
  "wa-netflie-can_build_an_unknown_notification": {
    messages: [unsupported("unknown", "Unsupported message type: Message type is not currently supported")],
  },
  // The source keeps Meta's placeholders ("LOCATION_LATITUDE"): coordinates we cannot read make it unsupported, not lost.
  "wa-netflie-can_build_a_location_notification": {
    messages: [unsupported("location", "location: latitude: Invalid input")],
  },
  "wa-netflie-can_build_a_contact_notification": {
    messages: [
      {
        text: "CONTACT_FORMATTED_NAME",
        content: {
          kind: "contacts",
          contacts: [
            { name: "CONTACT_FORMATTED_NAME", phones: ["CONTACT_PHONE"], emails: ["CONTACT_EMAIL"] },
          ],
        },
      },
    ],
  },
  "wa-netflie-can_build_a_button_notification": {
    messages: [{ replyToExternalId: "wamid.ID", ...choice("No-Button-Payload", "No") }],
  },
  "wa-netflie-can_build_a_list_notification": {
    messages: [choice("list_reply_id", "list_reply_title", "list_reply_description")],
  },
  "wa-netflie-can_build_a_button_reply_notification": {
    messages: [choice("unique-button-identifier-here", "button-text")],
  },
  "wa-netflie-can_build_a_flow_notification": {
    messages: [
      {
        text: "Sent",
        content: {
          kind: "form",
          fields: [
            { name: "screen_0_name_0", value: "Email" },
            { name: "screen_0_orderNumber_1", value: "ID" },
            { name: "flow_token", value: "unused" },
          ],
        },
      },
    ],
  },
  // Placeholders again ("number-of-item" as a quantity).
  "wa-netflie-can_build_an_order_notification": {
    messages: [unsupported("order", "order: product_items.0.quantity: Invalid input")],
  },
  "wa-netflie-can_build_a_system_notification": {
    messages: [
      {
        accountId: "NEW_PHONE_NUMBER_ID",
        from: { address: "PHONE_NUMBER", name: undefined },
        text: "NAME changed from PHONE_NUMBER to PHONE_NUMBER",
        content: { kind: "system", event: "user_changed_number" },
      },
    ],
  },
  "wa-netflie-can_build_a_status_notification": {
    statuses: [status("read", "wamid.ID", "CUSTOMER_PHONE_NUMBER", { at: "2023-01-28T13:59:16.000Z" })],
  },
  "wa-netflie-can_build_a_status_conversation_initiated_notification": {
    statuses: [status("read", "wamid.ID", "CUSTOMER_PHONE_NUMBER")],
  },
  "wa-netflie-can_build_a_status_notification_without_expiration_time": {
    statuses: [status("delivered", "wamid.ID", "CUSTOMER_PHONE_NUMBER")],
  },
  "wa-netflie-can_build_a_status_with_pricing_notification": {
    statuses: [status("delivered", "wamid.ID", "CUSTOMER_PHONE_NUMBER")],
  },
  "wa-netflie-can_build_a_status_notification_with_errors": {
    statuses: [
      status("failed", "amid.ID", "CUSTOMER_PHONE_NUMBER", {
        accountId: "102944729380254",
        error: { code: "131053", message: "ERROR_TITLE" },
      }),
    ],
  },
  "wa-netflie-can_build_a_forwarded_notification": {
    messages: [
      { text: "MESSAGE_BODY", forwarded: true, from: { address: "16315551234", phone: "+16315551234" } },
    ],
  },
  "wa-netflie-can_build_an_authentication_status_notification": {
    statuses: [status("delivered", "wamid.ID", "CUSTOMER_PHONE_NUMBER")],
  },
  "wa-netflie-can_build_a_marketing_status_notification": {
    statuses: [status("delivered", "wamid.ID", "CUSTOMER_PHONE_NUMBER")],
  },
  "wa-netflie-can_build_an_utility_status_notification": {
    statuses: [status("delivered", "wamid.ID", "CUSTOMER_PHONE_NUMBER")],
  },
  "wa-netflie-can_build_a_service_status_notification": {
    statuses: [status("delivered", "wamid.ID", "CUSTOMER_PHONE_NUMBER")],
  },
  "wa-netflie-without_contact_profile_can_build_a_notification": {
    messages: [
      { from: { address: "PHONE_NUMBER", name: undefined, phone: undefined }, text: "MESSAGE_BODY" },
    ],
  },
  // No `from` at all: the contact's business-scoped user id is all that says who wrote.
  "wa-netflie-can_build_a_notification_with_bsuid_only_and_no_from": {
    messages: [{ from: { address: "BSUID_123", name: "NAME", phone: undefined }, text: "MESSAGE_BODY" }],
  },
  "wa-netflie-can_keep_wa_id_priority_when_user_id_is_present": {
    messages: [{ from: { address: "PHONE_NUMBER", name: "NAME" }, text: "MESSAGE_BODY" }],
  },
  "wa-metaexample-v25-incoming": {
    messages: [
      {
        accountId: "123456123",
        externalId: "ABGGFlA5Fpa",
        from: { address: "16315551181", name: "test user name", phone: "+16315551181" },
        sentAt: "2017-09-08T20:36:28.000Z",
        text: "this is a text message",
      },
    ],
  },
  "wa-metaexample-v25-sent": {
    statuses: [status("sent", "ABGGFlA5Fpa", "16315551181", { accountId: "123456123" })],
  },
  "wa-metaexample-v25-delivered": { statuses: [status("delivered", "ABGGFlA5Fpa", "16315551181")] },
  "wa-metaexample-v25-read": { statuses: [status("read", "ABGGFlA5Fpa", "16315551181")] },
};

type Normalised = ReturnType<typeof normaliseWhatsAppWebhook>;

/** What every body of a fixture kind must give, whatever its details. */
const KIND_RULES: Record<string, (result: Normalised) => void> = {
  inbound_message: (result) => {
    expect(result.messages).toHaveLength(1);
    expect(result.statuses).toHaveLength(0);
  },
  status: (result) => {
    expect(result.statuses).toHaveLength(1);
    expect(result.messages).toHaveLength(0);
  },
  interactive_reply: (result) => {
    expect(result.messages).toHaveLength(1);
    expect(["choice", "form"]).toContain(result.messages[0]!.content.kind);
  },
  unsupported: (result) => {
    expect(result.messages).toHaveLength(1);
    const [message] = result.messages;
    expect(message!.content.kind).toBe("unsupported");
    if (message!.content.kind !== "unsupported") return;
    expect(message!.text).toBe("");
    expect(JSON.parse(message!.content.raw)).toMatchObject({ id: message!.externalId });
  },
  system: (result) => {
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]!.content.kind).toBe("system");
  },
  batch: (result) => {
    expect(result.messages).toHaveLength(2);
  },
};

const change = (value: Record<string, unknown>, field = "messages") => ({
  field,
  value: {
    messaging_product: "whatsapp",
    metadata: { display_phone_number: "15550001111", phone_number_id: "PNID" },
    contacts: [{ profile: { name: "Ana" }, wa_id: "5491100000000" }],
    ...value,
  },
});

const webhook = (...changes: ReturnType<typeof change>[]) => ({
  object: "whatsapp_business_account",
  entry: [{ id: "WABA", changes }],
});

const textMessage = (id: string, body: string) => ({
  from: "5491100000000",
  id,
  timestamp: "1700000000",
  type: "text",
  text: { body },
});

describe("normaliseWhatsAppWebhook", () => {
  it("has an expectation for every fixture body", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(bodies.map((item) => item.id).sort());
  });

  it.each(bodies)("reads $id ($kind) as Meta meant it", (item) => {
    const expected = EXPECTED[item.id]!;

    const result = normaliseWhatsAppWebhook(item.payload);

    KIND_RULES[item.kind]?.(result);
    expect(result.rejected).toEqual([]);
    expect(result.echoes).toEqual([]);
    expect(result.messages).toHaveLength(expected.messages?.length ?? 0);
    expect(result.statuses).toHaveLength(expected.statuses?.length ?? 0);
    expect(result.messages).toMatchObject(expected.messages ?? []);
    expect(result.statuses).toMatchObject(expected.statuses ?? []);
    for (const message of result.messages) expect(InboundMessage.parse(message)).toEqual(message);
    for (const update of result.statuses) expect(StatusUpdate.parse(update)).toEqual(update);
  });

  it("keeps the other messages of a batch when one cannot be read, and rejects that one with its JSON", () => {
    const poison = { from: "5491100000000", timestamp: "1700000001", type: "text", text: { body: "no id" } };
    const body = webhook(
      change({ messages: [textMessage("wamid.1", "hola"), poison, textMessage("wamid.2", "chau")] }),
    );

    const result = normaliseWhatsAppWebhook(body);

    expect(result.messages.map((message) => message.externalId)).toEqual(["wamid.1", "wamid.2"]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]!.reason).toContain("id");
    expect(JSON.parse(result.rejected[0]!.raw)).toEqual(poison);
  });

  it("gives every message of every entry and change", () => {
    const first = webhook(change({ messages: [textMessage("wamid.1", "uno")] }));
    const second = webhook(
      change({ messages: [textMessage("wamid.2", "dos")] }),
      change({ messages: [textMessage("wamid.3", "tres")] }),
    );
    const body = { object: first.object, entry: [...first.entry, ...second.entry] };

    const result = normaliseWhatsAppWebhook(body);

    expect(result.messages.map((message) => message.text)).toEqual(["uno", "dos", "tres"]);
  });

  it("throws MalformedWebhookError with the reason for a body of another object", () => {
    const body = { ...webhook(change({ messages: [textMessage("wamid.1", "hola")] })), object: "page" };

    const act = () => normaliseWhatsAppWebhook(body);

    expect(act).toThrow(MalformedWebhookError);
    expect(act).toThrow(/object: .*"whatsapp_business_account"/);
  });

  it("throws MalformedWebhookError for a body with no entries", () => {
    const act = () => normaliseWhatsAppWebhook({ object: "whatsapp_business_account" });

    expect(act).toThrow(MalformedWebhookError);
  });

  it("ignores changes of other fields and statuses it does not track", () => {
    const deleted = {
      id: "wamid.9",
      status: "deleted",
      timestamp: "1700000000",
      recipient_id: "5491100000000",
    };
    const body = webhook(change({}, "message_template_status_update"), change({ statuses: [deleted] }));

    const result = normaliseWhatsAppWebhook(body);

    expect(result.messages).toEqual([]);
    expect(result.statuses).toEqual([]);
    expect(result.ignored.map((ignored) => ignored.reason)).toEqual([
      'field "message_template_status_update" is not handled',
      'status "deleted" is not tracked',
    ]);
  });

  it("keeps a type it does not know as unsupported, its raw JSON cut at 4096 characters", () => {
    const message = { ...textMessage("wamid.1", ""), type: "hologram", hologram: { data: "x".repeat(5000) } };

    const result = normaliseWhatsAppWebhook(webhook(change({ messages: [message] })));

    expect(result.messages).toHaveLength(1);
    const content = result.messages[0]!.content;
    expect(content).toMatchObject({ kind: "unsupported", providerType: "hologram", reason: undefined });
    if (content.kind !== "unsupported") return;
    expect(content.raw).toHaveLength(4096);
    expect(JSON.stringify(message).startsWith(content.raw)).toBe(true);
  });
});
