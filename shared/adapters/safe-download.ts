import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { MediaUnavailableError } from "../channels/media-unavailable.js";

export type DownloadPolicy = {
  /**
   * Origins set by our own configuration (the Graph API, or the local simulator standing in
   * for it): trusted as they are, loopback included, since an operator chose them.
   */
  trustedOrigins: readonly string[];
  /** Hosts a provider serves files from (`.fbsbx.com`): reached over HTTPS, public addresses only. */
  hostSuffixes: readonly string[];
  maxBytes: number;
  headers?: Record<string, string>;
  timeoutMs?: number;
};

const MAX_REDIRECTS = 3;

/** Only addresses on the public internet: no loopback, private, link-local, CGNAT or reserved ranges. */
export function isPublicAddress(address: string) {
  const parsed = ipaddr.parse(address);
  const plain =
    parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
      ? (parsed as ipaddr.IPv6).toIPv4Address()
      : parsed;
  return plain.range() === "unicast";
}

/**
 * The address is checked where the connection is made, not in a separate lookup first, so a
 * name that resolves to a public address once and to 127.0.0.1 the next time (DNS rebinding)
 * still cannot reach inside.
 */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const allowed = addresses.filter((entry) => isPublicAddress(entry.address));
    if (allowed.length === 0) {
      return callback(
        new MediaUnavailableError("address_refused", `${hostname} resolves to an internal address`),
        "",
        0,
      );
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
    callback(null, allowed[0]!.address, allowed[0]!.family);
  });
};

function checkUrl(url: URL, policy: DownloadPolicy) {
  if (policy.trustedOrigins.includes(url.origin)) return { trusted: true };
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (url.protocol !== "https:") {
    throw new MediaUnavailableError(
      "address_refused",
      `Only HTTPS downloads are allowed, not ${url.protocol}`,
    );
  }
  if (isIP(host)) {
    if (!isPublicAddress(host)) {
      throw new MediaUnavailableError("address_refused", `${host} is an internal address`);
    }
  }
  if (!policy.hostSuffixes.some((suffix) => host === suffix.replace(/^\./, "") || host.endsWith(suffix))) {
    throw new MediaUnavailableError(
      "address_refused",
      `${host} is not a host this channel serves files from`,
    );
  }
  return { trusted: false };
}

function get(url: URL, trusted: boolean, policy: DownloadPolicy) {
  return new Promise<IncomingMessage>((resolve, reject) => {
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(
      url,
      {
        method: "GET",
        headers: policy.headers,
        timeout: policy.timeoutMs ?? 15_000,
        ...(!trusted && { lookup: publicOnlyLookup }),
      },
      resolve,
    );
    request.on("timeout", () => request.destroy(new Error(`Download from ${url.host} timed out`)));
    request.on("error", reject);
    request.end();
  });
}

async function readBody(response: IncomingMessage, maxBytes: number) {
  const declared = Number(response.headers["content-length"] ?? 0);
  if (declared > maxBytes) {
    response.destroy();
    throw new MediaUnavailableError("too_large", `The file is ${declared} bytes, more than ${maxBytes}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      response.destroy();
      throw new MediaUnavailableError("too_large", `The file is more than ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Downloads a file a provider pointed us at, refusing anything that could reach inside our
 * network (Rocket.Chat CVE-2024-39713): a host outside the provider's, plain HTTP, an internal
 * address literal or behind a name, and redirects to any of those.
 */
export async function safeDownload(address: string, policy: DownloadPolicy) {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new MediaUnavailableError("address_refused", "Not a URL");
  }
  for (let redirects = 0; ; redirects++) {
    const { trusted } = checkUrl(url, policy);
    const response = await get(url, trusted, policy);
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      if (redirects === MAX_REDIRECTS) throw new MediaUnavailableError("not_found", "Too many redirects");
      url = new URL(response.headers.location, url);
      continue;
    }
    if (status === 404 || status === 410) {
      response.resume();
      throw new MediaUnavailableError("expired", `The file is gone (${status})`);
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw new Error(`Download from ${url.host} answered ${status}`);
    }
    const bytes = await readBody(response, policy.maxBytes);
    const contentType = String(response.headers["content-type"] ?? "application/octet-stream").split(";")[0]!;
    return { bytes, contentType };
  }
}
