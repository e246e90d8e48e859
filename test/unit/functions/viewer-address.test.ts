import { describe, expect, it } from "vitest";
import { viewerAddress } from "../../../functions/http/viewer-address.js";

describe("the viewer's address behind CloudFront", () => {
  it("takes an IPv4 or IPv6 address", () => {
    expect(viewerAddress("198.51.100.10")).toBe("198.51.100.10");
    expect(viewerAddress("2001:db8:85a3::8a2e:370:7334")).toBe("2001:db8:85a3::8a2e:370:7334");
  });

  it("ignores a missing header and anything that is not one address", () => {
    for (const header of [
      undefined,
      "",
      "evil.example",
      "198.51.100.10:443",
      "1.2.3.4, 5.6.7.8",
      "999.1.1.1",
    ]) {
      expect(viewerAddress(header), String(header)).toBeUndefined();
    }
  });
});
