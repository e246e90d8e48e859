import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPublicAddress, safeDownload } from "../../../../shared/adapters/safe-download.js";
import { MediaUnavailableError } from "../../../../shared/channels/media-unavailable.js";

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const target = new URL(request.url!, "http://x").searchParams.get("to");
    if (target) {
      response.writeHead(302, { location: target }).end();
      return;
    }
    response.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(64, 1));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const policy = () => ({
  trustedOrigins: [origin],
  hostSuffixes: [".fbsbx.com", "localhost"],
  maxBytes: 1024,
});

async function refusal(url: string, overrides: Partial<ReturnType<typeof policy>> = {}) {
  const error = await safeDownload(url, { ...policy(), ...overrides }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(MediaUnavailableError);
  return (error as MediaUnavailableError).reason;
}

describe("isPublicAddress", () => {
  it.each([
    ["127.0.0.1", false],
    ["10.1.2.3", false],
    ["172.16.0.9", false],
    ["192.168.1.1", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["0.0.0.0", false],
    ["::1", false],
    ["fe80::1", false],
    ["fd00::1", false],
    ["::ffff:127.0.0.1", false],
    ["::ffff:10.0.0.1", false],
    ["157.240.22.35", true],
    ["2a03:2880:f12f:83:face:b00c:0:25de", true],
  ])("%s is public: %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe("safeDownload", () => {
  it("downloads from the origin our configuration trusts", async () => {
    const { bytes, contentType } = await safeDownload(`${origin}/media/1`, policy());
    expect([bytes.byteLength, contentType]).toEqual([64, "image/png"]);
  });

  it.each([
    ["the cloud's metadata service", "http://169.254.169.254/latest/meta-data/"],
    ["loopback over HTTPS", "https://127.0.0.1/secret"],
    ["a private address", "https://10.0.0.5/internal.png"],
    ["a link-local IPv6 address", "https://[fe80::1]/x"],
    ["loopback written as IPv4-mapped IPv6", "https://[::ffff:127.0.0.1]/x"],
    ["a host outside the provider's", "https://evil.example.com/image.png"],
    ["a look-alike host", "https://fbsbx.com.evil.example.com/image.png"],
    ["another scheme", "file:///etc/passwd"],
  ])("refuses %s", async (_what, url) => {
    expect(await refusal(url)).toBe("address_refused");
  });

  it("refuses a provider host whose name resolves to an internal address", async () => {
    expect(await refusal("https://localhost:1/media")).toBe("address_refused");
  });

  it("refuses a redirect from a trusted origin to an internal address", async () => {
    const to = encodeURIComponent("http://127.0.0.1:1/admin");
    expect(await refusal(`${origin}/?to=${to}`)).toBe("address_refused");
    const toPrivate = encodeURIComponent("https://192.168.0.1/admin");
    expect(await refusal(`${origin}/?to=${toPrivate}`)).toBe("address_refused");
  });

  it("refuses a file larger than allowed", async () => {
    expect(await refusal(`${origin}/big`, { maxBytes: 10 })).toBe("too_large");
  });
});
