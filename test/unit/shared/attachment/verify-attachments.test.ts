import { describe, expect, it } from "vitest";
import {
  type AttachmentClaim,
  MAX_ATTACHMENT_BYTES,
  verifyAttachments,
} from "../../../../shared/attachment/index.js";
import type { FileStore, StoredFile } from "../../../../shared/ports.js";

const owner = { tenantId: "t-1", ownerId: "cus_owner" };
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d];
const PDF = [...Buffer.from("%PDF-1.7\n")];
const HTML = [...Buffer.from("<html><script>")];

let ids = 0;
/** A well-formed attachment id (att_ and 26 Crockford characters). */
const attachmentId = () => `att_01J${String(++ids).padStart(23, "0")}`;
const keyOf = (id: string, ownerId = owner.ownerId) => `tenants/${owner.tenantId}/uploads/${ownerId}/${id}`;

type Stored = StoredFile & { bytes: number[] };

/** A file store holding `objects` by key, recording what is asked of it. */
function fakeFiles(objects: Record<string, Stored>) {
  const asked: string[] = [];
  const removed: string[] = [];
  const files: FileStore = {
    presignUpload: async () => ({ url: "http://files", headers: {} }),
    presignDownload: async () => "http://files",
    put: async () => {},
    read: async () => null,
    head: async (key) => {
      asked.push(key);
      const object = objects[key];
      return object ? { size: object.size, contentType: object.contentType } : null;
    },
    readStart: async (key, bytes) => Uint8Array.from(objects[key]!.bytes.slice(0, bytes)),
    remove: async (key) => {
      removed.push(key);
    },
  };
  return { ports: { files }, asked, removed };
}

function claim(id: string, name = "archivo"): AttachmentClaim {
  return { attachmentId: id, name };
}

describe("checking a message's attachments against what was really uploaded", () => {
  it("accepts a PNG uploaded by the claimant and describes it", async () => {
    const id = attachmentId();
    const { ports, removed } = fakeFiles({
      [keyOf(id)]: { contentType: "image/png", size: 2048, bytes: PNG },
    });

    const attachments = await verifyAttachments(ports, owner, [claim(id, "tarjeta.png")]);

    expect(attachments).toEqual([
      { attachmentId: id, key: keyOf(id), name: "tarjeta.png", contentType: "image/png", size: 2048 },
    ]);
    expect(removed).toEqual([]);
  });

  it("refuses with 400 attachment_missing a claim of a file that was never uploaded", async () => {
    const id = attachmentId();
    const { ports, removed } = fakeFiles({});

    await expect(verifyAttachments(ports, owner, [claim(id)])).rejects.toMatchObject({
      status: 400,
      details: { attachmentId: id, code: "attachment_missing" },
    });
    expect(removed).toEqual([]);
  });

  it("looks for a claimed file only among the claimant's own uploads", async () => {
    const id = attachmentId();
    const { ports, asked } = fakeFiles({
      [keyOf(id, "cus_someone_else")]: { contentType: "application/pdf", size: 10, bytes: PDF },
    });

    await expect(verifyAttachments(ports, owner, [claim(id)])).rejects.toMatchObject({ status: 400 });
    expect(asked).toEqual([keyOf(id)]);
  });

  it("refuses with 415 and deletes a file whose first bytes do not match its type", async () => {
    const id = attachmentId();
    const { ports, removed } = fakeFiles({
      [keyOf(id)]: { contentType: "image/png", size: 14, bytes: HTML },
    });

    await expect(verifyAttachments(ports, owner, [claim(id)])).rejects.toMatchObject({
      status: 415,
      code: "unsupported_media_type",
    });
    expect(removed).toEqual([keyOf(id)]);
  });

  it("refuses with 415 and deletes a file of a type not accepted", async () => {
    const id = attachmentId();
    const { ports, removed } = fakeFiles({
      [keyOf(id)]: { contentType: "text/html", size: 14, bytes: HTML },
    });

    await expect(verifyAttachments(ports, owner, [claim(id)])).rejects.toMatchObject({ status: 415 });
    expect(removed).toEqual([keyOf(id)]);
  });

  it("refuses with 413 and deletes a file over 10 MB, and takes one of exactly 10 MB", async () => {
    const big = attachmentId();
    const limit = attachmentId();
    const { ports, removed } = fakeFiles({
      [keyOf(big)]: { contentType: "application/pdf", size: MAX_ATTACHMENT_BYTES + 1, bytes: PDF },
      [keyOf(limit)]: { contentType: "application/pdf", size: 10 * 1024 * 1024, bytes: PDF },
    });

    await expect(verifyAttachments(ports, owner, [claim(big)])).rejects.toMatchObject({
      status: 413,
      code: "payload_too_large",
    });
    expect(removed).toEqual([keyOf(big)]);
    await expect(verifyAttachments(ports, owner, [claim(limit)])).resolves.toHaveLength(1);
  });

  it("refuses more than 5 attachments with 400 before looking at any", async () => {
    const claims = Array.from({ length: 6 }, () => claim(attachmentId()));
    const objects = Object.fromEntries(
      claims.map((c) => [keyOf(c.attachmentId), { contentType: "application/pdf", size: 10, bytes: PDF }]),
    );
    const { ports, asked } = fakeFiles(objects);

    await expect(verifyAttachments(ports, owner, claims)).rejects.toMatchObject({
      status: 400,
      code: "invalid_request",
    });
    expect(asked).toEqual([]);
    await expect(verifyAttachments(ports, owner, claims.slice(0, 5))).resolves.toHaveLength(5);
  });
});
