import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  signMetaBody,
  toMetaJson,
  verifyMetaSignature,
} from "../../../../shared/channels/webhook-signature.js";
import messengerFile from "../../../fixtures/channels/messenger.json" with { type: "json" };
import whatsappFile from "../../../fixtures/channels/whatsapp.json" with { type: "json" };

const Header = z.record(z.string(), z.string()).transform((headers) => Object.values(headers)[0]);
const Vector = z.object({
  id: z.string(),
  kind: z.literal("signature_vector"),
  app_secret: z.string(),
  raw_body: z.string().optional(),
  header: Header.optional(),
  cases: z.array(z.object({ raw_body: z.string(), header: Header, expect: z.string() })).optional(),
});
const vectors = (file: { items: unknown[] }) =>
  file.items.flatMap((item) => {
    const vector = Vector.safeParse(item);
    return vector.success ? [vector.data] : [];
  });

const [whatsapp] = vectors(whatsappFile);
const messenger = vectors(messengerFile);

/** Meta's wire form: every character outside 0x00-0x7E as `\uXXXX`, lowercase, as toMetaJson writes it. */
const escapeLikeMeta = (text: string) =>
  text.replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);

describe("verifyMetaSignature with the WhatsApp X-Hub-Signature-256 vector", () => {
  const secret = whatsapp!.app_secret;
  const header = whatsapp!.header!;
  const wire = escapeLikeMeta(whatsapp!.raw_body!);

  it("accepts the bytes Meta sent, as a string or as bytes", () => {
    expect(verifyMetaSignature(wire, header, secret)).toBe(true);
    expect(verifyMetaSignature(new TextEncoder().encode(wire), header, secret)).toBe(true);
  });

  it("refuses the same text as plain UTF-8, the way a re-serialised body would arrive", () => {
    const plain = new TextEncoder().encode(whatsapp!.raw_body!);

    expect(verifyMetaSignature(plain, header, secret)).toBe(false);
  });

  it("refuses sha256=wrong, a missing header and a header made with another secret", () => {
    expect(verifyMetaSignature(wire, "sha256=wrong", secret)).toBe(false);
    expect(verifyMetaSignature(wire, undefined, secret)).toBe(false);
    expect(verifyMetaSignature(wire, signMetaBody(wire, "ANOTHER_APP_SECRET"), secret)).toBe(false);
  });

  it("refuses a sha1 header where sha256 is expected", () => {
    const sha1 = signMetaBody(wire, secret, "sha1");

    expect(verifyMetaSignature(wire, sha1, secret)).toBe(false);
    expect(verifyMetaSignature(wire, sha1, secret, "sha1")).toBe(true);
  });

  it("signs the way Meta does, so simulators send what a real delivery looks like", () => {
    expect(signMetaBody(wire, secret)).toBe(header);
    expect(toMetaJson(whatsapp!.raw_body!)).toBe(`"${wire}"`);
  });
});

describe("verifyMetaSignature with the Messenger X-Hub-Signature (sha1) vectors", () => {
  const cases = messenger.flatMap((vector) => [
    ...(vector.raw_body && vector.header
      ? [
          {
            id: vector.id,
            secret: vector.app_secret,
            body: vector.raw_body,
            header: vector.header,
            valid: true,
          },
        ]
      : []),
    ...(vector.cases ?? []).map((entry) => ({
      id: `${vector.id}: ${entry.expect}`,
      secret: vector.app_secret,
      body: entry.raw_body,
      header: entry.header,
      valid: entry.expect.startsWith("valid"),
    })),
  ]);

  it("has both sources' vectors, valid and invalid", () => {
    expect(cases.filter((entry) => entry.valid)).toHaveLength(3);
    expect(cases.filter((entry) => !entry.valid)).toHaveLength(3);
  });

  it.each(cases)("$id", ({ secret, body, header, valid }) => {
    expect(verifyMetaSignature(body, header, secret, "sha1")).toBe(valid);
  });

  it("refuses a valid sha1 header when checked as sha256", () => {
    const [botman] = cases;

    expect(verifyMetaSignature(botman!.body, botman!.header, botman!.secret)).toBe(false);
  });
});
