import { describe, expect, it, vi } from "vitest";
import { createDraft, type DraftMessage } from "../../../../web/console/src/data/draft-store";

type Options = Omit<Parameters<typeof createDraft>[0], "upload" | "send" | "problem">;

function setup(send: (message: DraftMessage) => Promise<void>, options: Options = {}) {
  const problems: unknown[] = [];
  const draft = createDraft({
    upload: async (file) => ({ attachmentId: "att_01", name: file.name }),
    send,
    problem: (problem) => problems.push(problem),
    ...options,
  });
  return { draft, problems };
}

const pdf = (name: string) => new File(["%PDF-"], name, { type: "application/pdf" });

describe("createDraft", () => {
  it("retries a failed send with the same client message id, so it lands once", async () => {
    const send = vi
      .fn<(message: DraftMessage) => Promise<void>>()
      .mockRejectedValueOnce(new Error("offline"))
      .mockResolvedValueOnce();
    const { draft, problems } = setup(send);
    draft.setText("  Hola, ya lo miro  ");
    await draft.send();
    await draft.send();
    expect(problems).toHaveLength(1);
    const [first, second] = send.mock.calls.map(([message]) => message);
    expect(second?.clientMessageId).toBe(first?.clientMessageId);
    expect(second?.text).toBe("Hola, ya lo miro");
    expect(draft.text()).toBe("");
  });

  it("sends an edited draft as a new message", async () => {
    const send = vi
      .fn<(message: DraftMessage) => Promise<void>>()
      .mockRejectedValueOnce(new Error("offline"))
      .mockResolvedValueOnce();
    const { draft } = setup(send);
    draft.setText("Hola");
    await draft.send();
    draft.setText("Hola, perdona");
    await draft.send();
    const [first, second] = send.mock.calls.map(([message]) => message);
    expect(second?.clientMessageId).not.toBe(first?.clientMessageId);
  });

  it("refuses files the server would refuse before uploading them", () => {
    const { draft, problems } = setup(async () => {});
    draft.attach([
      new File(["x"], "notes.txt", { type: "text/plain" }),
      { name: "huge.pdf", type: "application/pdf", size: 11 * 1024 * 1024 } as File,
    ]);
    expect(problems).toEqual([
      { file: "unsupported_type", name: "notes.txt", max: 5 },
      { file: "too_large", name: "huge.pdf", max: 5 },
    ]);
    expect(draft.attachments()).toEqual([]);
  });

  it("sends uploaded attachments without text, and not while one is still uploading", async () => {
    const send = vi.fn<(message: DraftMessage) => Promise<void>>().mockResolvedValue();
    const { draft } = setup(send);
    draft.attach([new File(["%PDF-"], "ticket.pdf", { type: "application/pdf" })]);
    expect(draft.canSend()).toBe(false);
    await vi.waitFor(() => expect(draft.canSend()).toBe(true));
    await draft.send();
    expect(send.mock.calls[0]?.[0]).toMatchObject({
      text: "",
      attachments: [{ attachmentId: "att_01", name: "ticket.pdf" }],
    });
  });

  it("takes one file per message on WhatsApp and says so", () => {
    const { draft, problems } = setup(async () => {}, { channel: "whatsapp" });
    draft.attach([pdf("a.pdf"), pdf("b.pdf")]);
    expect(draft.maxFiles).toBe(1);
    expect(draft.attachments().map((a) => a.name)).toEqual(["a.pdf"]);
    expect(problems).toEqual([{ file: "one_file", name: "b.pdf", max: 1 }]);
  });

  it("sends reply buttons as content under the text, and clears them once sent", async () => {
    const send = vi.fn<(message: DraftMessage) => Promise<void>>().mockResolvedValue();
    const { draft } = setup(send, { channel: "whatsapp" });
    draft.setExtras({ kind: "buttons", buttons: ["Sí", ""] });
    draft.setText("¿Confirmas la visita?");
    expect(draft.issue()).toEqual({ problem: "extras_incomplete" });
    expect(draft.canSend()).toBe(false);
    draft.setExtras({ kind: "buttons", buttons: ["Sí", "No"] });
    await draft.send();
    expect(send.mock.calls[0]?.[0]).toMatchObject({
      text: "¿Confirmas la visita?",
      content: {
        kind: "buttons",
        buttons: [
          { id: "button_1", title: "Sí" },
          { id: "button_2", title: "No" },
        ],
      },
    });
    expect(draft.extras()).toEqual({ kind: "none" });
  });

  it("starts an e-mail reply with the thread's people and subject, and keeps them for the next one", async () => {
    const send = vi.fn<(message: DraftMessage) => Promise<void>>().mockResolvedValue();
    const email = { to: "lucia@example.com", cc: "", subject: "Re: Cargo doble" };
    const { draft } = setup(send, { channel: "email", email });
    draft.setEmail({ ...email, cc: "jefa@example.com; legal@example.com" });
    draft.setText("Adjunto el detalle.");
    await draft.send();
    expect(send.mock.calls[0]?.[0]).toMatchObject({
      text: "Adjunto el detalle.",
      email: {
        to: ["lucia@example.com"],
        cc: ["jefa@example.com", "legal@example.com"],
        subject: "Re: Cargo doble",
      },
    });
    expect(draft.email().to).toBe("lucia@example.com");
    expect(draft.text()).toBe("");
  });

  it("answers a particular message, and forgets it once sent", async () => {
    const send = vi.fn<(message: DraftMessage) => Promise<void>>().mockResolvedValue();
    const { draft } = setup(send);
    draft.setReplyToSeq(4);
    draft.setText("Sobre esto: sí");
    await draft.send();
    expect(send.mock.calls[0]?.[0]).toMatchObject({ replyToSeq: 4 });
    expect(draft.replyToSeq()).toBeUndefined();
  });

  it("sends a template with its parameters, and retries it with the same client message id", async () => {
    const send = vi
      .fn<(message: DraftMessage) => Promise<void>>()
      .mockRejectedValueOnce(new Error("offline"))
      .mockResolvedValueOnce();
    const { draft } = setup(send, { channel: "whatsapp" });
    const template = { name: "seguimiento", language: "es", parameters: ["Lucía"] };
    await draft.sendTemplate(template);
    await draft.sendTemplate(template);
    const [first, second] = send.mock.calls.map(([message]) => message);
    expect(second).toEqual(first);
    expect(first).toMatchObject({ text: "", content: { kind: "template", ...template } });
  });
});
