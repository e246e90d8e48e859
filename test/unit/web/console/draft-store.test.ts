import { describe, expect, it, vi } from "vitest";
import { createDraft, type DraftMessage } from "../../../../web/console/src/data/draft-store";

function setup(send: (message: DraftMessage) => Promise<void>) {
  const problems: unknown[] = [];
  const draft = createDraft({
    upload: async (file) => ({ attachmentId: "att_01", name: file.name }),
    send,
    problem: (problem) => problems.push(problem),
  });
  return { draft, problems };
}

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
      { file: "unsupported_type", name: "notes.txt" },
      { file: "too_large", name: "huge.pdf" },
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
});
