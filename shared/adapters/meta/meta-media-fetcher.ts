import { z } from "zod";
import { MediaUnavailableError } from "../../channels/media-unavailable.js";
import type { MediaFetcher } from "../../ports.js";
import { safeDownload } from "../safe-download.js";

/** Where Meta serves media files from; anything else is refused. */
export const META_MEDIA_HOSTS = [".fbsbx.com", ".fbcdn.net", ".whatsapp.net", ".facebook.com"] as const;

const MediaUrl = z.object({ url: z.string(), mime_type: z.string().optional() });

/**
 * Media of WhatsApp (asked of the Graph API by id, downloaded with the token) and Messenger
 * (a direct URL). The Graph API's own origin is trusted as configured; the URLs it and the
 * webhooks hand out must be on Meta's media hosts and public addresses.
 */
export function createMetaMediaFetcher(options: {
  whatsappGraphUrl: string;
  whatsappAccessToken: string;
  /** Extra origins the operator trusts (the local simulator serving media). */
  trustedOrigins?: readonly string[];
}): MediaFetcher {
  const graphOrigin = new URL(options.whatsappGraphUrl).origin;
  const trustedOrigins = [graphOrigin, ...(options.trustedOrigins ?? [])];
  const auth = { authorization: `Bearer ${options.whatsappAccessToken}` };

  return {
    async fetch(source, maxBytes) {
      if (source.from === "stored") throw new Error("A stored file needs no fetching");
      if (source.from === "url") {
        return safeDownload(source.url, { trustedOrigins, hostSuffixes: META_MEDIA_HOSTS, maxBytes });
      }
      const response = await fetch(`${options.whatsappGraphUrl}/${encodeURIComponent(source.mediaId)}`, {
        headers: auth,
        signal: AbortSignal.timeout(10_000),
      });
      if (response.status === 400 || response.status === 404) {
        throw new MediaUnavailableError("expired", `WhatsApp no longer has media ${source.mediaId}`);
      }
      if (!response.ok)
        throw new Error(`The Graph API answered ${response.status} for media ${source.mediaId}`);
      const { url, mime_type } = MediaUrl.parse(await response.json());
      const file = await safeDownload(url, {
        trustedOrigins,
        hostSuffixes: META_MEDIA_HOSTS,
        maxBytes,
        headers: auth,
      });
      return { bytes: file.bytes, contentType: mime_type ?? file.contentType };
    },
  };
}
