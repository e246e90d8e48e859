import { createHash, randomBytes } from "node:crypto";
import type { Context } from "hono";
import { randomDigits } from "./random-ids.js";

/** Meta's largest accepted file (a WhatsApp document); anything bigger is refused as it would be there. */
const MAX_MEDIA_BYTES = 100 * 1024 * 1024;

/** How long fetching a `link` may take before the send fails, as Meta gives up on slow hosts. */
const FETCH_TIMEOUT_MS = 15_000;

export type StoredMedia = {
  id: string;
  bytes: Uint8Array<ArrayBuffer>;
  mimeType: string;
  fileName?: string;
  sha256: Buffer;
  /** The secret part of the download URL, as Meta's lookaside URLs carry a hash. */
  urlSecret: string;
};

/** A stored file as a chat message refers to it (and the page shows it). */
export type MediaRef = { id: string; mimeType: string; fileName?: string };

/** The chat's reference to `stored`; a name the sender gave wins over the one in its URL. */
export function mediaRef(stored: StoredMedia, fileName = stored.fileName): MediaRef {
  return { id: stored.id, mimeType: stored.mimeType, ...(fileName && { fileName }) };
}

export class MediaFetchError extends Error {
  override name = "MediaFetchError";
}

/** Files the simulated platform holds: what customers sent and what the business linked or uploaded. */
export function createMediaStore() {
  const media = new Map<string, StoredMedia>();

  function put(file: { bytes: Uint8Array; mimeType: string; fileName?: string }): StoredMedia {
    const stored: StoredMedia = {
      id: randomDigits(16),
      // A copy: the caller's buffer may change (or be shared) after it handed the file over.
      bytes: new Uint8Array(file.bytes),
      mimeType: file.mimeType,
      ...(file.fileName && { fileName: file.fileName }),
      sha256: createHash("sha256").update(file.bytes).digest(),
      urlSecret: randomBytes(18).toString("base64url"),
    };
    media.set(stored.id, stored);
    return stored;
  }

  /**
   * Downloads a file the business sent by `link`, as Meta does before delivering it; plain
   * fetch, so a local S3 or any test server works.
   */
  async function fetchLink(url: string): Promise<StoredMedia> {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    } catch (cause) {
      throw new MediaFetchError(`Could not fetch ${url}`, { cause });
    }
    if (!response.ok) throw new MediaFetchError(`${url} answered ${response.status}`);
    if (Number(response.headers.get("content-length") ?? 0) > MAX_MEDIA_BYTES)
      throw new MediaFetchError(`${url} is larger than ${MAX_MEDIA_BYTES} bytes`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > MAX_MEDIA_BYTES)
      throw new MediaFetchError(`${url} is larger than ${MAX_MEDIA_BYTES} bytes`);
    const fileName = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
    return put({
      bytes,
      mimeType: response.headers.get("content-type")?.split(";")[0]?.trim() || "application/octet-stream",
      ...(fileName && { fileName }),
    });
  }

  return { put, fetchLink, get: (id: string) => media.get(id) };
}

export type MediaStore = ReturnType<typeof createMediaStore>;

/** Types a browser shows inline without running anything; every other file downloads. */
const INLINE_TYPES = /^(image\/(jpeg|png|gif|webp)|video\/(mp4|3gpp)|audio\/(aac|mp4|mpeg|amr|ogg))$/;

/**
 * A stored file as a response. The bytes come from whoever sent them and the simulator shares
 * its origin with the local cloud, so an HTML or SVG file opened directly must not run script.
 */
export function mediaResponse(c: Context, stored: StoredMedia) {
  const inline = INLINE_TYPES.test(stored.mimeType);
  return c.body(stored.bytes, 200, {
    "content-type": stored.mimeType,
    "content-security-policy": "default-src 'none'; sandbox",
    "x-content-type-options": "nosniff",
    ...(!inline && {
      "content-disposition": `attachment; filename="${(stored.fileName ?? stored.id).replace(/[^\w.-]/g, "_")}"`,
    }),
  });
}
