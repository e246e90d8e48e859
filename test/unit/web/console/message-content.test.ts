import { describe, expect, it } from "vitest";
import {
  contentNotice,
  deliveryLabel,
  fileKind,
  type Label,
  messageSnippet,
  missingMediaLabel,
  openStreetMapUrl,
  reactionsBySeq,
  reactionTarget,
} from "../../../../web/console/src/data/message-content";
import { translate } from "../../../../web/console/src/i18n";
import { message } from "./fixtures";

/** A label as a reader sees it; a quote may already be plain text. */
const es = (label: Label | { text: string } | undefined) =>
  label && ("text" in label ? label.text : translate("es", label.key, label.params));
const en = (label: Label | undefined) => label && translate("en", label.key, label.params);

describe("content labels", () => {
  it("says what the customer chose", () => {
    const label = contentNotice({ kind: "choice", choice: { id: "button_1", title: "Sí, confirmo" } });
    expect(es(label)).toBe("Eligió: Sí, confirmo");
    expect(en(label)).toBe("Chose: Sí, confirmo");
  });

  it("names an unsupported type instead of hiding it", () => {
    const label = contentNotice({
      kind: "unsupported",
      providerType: "poll",
      raw: "{}",
      reason: "Message type unknown",
    });
    expect(es(label)).toBe("Tipo de mensaje no compatible (poll)");
  });

  it("tells a reaction from a reaction taken back", () => {
    expect(es(contentNotice({ kind: "reaction", emoji: "👍", targetExternalId: "wamid.1" }))).toBe(
      "Reaccionó con 👍",
    );
    expect(es(contentNotice({ kind: "reaction", emoji: "", targetExternalId: "wamid.1" }))).toBe(
      "Quitó su reacción",
    );
  });

  it("shows what we sent as buttons, a list or a template, and a platform notice", () => {
    expect(es(contentNotice({ kind: "list", buttonLabel: "Ver horarios", sections: [] }))).toBe(
      "Lista enviada: «Ver horarios»",
    );
    expect(es(contentNotice({ kind: "template", name: "cita", language: "es", parameters: [] }))).toBe(
      "Plantilla cita (es)",
    );
    expect(es(contentNotice({ kind: "system", event: "customer_changed_number" }))).toBe(
      "Aviso de la plataforma: customer_changed_number",
    );
  });

  it("adds no line to plain text, files and e-mails", () => {
    expect(contentNotice(undefined)).toBeUndefined();
    expect(contentNotice({ kind: "text" })).toBeUndefined();
    expect(contentNotice({ kind: "media", mediaType: "image" })).toBeUndefined();
    expect(contentNotice({ kind: "email", subject: "Hola", from: "a@b.co", to: [], cc: [] })).toBeUndefined();
  });

  it("names a file that could not be fetched, and why", () => {
    expect(es(missingMediaLabel({ name: "foto.jpg", reason: "media expired" }))).toBe(
      "Archivo no disponible: foto.jpg (media expired)",
    );
  });

  it("spells out a waiting or failed delivery with its reason", () => {
    expect(es(deliveryLabel({ state: "queued", reason: "Graph API 503" }))).toBe(
      "Pendiente de envío, reintentando: Graph API 503",
    );
    expect(es(deliveryLabel({ state: "failed", reason: "131026: not on WhatsApp" }))).toBe(
      "No se pudo entregar: 131026: not on WhatsApp",
    );
    expect(en(deliveryLabel({ state: "read" }))).toBe("Read");
  });
});

describe("files and places", () => {
  it("shows images inline, plays audio and video, and offers the rest as downloads", () => {
    expect(fileKind("image/jpeg")).toBe("image");
    expect(fileKind("audio/ogg; codecs=opus")).toBe("audio");
    expect(fileKind("video/mp4")).toBe("video");
    expect(fileKind("application/pdf")).toBe("file");
  });

  it("links a location to OpenStreetMap, marker on the spot", () => {
    const url = new URL(openStreetMapUrl(19.4326, -99.1332));
    expect(url.origin).toBe("https://www.openstreetmap.org");
    expect(url.searchParams.get("mlat")).toBe("19.4326");
    expect(url.searchParams.get("mlon")).toBe("-99.1332");
  });
});

describe("quotes and reactions", () => {
  it("quotes a message by its text, cut short, else by its files or its kind", () => {
    expect(messageSnippet(message(1, { text: "a ".repeat(100) }))).toEqual({ text: `${"a ".repeat(39)}a…` });
    expect(
      messageSnippet(
        message(2, {
          text: "",
          attachments: [{ attachmentId: "att_1", name: "foto.jpg", contentType: "image/jpeg", size: 1 }],
        }),
      ),
    ).toEqual({ text: "foto.jpg" });
    expect(es(messageSnippet(message(3, { text: "", content: { kind: "media", mediaType: "voice" } })))).toBe(
      "Nota de voz",
    );
  });

  it("keeps the customer's latest reaction on each message, and drops one taken back", () => {
    const log = [
      { ...message(1, { author: "agent" }), externalId: "wamid.A" },
      { ...message(2, { author: "agent" }), externalId: "wamid.B" },
      message(3, { text: "👍", content: { kind: "reaction", emoji: "👍", targetExternalId: "wamid.A" } }),
      message(4, { text: "❤️", content: { kind: "reaction", emoji: "❤️", targetExternalId: "wamid.B" } }),
      message(5, { text: "", content: { kind: "reaction", emoji: "", targetExternalId: "wamid.B" } }),
      message(6, {
        text: "🙏",
        content: { kind: "reaction", emoji: "🙏", targetExternalId: "wamid.unknown" },
      }),
    ];
    expect([...reactionsBySeq(log)]).toEqual([[1, "👍"]]);
  });

  it("finds a reaction's message by the number the server resolved, else by the provider's id", () => {
    const byId = message(3, { content: { kind: "reaction", emoji: "👍", targetExternalId: "wamid.A" } });
    const bySeq = message(4, {
      replyToSeq: 2,
      content: { kind: "reaction", emoji: "😮", targetExternalId: "wamid.B" },
    });
    const unknown = message(5, { content: { kind: "reaction", emoji: "🙏", targetExternalId: "wamid.C" } });
    const log = [{ ...message(1), externalId: "wamid.A" }, message(2), byId, bySeq, unknown];
    if (byId.content?.kind !== "reaction" || bySeq.content?.kind !== "reaction") throw new Error("fixture");
    expect(reactionTarget(log, { ...byId, content: byId.content })?.seq).toBe(1);
    expect(reactionTarget(log, { ...bySeq, content: bySeq.content })?.seq).toBe(2);
    expect([...reactionsBySeq(log)]).toEqual([
      [1, "👍"],
      [2, "😮"],
    ]);
  });
});
